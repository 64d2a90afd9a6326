import type { SimProbeState, SrPolicyJson } from '../sim-source';
import type { FlowForwarder } from './flow-paths';
import type { SrPolicyStore } from './sr-policy.store';
import type { PathTable } from './flow-paths';
import type { LinkLoad } from './link-load';

/** Module-level aliases: global lookups are slow inside vm contexts (jest), and these run per arc per tick. */
const { sqrt, abs } = Math;

/** Intrinsic per-hop delay variation (µs) plus this share of the queueing delay. */
const BASE_JITTER_US = 2;
const QUEUE_JITTER_SHARE = 0.3;

export interface ProbeTarget {
  readonly policy: string;
  readonly headend: string;
}

/**
 * STAMP-like end-to-end probes of SR policies: probe packets follow the policy's flow buckets, so delay is
 * the fraction-weighted sum of per-hop delays (propagation, added latency, queueing), loss is
 * 1 − Π(1 − loss_i) along each path (100 % on paths that end in a drop or when no candidate path is valid),
 * jitter follows queueing and delay changes (RFC 3550-like smoothing).
 */
export class ProbeTracker {
  private results: SimProbeState[] = [];
  private byHeadend = new Map<string, SimProbeState[]>();
  private prev = new Map<string, SimProbeState>();

  measure(targets: readonly ProbeTarget[], paths: PathTable, load: LinkLoad, nowMs: number): void {
    const out: SimProbeState[] = targets.map((t, i) => {
      const m = measurePaths(paths, i, load);
      const last = this.prev.get(`${t.headend}\u0000${t.policy}`);
      const step = last && m.reached ? abs(m.delayUs - last.delayUs) : 0;
      const jitterUs = m.reached ? (last ? 0.5 * last.jitterUs : 0) + 0.5 * (m.jitterUs + step) : 0;
      return {
        policy: t.policy,
        headend: t.headend,
        timestampMs: nowMs,
        delayUs: m.delayUs,
        jitterUs,
        lossPct: m.lossPct,
      };
    });
    this.results = out;
    this.prev = new Map(out.map((r) => [`${r.headend}\u0000${r.policy}`, r]));
    this.byHeadend = new Map();
    for (const r of out) {
      const list = this.byHeadend.get(r.headend);
      if (list) list.push(r);
      else this.byHeadend.set(r.headend, [r]);
    }
  }

  forHeadend(headend: string): readonly SimProbeState[] {
    return this.byHeadend.get(headend) ?? [];
  }

  all(): readonly SimProbeState[] {
    return this.results;
  }
}

/** One probe over entry i's paths: mean delay of packets that arrive, loss, and queue-driven jitter. */
export function measurePaths(
  paths: PathTable,
  i: number,
  load: LinkLoad,
): { delayUs: number; jitterUs: number; lossPct: number; reached: boolean } {
  const { entryPathStart, pathFraction, pathHopStart, hops, pathDropped, entrySteering } = paths;
  let delay = 0;
  let loss = 0;
  let qj = 0;
  let reached = 0;
  for (let p = entryPathStart[i]!; p < entryPathStart[i + 1]!; p++) {
    const f = pathFraction[p]!;
    let d = 0;
    let pass = 1;
    let j2 = 0;
    for (let h = pathHopStart[p]!; h < pathHopStart[p + 1]!; h++) {
      const a = hops[h]!;
      d += load.delayUs[a]!;
      pass *= 1 - load.totalLoss[a]!;
      j2 += (BASE_JITTER_US + QUEUE_JITTER_SHARE * load.queueUs[a]!) ** 2;
    }
    if (pathDropped[p]) pass = 0;
    loss += f * (1 - pass);
    if (pass > 0) {
      delay += f * d;
      qj += f * sqrt(j2);
      reached += f;
    }
  }
  if (entrySteering[i] === -1) loss = 1;
  const ok = reached > 0 && entrySteering[i] !== -1;
  return {
    delayUs: ok ? delay / reached : 0,
    jitterUs: ok ? qj / reached : 0,
    lossPct: 100 * loss,
    reached: ok,
  };
}

/** Probes one segment list (or, empty, the IGP path) over the current link state without installing it. */
export function probeOnRequest(
  store: SrPolicyStore,
  forwarder: FlowForwarder,
  load: LinkLoad,
  nowMs: number,
  headend: string,
  endpoint: string,
  segments: readonly string[],
): SimProbeState | { error: string } {
  const json: SrPolicyJson = {
    name: 'on-request',
    headend,
    color: 0,
    endpoint,
    'candidate-path': [
      {
        preference: 1,
        'segment-list': [{ weight: 1, segment: segments.map((sid, index) => ({ index, sid })) }],
      },
    ],
  };
  const r =
    segments.length > 0
      ? store.check(headend, json)
      : store.check(headend, { ...json, 'candidate-path': [] });
  if (!r.ok) return { error: r.message };
  const policy = segments.length > 0 ? r.policy : undefined;
  const entry = {
    src: r.policy.headend,
    dst: r.policy.endpoint,
    key: 0x7fffffff,
    ...(policy && { policy }),
  };
  const m = measurePaths(forwarder.build([entry]), 0, load);
  return {
    policy: json.name,
    headend,
    timestampMs: nowMs,
    delayUs: m.delayUs,
    jitterUs: m.jitterUs,
    lossPct: m.lossPct,
  };
}
