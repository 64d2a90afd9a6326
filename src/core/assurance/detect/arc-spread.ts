/** Pooled arc statistics of the latency detector: the learned spread of an arc's mean z, robust window means. */
import { RollingQuantile, SIGMA_PER_UPPER_P95 } from './rolling-quantile';

/** The fresh arc's assumed spread counts as this many samples until `MATURE` of its own are in. */
const PRIOR_SAMPLES = 20;
const MATURE = 60;

/**
 * An arc's learned spread of its pooled statistic per window: the robust σ of the fraction-weighted mean,
 * over the arc's paths, of their window-mean z, read from its **upper** tail (the 95th percentile of the
 * signed mean over the last `size` intervals ÷ 1.6449, ADR 0171; ADR 0160 read both tails, the 90th
 * percentile of |mean|). Shared queue noise (paths over one busy link move together) and autocorrelation in
 * time both widen it; it is never below what independent white noise would give. A high quantile, not a mean:
 * it still sees the tails of the arc's noise, while the transients a campaign of repairs leaves (paths reseeded
 * after a move, levels catching up with load a repair moved) last seconds to a minute and must not blind the
 * arc for the minutes after. One tail because the test is one-sided (delay up): a level catching up with load
 * that left (delays below their lagging level for tens of intervals) is no evidence that the arc's delays rise
 * by chance, and counted in |mean| it held the spread at 2–3× its white value for minutes after each repair.
 */
export class ArcSpread {
  private readonly upper: RollingQuantile[];

  constructor(
    private readonly windows: readonly number[],
    /** Intervals the quantile looks back over. */
    size: number,
  ) {
    this.upper = windows.map(() => new RollingQuantile(size, 10, 0.95));
  }

  /** σ of the pooled mean z for window index j, floored at the independent-white value. */
  sigma(j: number, independentFloor: number): number {
    const w = this.windows[j]!;
    const m = this.upper[j]!;
    const n = m.count;
    // a fresh arc assumes its paths move together (no pooling gain) until it has learned otherwise
    const prior = 1 / Math.sqrt(w);
    // an upper tail at or below zero (delays below their level most of the window) says nothing: the floor holds
    const own = n > 0 ? Math.max(0, SIGMA_PER_UPPER_P95 * m.value()) : 0;
    const s = n >= MATURE ? own : (n * own + PRIOR_SAMPLES * prior) / (n + PRIOR_SAMPLES);
    return Math.max(independentFloor / Math.sqrt(w), s);
  }

  learn(pooled: readonly (number | null)[]): void {
    pooled.forEach((m, j) => {
      if (m !== null) this.upper[j]!.push(m);
    });
  }
}

/** x clipped to [lo, hi]. */
export const clip = (x: number, hi: number, lo: number): number => Math.max(lo, Math.min(hi, x));

/**
 * Mean over the intervals of a window without its largest one (for two intervals, the smaller): no single
 * interval (a spike, on one path or on several at once) carries the statistic, and two spikes in a window of
 * three weigh like one. Scaled by the spread of the plain mean, which is wider: conservative.
 */
export function robustMean(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  let top = -Infinity;
  let sum = 0;
  for (const x of xs) {
    sum += x;
    if (x > top) top = x;
  }
  return (sum - top) / (xs.length - 1);
}
