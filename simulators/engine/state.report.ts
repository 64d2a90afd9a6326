import type { SimProbeState, SrPolicyJson } from '../sim-source';
import { CONTROL_PLANE_MBPS } from './interface.table';
import type { SimEngine } from './sim.engine';

/** One direction of a link, as GET /state reports it (the ground truth the twin is compared with). */
export interface SimLinkState {
  readonly link: string;
  readonly arc: string;
  readonly from: string;
  readonly to: string;
  readonly status: 'up' | 'down';
  readonly capacityMbps: number;
  /** Offered load arriving at the egress queue (Mbit/s); utilisation = loadMbps / capacityMbps (> 1 = overload). */
  readonly loadMbps: number;
  readonly utilisation: number;
  /** What leaves the egress port (offered minus queue drops, plus control-plane traffic): what out-octets count. */
  readonly carriedMbps: number;
  readonly delayUs: number;
  readonly lossPct: number;
}

export interface SimStateReport {
  readonly nowMs: number;
  readonly tick: number;
  readonly tickMs: number;
  readonly links: readonly SimLinkState[];
  readonly nodes: readonly {
    readonly id: string;
    readonly up: boolean;
    readonly legacy: boolean;
    readonly telemetrySilent: boolean;
    readonly cpuPct: number;
    readonly memPct: number;
  }[];
}

export interface SimPolicyReport {
  readonly headend: string;
  readonly name: string;
  /** The policy as the NE holds it now (changed by a drift fault while one is acting). */
  readonly policy: SrPolicyJson;
  readonly drifted: boolean;
  /** What the headend's probe session measured last (binomial loss, noisy delay). */
  readonly probe: SimProbeState | null;
  /** The exact path model behind that probe (ground truth for benchmarks; no NE exports it). */
  readonly truth: { readonly delayUs: number; readonly jitterUs: number; readonly lossPct: number } | null;
  /** Traffic steered into the policy at its headend (monotonic octets and packets, as decimal strings). */
  readonly counters: { readonly outOctets: string; readonly outPkts: string } | null;
}

/** Per-link per-direction load, utilisation, delay, loss and status, plus per-node health, at engine time. */
export function simStateReport(engine: SimEngine): SimStateReport {
  const { net, load } = engine;
  const links: SimLinkState[] = [];
  for (let a = 0; a < net.arcCount; a++) {
    const srcIf = net.arcSrcIf[a]!;
    const dstIf = net.arcDstIf[a]!;
    const up =
      (srcIf < 0 || engine.interfaces.operUp[srcIf] === 1) &&
      (dstIf < 0 || engine.interfaces.operUp[dstIf] === 1);
    links.push({
      link: net.linkIds[net.arcLink[a]!]!,
      arc: net.arcIds[a]!,
      from: net.nodeIds[net.arcFrom[a]!]!,
      to: net.nodeIds[net.arcTo[a]!]!,
      status: up ? 'up' : 'down',
      capacityMbps: net.arcCapacityMbps[a]!,
      loadMbps: load.offeredMbps[a]!,
      utilisation: load.utilisation[a]!,
      carriedMbps: up ? load.offeredMbps[a]! * (1 - load.queueLoss[a]!) + CONTROL_PLANE_MBPS : 0,
      delayUs: load.delayUs[a]!,
      lossPct: 100 * load.totalLoss[a]!,
    });
  }
  const nodes = net.nodeIds.map((id) => {
    const n = engine.nodeStatus(id)!;
    return { id, ...n, telemetrySilent: engine.telemetrySilent(id) };
  });
  return { nowMs: engine.nowMs(), tick: engine.ticks, tickMs: engine.tickMs, links, nodes };
}

/** Every installed SR policy with its drift flag, latest probe result, its ground truth and counters. */
export function simPolicyReport(engine: SimEngine): SimPolicyReport[] {
  return engine.nodeIds().flatMap((h) => {
    const counters = engine.policyCounters(h);
    return engine.policies(h).map((policy) => {
      const t = engine.probing.tracker.truth(h, policy.name);
      const c = counters.find((x) => x.policy === policy.name);
      return {
        headend: h,
        name: policy.name,
        policy,
        drifted: engine.isDrifted(h, policy.name),
        probe: engine.probes(h).find((p) => p.policy === policy.name) ?? null,
        truth: t ? { delayUs: t.delayUs, jitterUs: t.jitterUs, lossPct: t.lossPct } : null,
        counters: c ? { outOctets: String(c.outOctets), outPkts: String(c.outPkts) } : null,
      };
    });
  });
}
