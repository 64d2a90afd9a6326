import { SimEngine } from '../simulators/engine';
import { srPolicyToJson } from '../src/adapters/yang/sr-policy-json.mapping';
import type { NodeId } from '../src/core/model/ids';
import { SidTable } from '../src/core/topology';
import type { TopologyGraph } from '../src/core/topology';
import { TwinIndex } from '../src/core/twin';
import type { DemandEntry, TwinPolicy } from '../src/core/twin';
import { buildDemandMatrix } from '../src/core/twin/matrix';

/** The in-process simulator seen as the controller sees it, for bench/twin.bench.ts. */
/** Seeded uniform [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The simulator with the controller's view of it: index, SIDs, installed policies, counter snapshots. */
export class Harness {
  readonly index: TwinIndex;
  readonly sids: SidTable;
  readonly engine: SimEngine;
  policies: TwinPolicy[] = [];
  private prevPol = new Map<string, bigint>();
  private prevDst = new Map<string, bigint>();
  private prevIf = new Map<string, bigint>();

  /** Headends whose counters the controller does not get (SNMP-only): their demands are estimated. */
  readonly silent = new Set<string>();

  constructor(
    readonly topo: TopologyGraph,
    seed: number,
    silentShare = 0,
  ) {
    this.sids = SidTable.allocate(topo);
    this.index = TwinIndex.of(topo, this.sids);
    this.engine = new SimEngine({ topology: topo, seed, probeRatePps: 1000 });
    const pick = rng(seed * 7919);
    for (const n of this.index.g.nodeIds) if (pick() < silentShare) this.silent.add(n);
  }

  install(p: TwinPolicy): void {
    this.engine.setPolicies(p.headend, [
      ...this.engine.policies(p.headend),
      srPolicyToJson({
        name: p.name,
        headend: p.headend,
        color: p.color,
        endpoint: this.sids.endSid(p.endpoint).sid,
        candidatePaths: p.candidatePaths.map((cp) => ({
          preference: cp.preference,
          segmentLists: [...cp.segmentLists],
        })),
      }),
    ]);
    this.policies = [...this.policies, p];
  }

  uninstall(p: TwinPolicy): void {
    this.engine.deletePolicy(p.headend, p.name);
    this.policies = this.policies.filter((x) => x !== p);
  }

  /** Steps one tick and reads every counter as a rate over it (what the telemetry normaliser computes). */
  tick(): { demands: DemandEntry[]; loads: Float64Array; arcUp: Uint8Array } {
    this.engine.step();
    const secs = this.engine.tickMs / 1000;
    const rate = (m: Map<string, bigint>, k: string, v: bigint): number => {
      const prev = m.get(k);
      m.set(k, v);
      return prev === undefined ? NaN : (Number(v - prev) * 8) / secs / 1e6;
    };
    const measured = {
      policies: [] as { headend: NodeId; policy: string; mbps: number }[],
      destinations: [] as { from: NodeId; to: NodeId; mbps: number }[],
    };
    const g = this.index.g;
    const loads = new Float64Array(g.m).fill(NaN);
    const arcUp = new Uint8Array(g.m).fill(1);
    for (const ne of this.engine.nodeIds()) {
      const id = ne as NodeId;
      const silent = this.silent.has(ne);
      for (const c of this.engine.policyCounters(ne)) {
        const mbps = rate(this.prevPol, `${ne}/${c.policy}`, c.outOctets);
        if (mbps > 0 && !silent) measured.policies.push({ headend: id, policy: c.policy, mbps });
      }
      for (const c of this.engine.destinationCounters(ne)) {
        const mbps = rate(this.prevDst, `${ne}>${c.destination}`, c.outOctets);
        if (mbps > 0 && !silent) measured.destinations.push({ from: id, to: c.destination as NodeId, mbps });
      }
      for (const i of this.engine.node(ne)?.interfaces ?? []) {
        const arc = this.topo.link(i.linkId as never).arcs.find((a) => a.from === ne);
        const a = arc && g.arc(arc.id);
        if (a === undefined) continue;
        loads[a] = rate(this.prevIf, `${ne}/${i.name}`, i.outOctets);
        if (!i.operUp) arcUp[a] = 0;
      }
    }
    const m = buildDemandMatrix(this.index, {
      measured,
      policies: this.policies,
      reportingHeadends: new Set(g.nodeIds.filter((n) => !this.silent.has(n))),
      linkLoadMbps: loads,
      arcUp,
    });
    return { demands: m.demands, loads, arcUp };
  }
}

export function endSid(h: Harness, n: NodeId): string {
  return h.sids.endSid(n).sid;
}

/** Twin policies over random pairs, via a random waypoint (so they do not all follow the IGP). */
export function randomPolicies(h: Harness, count: number, r: () => number, tag: string): TwinPolicy[] {
  const ids = h.index.g.nodeIds;
  const out: TwinPolicy[] = [];
  for (let k = 0; k < count; k++) {
    const a = ids[Math.floor(r() * ids.length)]!;
    const b = ids[Math.floor(r() * ids.length)]!;
    const w = ids[Math.floor(r() * ids.length)]!;
    if (a === b || w === a || w === b) continue;
    const sids = r() < 0.5 ? [endSid(h, w), endSid(h, b)] : [endSid(h, b)];
    out.push({
      headend: a,
      name: `${tag}${k}`,
      endpoint: b,
      color: 100 + k,
      candidatePaths: [{ preference: 100, segmentLists: [{ weight: 1, sids }] }],
    });
  }
  return out;
}
