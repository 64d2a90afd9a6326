import type { LoopObservation, ObservedPath } from './assurance-engine';
import type { IncidentRecord } from './incident-book';

/**
 * When a latency fault has left the watch probes over its suspects (ADR 0155). A fixed slack over the arcs'
 * nominal delay cannot tell: the injected or real shift may be a few µs, less than the queueing a healthy
 * link shows. So each probe is judged against the shift the incident measured (the localiser's estimate of
 * the suspect's delay excess, `rate`, or the detector's `excessUs`): a probe is clear once its excess over
 * nominal has dropped by at least `share` of that shift from the level it showed with the fault on (at the
 * same load), or sits under that share outright (no queueing can hide a shift that is not there); it is on
 * again when it rises by as much. Both tests are one-sided z tests on the interval means (probe jitter /
 * √received, and the probe's own interval-to-interval wander), and a level is compared only with levels
 * seen at a utilisation within `utilisationBand` of the suspects' current one (queueing follows load).
 */
export const LATENCY_WATCH = {
  /** Share of the measured shift a probe must drop by to count as clear. */
  share: 0.5,
  /**
   * Share of the measured shift a probe's whole excess over nominal must stay under to count as clear: a
   * probe over the faulty arc shows at least the true shift, which the measured one overstates by a few %
   * (bench: drops of 0.95–1.05 × the localiser's rate when faults end).
   */
  underShare: 0.75,
  /** The smallest bar (µs): the latency detector's resolution floor (minSigmaUs). */
  minBarUs: 1,
  /** z of the one-sided tests. */
  z: 3,
  /** Reference levels hold for utilisations within this of the one they were seen at. */
  utilisationBand: 0.02,
  /** Reference levels kept per probe (one per load seen in the current state). */
  maxRefs: 8,
} as const;

/** A probe interval: excess over nominal (µs), its standard error, the highest utilisation it crosses. */
export interface DelaySample {
  readonly e: number;
  readonly se: number;
  readonly u: number | null;
}

/**
 * never-clear: not yet clear since the watch began; dropped: came down (by the bar, or under it) from a level
 * over it — the probe that crossed the fault; under: under the bar from its first interval (it never crossed
 * a fault of this size); on: rose again by the bar after clearing.
 */
export type ProbeDelayState = 'never-clear' | 'dropped' | 'under' | 'on';

interface Ref {
  e: number;
  se: number;
  u: number | null;
  /** Intervals folded into it: a change is judged only against a level seen twice (its wander known). */
  n: number;
}

/** One probe's delay history over the watch: its state and its reference levels in that state. */
export interface ProbeDelayWatch {
  /** Measured intervals (the first, the install interval, is a warm-up and not used). */
  seen: number;
  state: ProbeDelayState;
  refs: Ref[];
  /** Smoothed |Δ excess| between consecutive intervals at a similar load (µs); 0 until measured. */
  wander: number;
}

export const newProbeDelayWatch = (): ProbeDelayWatch => ({
  seen: 0,
  state: 'never-clear',
  refs: [],
  wander: 0,
});

const near = (refs: readonly Ref[], u: number | null): Ref | undefined =>
  refs
    .filter((r) => u === null || r.u === null || Math.abs(r.u - u) <= LATENCY_WATCH.utilisationBand)
    .sort((a, b) => Math.abs((a.u ?? 0) - (u ?? 0)) - Math.abs((b.u ?? 0) - (u ?? 0)))[0];

/** What a change of a probe's level must exceed, and what its level must stay under, to clear (µs). */
export const barsOf = (shiftUs: number) => ({
  change: Math.max(LATENCY_WATCH.minBarUs, LATENCY_WATCH.share * shiftUs),
  under: Math.max(LATENCY_WATCH.minBarUs, LATENCY_WATCH.underShare * shiftUs),
});

/** Folds one interval into a probe's watch, for an incident that measured a shift of `shiftUs`. */
export function observeDelay(w: ProbeDelayWatch, s: DelaySample, shiftUs: number): void {
  w.seen += 1;
  if (w.seen === 1 || !Number.isFinite(s.e)) return;
  const { z } = LATENCY_WATCH;
  const bars = barsOf(shiftUs);
  const bar = bars.change;
  const ref = near(w.refs, s.u);
  const spread = ref ? Math.max(Math.hypot(s.se, ref.se), w.wander) : s.se;
  const clear = w.state === 'dropped' || w.state === 'under';
  const low = s.e + z * s.se < bars.under;
  const change = ref ? s.e - ref.e : 0;
  const moved = ref !== undefined && ref.n >= 2 && Math.abs(change) >= bar && Math.abs(change) >= z * spread;
  const next: ProbeDelayState | undefined = clear
    ? moved && change > 0 && !low
      ? 'on'
      : undefined
    : low
      ? w.refs.length > 0
        ? 'dropped'
        : 'under'
      : moved && change < 0
        ? 'dropped'
        : undefined;
  if (next !== undefined) {
    w.state = next;
    w.refs = [{ ...s, n: 1 }];
    return;
  }
  if (!ref) {
    w.refs = [...w.refs, { ...s, n: 1 }].slice(-LATENCY_WATCH.maxRefs);
    return;
  }
  const d = Math.abs(change);
  w.wander = w.wander === 0 ? d : 0.8 * w.wander + 0.2 * d;
  ref.e = 0.5 * ref.e + 0.5 * s.e;
  ref.se = Math.hypot(0.5 * ref.se, 0.5 * s.se);
  ref.u = s.u;
  ref.n += 1;
}

