import type { UtilisationHistory } from '../../core/twin/forecast';

interface ArcSeries {
  /** Bucket index (floor(t / step)) of sums[0]. */
  first: number;
  sums: number[];
  counts: number[];
}

/**
 * Per-arc utilisation history in fixed buckets of the network clock (mean of the samples in each bucket),
 * bounded to `maxBuckets` per arc, for the forecasts. Memory: arcs × maxBuckets × 2 numbers.
 */
export class UtilisationHistoryBook {
  private readonly series = new Map<string, ArcSeries>();

  constructor(
    readonly stepMs: number,
    private readonly maxBuckets: number,
  ) {}

  add(arc: string, atMs: number, utilisation: number): void {
    if (!Number.isFinite(utilisation)) return;
    const b = Math.floor(atMs / this.stepMs);
    let s = this.series.get(arc);
    if (!s) this.series.set(arc, (s = { first: b, sums: [], counts: [] }));
    if (b < s.first) return;
    // A jump beyond the window (clock step, hostile timestamp) restarts the series instead of filling the gap.
    if (b - s.first >= s.sums.length + this.maxBuckets) {
      s.first = b;
      s.sums.length = 0;
      s.counts.length = 0;
    }
    while (s.first + s.sums.length <= b) {
      s.sums.push(0);
      s.counts.push(0);
    }
    const i = b - s.first;
    s.sums[i]! += utilisation;
    s.counts[i]! += 1;
    const excess = s.sums.length - this.maxBuckets;
    if (excess > 0) {
      s.sums.splice(0, excess);
      s.counts.splice(0, excess);
      s.first += excess;
    }
  }

  /** The history of one arc up to (not including) the bucket still filling at `nowMs`. */
  history(
    arc: { link: string; arc: string; from: string; to: string },
    nowMs: number,
  ): UtilisationHistory | undefined {
    const s = this.series.get(arc.arc);
    if (!s) return undefined;
    const end = Math.min(s.sums.length, Math.floor(nowMs / this.stepMs) - s.first);
    const values: number[] = [];
    for (let i = 0; i < end; i++) values.push(s.counts[i]! > 0 ? s.sums[i]! / s.counts[i]! : NaN);
    return { ...arc, startMs: s.first * this.stepMs, stepMs: this.stepMs, values };
  }
}
