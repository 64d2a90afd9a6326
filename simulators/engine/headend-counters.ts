import type { SimDestinationCounters, SimPolicyCounters } from '../sim-source';
import type { ForwardingPlan } from './forwarding.plan';
import { AVG_PACKET_BYTES } from './link-physics';
import type { SimNetwork } from './sim-network';

interface PolicyAcc {
  octets: number;
  pkts: number;
}

/**
 * Per-headend traffic counters as SR routers export them (the inputs of an SR traffic-matrix collector): per
 * installed SR policy the traffic steered into it, and per destination node the traffic the headend routes
 * by IGP. Counted at the headend (what enters the policy or the network), so downstream loss does not show.
 * Values are float64 octets (exact integers up to 9 PB) read out as monotonic bigints.
 */
export class HeadendCounters {
  /** Keyed by `${headend}\u0000${name}`; a policy's counters start at 0 when it is installed. */
  private readonly policies = new Map<string, PolicyAcc>();
  /** Per plan policy index its accumulator (rebuilt when the plan changes). */
  private accs: PolicyAcc[] = [];
  private plan: ForwardingPlan | undefined;
  /** Per demand the IGP-routed octets it has contributed. */
  private readonly igpOctets: Float64Array;
  /** Per source node its demands, grouped by destination node (destination order). */
  private readonly bySource: readonly (readonly { readonly dst: number; readonly demands: number[] }[])[];

  constructor(
    private readonly net: SimNetwork,
    demandSrc: Int32Array,
    demandDst: Int32Array,
  ) {
    this.igpOctets = new Float64Array(demandSrc.length);
    const groups = net.nodeIds.map(() => new Map<number, number[]>());
    for (let d = 0; d < demandSrc.length; d++) {
      const g = groups[demandSrc[d]!]!;
      const list = g.get(demandDst[d]!);
      if (list) list.push(d);
      else g.set(demandDst[d]!, [d]);
    }
    this.bySource = groups.map((g) =>
      [...g].sort((a, b) => a[0] - b[0]).map(([dst, demands]) => ({ dst, demands })),
    );
  }

  /** Adds one tick of offered demand rates (Mbit/s) under `plan`. */
  advance(plan: ForwardingPlan, rates: Float64Array, tickMs: number): void {
    if (plan !== this.plan) this.rebind(plan);
    const bytesPerMbps = (1e6 / 8) * (tickMs / 1000);
    const dp = plan.demandPolicy;
    for (let d = 0; d < rates.length; d++) {
      const bytes = rates[d]! * bytesPerMbps;
      if (bytes <= 0) continue;
      const p = dp[d]!;
      if (p < 0) {
        this.igpOctets[d]! += bytes;
        continue;
      }
      const acc = this.accs[p]!;
      acc.octets += bytes;
      acc.pkts += bytes / AVG_PACKET_BYTES;
    }
  }

  /** Counters of every installed policy of a headend (policy-name order, as the plan lists them). */
  policyCounters(headend: string): SimPolicyCounters[] {
    const out: SimPolicyCounters[] = [];
    for (const t of this.plan?.probeTargets ?? []) {
      if (t.headend !== headend) continue;
      const acc = this.policies.get(`${t.headend}\u0000${t.policy}`);
      if (!acc) continue;
      out.push({ policy: t.policy, outOctets: whole(acc.octets), outPkts: whole(acc.pkts) });
    }
    return out;
  }

  /** IGP-routed traffic of a node per destination it has demands towards (destination-id order). */
  destinationCounters(ne: string): SimDestinationCounters[] {
    const v = this.net.nodeIndex(ne);
    if (v === undefined) return [];
    return this.bySource[v]!.map(({ dst, demands }) => {
      let octets = 0;
      for (const d of demands) octets += this.igpOctets[d]!;
      return { destination: this.net.nodeIds[dst]!, outOctets: whole(octets) };
    });
  }

  /** Keeps the accumulators of policies still installed, starts new ones at 0, forgets removed ones. */
  private rebind(plan: ForwardingPlan): void {
    this.plan = plan;
    const keep = new Set<string>();
    this.accs = plan.probeTargets.map((t) => {
      const key = `${t.headend}\u0000${t.policy}`;
      keep.add(key);
      let acc = this.policies.get(key);
      if (!acc) this.policies.set(key, (acc = { octets: 0, pkts: 0 }));
      return acc;
    });
    for (const key of this.policies.keys()) if (!keep.has(key)) this.policies.delete(key);
  }
}

const whole = (x: number): bigint => BigInt(Math.floor(x));
