/** Pooled arc statistics of the latency detector: the learned spread of an arc's mean z, robust window means. */
import { SIGMA_PER_MEAN_ABS } from './delay-baseline';

/**
 * An arc's learned spread of its pooled statistic per window: the robust σ of the fraction-weighted mean,
 * over the arc's paths, of their window-mean z. Shared queue noise (paths over one busy link move together)
 * and autocorrelation in time both widen it; it is never below what independent white noise would give.
 */
export class ArcSpread {
  private readonly meanAbs: number[];
  private lastMs: number | null = null;

  constructor(
    private readonly windows: readonly number[],
    /** Time constant in ms. */
    private readonly tauMs: number,
  ) {
    // a fresh arc assumes its paths move together (no pooling gain) until it has learned otherwise
    this.meanAbs = windows.map((w) => 1 / Math.sqrt(w) / SIGMA_PER_MEAN_ABS);
  }

  /** σ of the pooled mean z for window index j, floored at the independent-white value. */
  sigma(j: number, independentFloor: number): number {
    const w = this.windows[j]!;
    return Math.max(independentFloor / Math.sqrt(w), SIGMA_PER_MEAN_ABS * this.meanAbs[j]!);
  }

  learn(atMs: number, pooled: readonly (number | null)[]): void {
    const dt = Math.max(1, atMs - (this.lastMs ?? atMs - 1));
    this.lastMs = atMs;
    const a = Math.min(1, dt / this.tauMs);
    pooled.forEach((m, j) => {
      if (m === null) return;
      const s = SIGMA_PER_MEAN_ABS * this.meanAbs[j]!;
      this.meanAbs[j]! += a * (Math.min(Math.abs(m), 5 * s) - this.meanAbs[j]!);
    });
  }

  hold(atMs: number): void {
    this.lastMs = atMs;
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
