/**
 * The q-quantile (default the median) of the last `size` values (a ring buffer, sorted lazily when read, at most once per `refresh`
 * pushes once it holds `4 × refresh` values: a scale estimate may lag a few intervals, not cost a sort each). The latency detector's scale
 * estimates use it (ADR 0160): a burst shorter than half the window (a congestion episode, the level error
 * of paths a repair just moved) leaves the median where it was, where a mean of absolute values is pulled
 * up for as long as its time constant.
 */
export class RollingQuantile {
  private readonly ring: Float32Array;
  private readonly sorted: Float32Array;
  private next = 0;
  private n = 0;
  private cached: number | null = null;
  private stale = 0;

  constructor(
    readonly size: number,
    private readonly refresh = 1,
    /** Which quantile (0–1); interpolated between order statistics. */
    private readonly q = 0.5,
  ) {
    this.ring = new Float32Array(size);
    this.sorted = new Float32Array(size);
  }

  get count(): number {
    return this.n;
  }

  push(x: number): void {
    this.ring[this.next] = x;
    this.next = (this.next + 1) % this.size;
    if (this.n < this.size) this.n++;
    if (++this.stale >= this.refresh || this.n < 4 * this.refresh) this.cached = null;
  }

  clear(): void {
    this.n = 0;
    this.next = 0;
    this.cached = null;
    this.stale = 0;
  }

  /** The q-quantile of the values held (NaN when none). */
  value(): number {
    if (this.n === 0) return NaN;
    if (this.cached !== null) return this.cached;
    const s = this.sorted.subarray(0, this.n);
    s.set(this.n === this.size ? this.ring : this.ring.subarray(0, this.n));
    s.sort();
    const x = this.q * (this.n - 1);
    const lo = Math.floor(x);
    this.cached = lo + 1 < this.n ? s[lo]! + (x - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
    this.stale = 0;
    return this.cached;
  }
}

/** σ of a normal variable from the median of its absolute value (1 / Φ⁻¹(0.75)). */
export const SIGMA_PER_MEDIAN_ABS = 1.4826;
/** σ of a zero-mean normal variable from its 95th percentile (1 / Φ⁻¹(0.95)). */
export const SIGMA_PER_UPPER_P95 = 1 / 1.6449;
