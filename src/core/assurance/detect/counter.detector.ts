import type { ArcId } from '../../model/ids';
import type { LinkObservation, Signal } from '../observation';

export interface CounterDetectorOptions {
  /** Time constant (ms) of each arc's baseline rate and its mean absolute deviation. */
  readonly tauMs: number;
  /** Excess over baseline must exceed max(floor, sigmas × robust σ) … */
  readonly sigmas: number;
  readonly errorFloorPs: number;
  readonly discardFloorPs: number;
  /** … for this many consecutive fresh reports. */
  readonly persist: number;
}

export const DEFAULT_COUNTER_OPTIONS: CounterDetectorOptions = {
  tauMs: 3_600_000,
  sigmas: 6,
  errorFloorPs: 1,
  discardFloorPs: 50,
  persist: 3,
};

interface Track {
  level: number;
  meanAbs: number;
  samples: number;
  over: number;
  lastMs: number;
}

type Metric = 'errors' | 'discards';

/**
 * Interface counters per arc: input errors / FCS (a corrupting link) and output discards (a congested one).
 * Each rate is compared with the arc's own learned baseline (slow EWMA, robust σ); an arc signals when the
 * excess is above max(absolute floor, 6 σ) for 3 consecutive fresh reports. Stale reports are skipped.
 * Budget: a healthy link reports zero errors, so a false `errors` signal needs three consecutive intervals
 * of ≥ 1 error/s; `discards` needs ≥ 50/s sustained: busy hours below capacity discard nothing and do not
 * fire (ADR 0101). These signals are priors for the localiser and features for the classifier.
 */
export class CounterDetector {
  private readonly options: CounterDetectorOptions;
  private readonly tracks = new Map<string, Track>();

  constructor(options: Partial<CounterDetectorOptions> = {}) {
    this.options = { ...DEFAULT_COUNTER_OPTIONS, ...options };
  }

  update(atMs: number, links: readonly LinkObservation[]): Signal[] {
    const signals: Signal[] = [];
    for (const l of links) {
      if (l.stale) continue;
      const errors = Math.max(l.inErrorsPs ?? 0, l.inFcsErrorsPs ?? 0);
      const hasErrors = l.inErrorsPs !== undefined || l.inFcsErrorsPs !== undefined;
      if (hasErrors) this.check(signals, atMs, l, 'errors', errors, this.options.errorFloorPs);
      if (l.outDiscardsPs !== undefined)
        this.check(signals, atMs, l, 'discards', l.outDiscardsPs, this.options.discardFloorPs);
    }
    return signals;
  }

  private check(
    out: Signal[],
    atMs: number,
    l: LinkObservation,
    metric: Metric,
    rate: number,
    floor: number,
  ): void {
    const key = `${metric}:${l.arc}`;
    const t = this.tracks.get(key) ?? { level: rate, meanAbs: 0, samples: 0, over: 0, lastMs: atMs };
    this.tracks.set(key, t);
    const sigma = 1.2533 * t.meanAbs;
    const excess = rate - t.level;
    const bar = Math.max(floor, this.options.sigmas * sigma);
    const over = t.samples > 0 && excess > bar;
    t.over = over ? t.over + 1 : 0;
    if (!over) this.learn(t, atMs, rate);
    else t.lastMs = atMs;
    t.samples++;
    if (t.over < this.options.persist) return;
    out.push(signal(metric, atMs, l.arc, rate, t, bar, l.utilisation));
  }

  private learn(t: Track, atMs: number, rate: number): void {
    const dt = Math.max(atMs - t.lastMs, 1);
    const w = Math.min(1, Math.max(1 / (t.samples + 1), dt / this.options.tauMs));
    t.meanAbs += w * (Math.abs(rate - t.level) - t.meanAbs);
    t.level += w * (rate - t.level);
    t.lastMs = atMs;
  }
}

function signal(
  metric: Metric,
  atMs: number,
  arc: ArcId,
  rate: number,
  t: Track,
  bar: number,
  util: number | null,
): Signal {
  return {
    kind: metric,
    atMs,
    arcs: [arc],
    score: (rate - t.level) / Math.max(bar, 1e-9),
    detail: `${arc}: ${metric} ${rate.toFixed(1)}/s against a baseline of ${t.level.toFixed(1)}/s`,
    evidence: {
      ratePs: rate,
      baselinePs: t.level,
      barPs: bar,
      intervals: t.over,
      utilisation: util ?? 'unknown',
    },
  };
}