/** The incident's measured shift on its suspects (µs), or null when its evidence names none. */
export function shiftOf(r: IncidentRecord): number | null {
  let best: number | null = null;
  const take = (x: unknown) => {
    if (typeof x === 'number' && Number.isFinite(x) && x > 0) best = Math.max(best ?? 0, x);
  };
  const walk = (x: unknown, depth: number): void => {
    if (depth > 3 || x === null || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    take(o['excessUs']);
    if (Array.isArray(o['localisation']))
      for (const l of o['localisation'] as unknown[])
        if (l !== null && typeof l === 'object' && (l as Record<string, unknown>)['kind'] === 'latency')
          take((l as Record<string, unknown>)['rate']);
    walk(o['evidence'], depth + 1);
  };
  for (const e of r.evidence) walk(e, 0);
  return best;
}

/** A watch probe as the latency watch sees it. */
export interface WatchedProbe {
  readonly id: string;
  readonly nominalUs: number;
  /** The arcs it crosses (their utilisation tells the load its level was seen at). */
  readonly arcs: readonly string[];
}

/**
 * The delay side of a latency incident's watch: per probe, its state over the intervals seen. The suspects
 * are clear when no probe rose again and either every probe is clear or one of them dropped by the shift
 * (the probe that crossed the fault; a probe over a busy healthy member of the class never drops).
 */
export class LatencyWatch {
  private readonly probes = new Map<string, ProbeDelayWatch>();
  readonly bars: { readonly change: number; readonly under: number };

  constructor(readonly shiftUs: number) {
    this.bars = barsOf(shiftUs);
  }

  /** For a latency incident whose evidence measured its shift; undefined otherwise. */
  static of(r: IncidentRecord): LatencyWatch | undefined {
    const s = r.class === 'latency' ? shiftOf(r) : null;
    return s === null ? undefined : new LatencyWatch(s);
  }

  /** Folds this interval's samples; null when the suspects are clear, else why not (or nothing to judge). */
  judge(
    obs: LoopObservation,
    watched: readonly WatchedProbe[],
  ): { readonly kind: 'faulty'; readonly why: string } | { readonly kind: 'unmeasured' } | null {
    const util = new Map(obs.links.map((l) => [l.arc, l.utilisation]));
    const paths = new Map(obs.paths.map((p) => [p.id, p]));
    const states = watched.map((q): [WatchedProbe, ProbeDelayWatch, number] => {
      const w = this.probes.get(q.id) ?? newProbeDelayWatch();
      this.probes.set(q.id, w);
      const p = paths.get(q.id);
      const s = p && sample(p, q, util);
      if (s) observeDelay(w, s, this.shiftUs);
      return [q, w, s?.e ?? NaN];
    });
    if (states.some(([, w]) => w.seen < 2)) return { kind: 'unmeasured' };
    const on = states.find(([, w]) => w.state === 'on' || w.state === 'never-clear');
    const dropped = states.some(([, w]) => w.state === 'dropped');
    const back = states.find(([, w]) => w.state === 'on');
    const stuck = back ?? (dropped ? undefined : on);
    if (!stuck) return null;
    const [q, w, e] = stuck;
    const why =
      w.state === 'on'
        ? `${q.id} delay back up: ${e.toFixed(1)} µs over nominal`
        : `${q.id} delay ${e.toFixed(1)} µs over nominal: not down by ${this.bars.change.toFixed(1)} µs nor under ${this.bars.under.toFixed(1)} µs (the measured shift +${this.shiftUs.toFixed(1)} µs)`;
    return { kind: 'faulty', why };
  }
}

function sample(
  p: ObservedPath,
  q: WatchedProbe,
  util: ReadonlyMap<string, number | undefined>,
): DelaySample | undefined {
  if (p.delayUs === null) return undefined;
  const received = Math.max(1, p.probesSent - p.probesLost);
  const us = q.arcs.map((a) => util.get(a)).filter((u): u is number => u !== undefined);
  return {
    e: p.delayUs - q.nominalUs,
    se: (p.jitterUs ?? 0) / Math.sqrt(received),
    u: us.length > 0 ? Math.max(...us) : null,
  };
}
