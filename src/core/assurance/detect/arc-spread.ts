/** Pooled arc statistics of the latency detector: the learned spread of an arc's mean z, robust window means. */
import { RollingQuantile, SIGMA_PER_P90_ABS } from './rolling-quantile';

/** The fresh arc's assumed spread counts as this many samples until `MATURE` of its own are in. */
const PRIOR_SAMPLES = 20;
const MATURE = 60;

/**
 * An arc's learned spread of its pooled statistic per window: the robust σ of the fraction-weighted mean,
 * over the arc's paths, of their window-mean z (the 90th percentile of |mean| over the last `size`
 * intervals ÷ 1.6449, ADR 0160). Shared queue noise (paths over one busy link move together) and autocorrelation in time both
 * widen it; it is never below what independent white noise would give. A high quantile, not a mean of |mean|:
 * it still sees the tails of the arc's noise, while the transients a campaign of repairs leaves (paths reseeded after a move, levels catching up with load a
 * repair moved) last seconds to a minute (under a tenth of the window) and must not blind the arc for the minutes after.
 */
export class ArcSpread {
  private readonly abs: RollingQuantile[];

  constructor(
    private readonly windows: readonly number[],
    /** Intervals the median looks back over. */
    size: number,
  ) {
    this.abs = windows.map(() => new RollingQuantile(size, 10, 0.9));
  }

  /** σ of the pooled mean z for window index j, floored at the independent-white value. */
  sigma(j: number, independentFloor: number): number {
    const w = this.windows[j]!;
    const m = this.abs[j]!;
    const n = m.count;
    // a fresh arc assumes its paths move together (no pooling gain) until it has learned otherwise
    const prior = 1 / Math.sqrt(w);
    const own = n > 0 ? SIGMA_PER_P90_ABS * m.value() : 0;
    const s = n >= MATURE ? own : (n * own + PRIOR_SAMPLES * prior) / (n + PRIOR_SAMPLES);
    return Math.max(independentFloor / Math.sqrt(w), s);
  }

  learn(pooled: readonly (number | null)[]): void {
    pooled.forEach((m, j) => {
      if (m !== null) this.abs[j]!.push(Math.abs(m));
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
