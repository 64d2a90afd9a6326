import type { SimProbeState, SrPolicyJson } from '../sim-source';
import type { FlowForwarder } from './flow-paths';
import type { SrPolicyStore } from './sr-policy.store';
import type { PathTable } from './flow-paths';
import type { LinkLoad } from './link-load';
import { ProbeNoise } from './probe-noise';
import { hashString } from './sim-rng';

/** Module-level aliases: global lookups are slow inside vm contexts (jest), and these run per arc per tick. */
const { sqrt, abs, max } = Math;

/** Intrinsic per-hop delay variation (µs) plus this share of the queueing delay. */
const BASE_JITTER_US = 2;
const QUEUE_JITTER_SHARE = 0.3;

export interface ProbeTarget {
  readonly policy: string;
  readonly headend: string;
}

export interface ProbeOptions {
  /** Probe packets per second per SR policy (STAMP/TWAMP-like); default 1,000. 0 = ideal probes (exact). */
  readonly ratePps?: number;
}

export const DEFAULT_PROBE_RATE_PPS = 1000;

/** What the path model says a probe should see (the ground truth the noisy result is drawn around). */
export interface PathMeasure {
  readonly delayUs: number;
  /** Per-packet delay standard deviation along the paths (µs). */
  readonly jitterUs: number;
  readonly lossPct: number;
  readonly reached: boolean;
}

/**
 * Honest STAMP-like probes of SR policies: each policy is probed with `ratePps` × tick packets per tick that
 * follow its flow buckets. The path model (measurePaths) gives the true mean delay, per-packet delay spread
 * and loss probability; the reported result is what a real probe session would measure: lost probes are a
 * binomial draw, delay is the mean of the received probes' noisy delays, jitter the mean |IPDV| of noisy
 * samples (smoothed RFC 3550-like with delay changes). Seeded per (seed, policy, tick): deterministic.
 */
export class ProbeTracker {
  private results: SimProbeState[] = [];
  private byHeadend = new Map<string, SimProbeState[]>();
  private prev = new Map<string, { readonly trueDelayUs: number; readonly jitterUs: number }>();
  private truthByKey = new Map<string, PathMeasure>();
  /** Per target list (one per forwarding plan) the noise stream of each policy. */
  private readonly streams = new WeakMap<readonly ProbeTarget[], Uint32Array>();
  readonly ratePps: number;

  constructor(
    private readonly seed = 1,
    options: ProbeOptions = {},
  ) {
    const r = options.ratePps ?? DEFAULT_PROBE_RATE_PPS;
    if (!(r >= 0) || !Number.isFinite(r)) throw new RangeError(`probe rate must be ≥ 0 packets/s, got ${r}`);
    this.ratePps = r;
  }

  /** Probe packets each policy sends in one tick. */
  sentPerTick(tickMs: number): number {
    return Math.round((this.ratePps * tickMs) / 1000);
  }

  measure(
    targets: readonly ProbeTarget[],
    paths: PathTable,
    load: LinkLoad,
    nowMs: number,
    tick = 0,
    tickMs = 1000,
  ): void {
    const sent = this.sentPerTick(tickMs);
    let streams = this.streams.get(targets);
    if (!streams) {
      streams = Uint32Array.from(targets, (t) => hashString(`${t.headend}/${t.policy}`));
      this.streams.set(targets, streams);
    }
    const truth = new Map<string, PathMeasure>();
    const prev = new Map<string, { trueDelayUs: number; jitterUs: number }>();
    const out: SimProbeState[] = targets.map((t, i) => {
      const key = `${t.headend}\u0000${t.policy}`;
      const m = measurePaths(paths, i, load);
      truth.set(key, m);
      const noise = new ProbeNoise(this.seed, streams[i]!, tick);
      const o = observe(m, sent, noise);
      const last = this.prev.get(key);
      const step = last && m.reached ? abs(m.delayUs - last.trueDelayUs) : 0;
      const jitterUs = o.received > 0 ? (last ? 0.5 * last.jitterUs : 0) + 0.5 * (o.jitterUs + step) : 0;
      prev.set(key, { trueDelayUs: m.delayUs, jitterUs });
      return {
        policy: t.policy,
        headend: t.headend,
        timestampMs: nowMs,
        delayUs: o.delayUs,
        jitterUs,
        lossPct: o.lossPct,
        probesSent: o.sent,
        probesLost: o.lost,
      };
    });
    this.results = out;
    this.prev = prev;
    this.truthByKey = truth;
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

  /** The exact path measures behind the last probe results (ground truth, for GET /policies and tests). */
  truth(headend: string, policy: string): PathMeasure | undefined {
    return this.truthByKey.get(`${headend}\u0000${policy}`);
  }
}

/**
 * One probe interval's result drawn around the path model: `sent` probes (0 = ideal probes, the exact model
 * values), lost ones binomial, delay the mean of the received ones with per-packet spread `m.jitterUs`.
 */
export function observe(
  m: PathMeasure,
  sent: number,
  noise: ProbeNoise,
): { delayUs: number; jitterUs: number; lossPct: number; sent: number; lost: number; received: number } {
  if (sent <= 0) {
    const received = m.reached ? 1 : 0;
    return { delayUs: m.delayUs, jitterUs: m.jitterUs, lossPct: m.lossPct, sent: 0, lost: 0, received };
  }
  const lost = m.reached ? noise.binomial(sent, m.lossPct / 100) : sent;
  const received = sent - lost;
  const lossPct = (100 * lost) / sent;
  if (received === 0) return { delayUs: 0, jitterUs: 0, lossPct, sent, lost, received };
  const sd = m.jitterUs / sqrt(received);
  const delayUs = max(0, m.delayUs + sd * noise.normal());
  const jitterUs = max(0, MEAN_ABS_DIFF * m.jitterUs * (1 + (0.6 * noise.normal()) / sqrt(received)));
  return { delayUs, jitterUs, lossPct, sent, lost, received };
}

/** E|X − Y| / σ for independent normal X, Y: the mean |IPDV| of iid delays with spread σ. */
const MEAN_ABS_DIFF = 2 / sqrt(Math.PI);

/**
 * The path model of one probe over entry i's paths: probe packets follow the policy's flow buckets, so delay
 * is the fraction-weighted sum of per-hop delays (propagation, added latency, queueing), loss is
 * 1 − Π(1 − loss_i) along each path (100 % on paths that end in a drop or when no candidate path is valid),
 * and the per-packet delay spread follows the queues.
 */
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

/**
 * Probes one segment list (or, empty, the IGP path) over the current link state without installing it:
 * `sent` probe packets, drawn with `noise` like the periodic probes (0 sent = the exact path model).
 */
export function probeOnRequest(
  store: SrPolicyStore,
  forwarder: FlowForwarder,
  load: LinkLoad,
  nowMs: number,
  headend: string,
  endpoint: string,
  segments: readonly string[],
  sent = 0,
  noise?: ProbeNoise,
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
  const o = observe(m, noise ? sent : 0, noise ?? new ProbeNoise(0, 0, 0));
  return {
    policy: json.name,
    headend,
    timestampMs: nowMs,
    delayUs: o.delayUs,
    jitterUs: o.jitterUs,
    lossPct: o.lossPct,
    probesSent: o.sent,
    probesLost: o.lost,
  };
}
