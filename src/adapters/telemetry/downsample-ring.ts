import type { SeriesBucket } from '../../core/telemetry';

/** One resolution of a series: `capacity` buckets of `stepMs` (e.g. 1 s × 3 600 = one hour). */
export interface TierSpec {
  readonly stepMs: number;
  readonly capacity: number;
}

const INITIAL = 16;
/** t, sum, min, max (Float64) and count (Uint32). */
export const BYTES_PER_BUCKET = 36;

/** A ring of aggregated buckets (sum, count, min, max) that grows up to its capacity, then evicts the oldest. */
class Tier {
  t: Float64Array;
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
  n: Uint32Array;
  head = 0;
  len = 0;

  constructor(
    readonly stepMs: number,
    readonly capacity: number,
  ) {
    const size = capacity < INITIAL ? capacity : INITIAL;
    this.t = new Float64Array(size);
    this.sum = new Float64Array(size);
    this.min = new Float64Array(size);
    this.max = new Float64Array(size);
    this.n = new Uint32Array(size);
  }

  /** Physical index of the i-th oldest bucket. */
  at(i: number): number {
    const j = this.head + i;
    return j < this.t.length ? j : j - this.t.length;
  }

  /** Adds a value; false if it is older than everything the ring can still update. */
  add(time: number, v: number): boolean {
    const b = time - (time % this.stepMs);
    if (this.len > 0) {
      const last = this.at(this.len - 1);
      if (this.t[last] === b) return this.merge(last, v);
      if (b < this.t[last]!) return this.late(b, v);
    }
    this.push(b, v);
    return true;
  }

  private merge(i: number, v: number): boolean {
    this.sum[i]! += v;
    this.n[i]!++;
    if (v < this.min[i]!) this.min[i] = v;
    if (v > this.max[i]!) this.max[i] = v;
    return true;
  }

  private late(b: number, v: number): boolean {
    for (let k = this.len - 2; k >= 0; k--) {
      const i = this.at(k);
      if (this.t[i] === b) return this.merge(i, v);
      if (this.t[i]! < b) return false;
    }
    return false;
  }

  private push(b: number, v: number): void {
    if (this.len === this.t.length && this.len < this.capacity) this.grow();
    let i: number;
    if (this.len === this.capacity) {
      i = this.head;
      this.head = this.head + 1 === this.t.length ? 0 : this.head + 1;
    } else {
      i = this.at(this.len);
      this.len++;
    }
    this.t[i] = b;
    this.sum[i] = v;
    this.min[i] = v;
    this.max[i] = v;
    this.n[i] = 1;
  }

  private grow(): void {
    const size = Math.min(this.capacity, this.t.length * 2);
    const copy = <A extends Float64Array | Uint32Array>(src: A, dst: A): A => {
      for (let k = 0; k < this.len; k++) dst[k] = src[this.at(k)]!;
      return dst;
    };
    this.t = copy(this.t, new Float64Array(size));
    this.sum = copy(this.sum, new Float64Array(size));
    this.min = copy(this.min, new Float64Array(size));
    this.max = copy(this.max, new Float64Array(size));
    this.n = copy(this.n, new Uint32Array(size));
    this.head = 0;
  }

  /** Holds every bucket from `fromMs` on (nothing newer than that was evicted). */
  covers(fromMs: number): boolean {
    return this.len < this.capacity || this.t[this.head]! <= fromMs;
  }

  bytes(): number {
    return this.t.length * BYTES_PER_BUCKET;
  }
}

/**
 * One field of one series at several resolutions, finest first (e.g. 1 s × 1 h, then 1 min × 24 h). Every
 * value goes into every tier, so each coarser tier is an exact aggregate of what the finer ones saw. Memory
 * is bounded by Σ capacity × 36 bytes.
 */
export class DownsampleRing {
  private readonly tiers: Tier[];

  constructor(specs: readonly TierSpec[]) {
    this.tiers = specs.map((s) => new Tier(s.stepMs, s.capacity));
  }

  /** Adds a sample; false if even the finest tier could no longer place it (too old). */
  add(timeMs: number, v: number): boolean {
    const tiers = this.tiers;
    let ok = tiers[0]!.add(timeMs, v);
    for (let k = 1; k < tiers.length; k++) ok = tiers[k]!.add(timeMs, v) || ok;
    return ok;
  }

  /**
   * Buckets of `max(stepMs, tier step)` (a multiple of the tier step) from the finest tier that still holds
   * `fromMs`, or the coarsest one. Bucket starts are multiples of the step; empty buckets are omitted.
   */
  query(fromMs: number, toMs: number, stepMs: number): { stepMs: number; buckets: SeriesBucket[] } {
    const tier = this.tiers.find((t) => t.covers(fromMs)) ?? this.tiers[this.tiers.length - 1]!;
    const ts = tier.stepMs;
    const step = stepMs <= ts ? ts : Math.ceil(stepMs / ts) * ts;
    const start = fromMs - (fromMs % step);
    const buckets: SeriesBucket[] = [];
    let cur: { t: number; sum: number; n: number; min: number; max: number } | undefined;
    for (let k = 0; k < tier.len; k++) {
      const i = tier.at(k);
      const t = tier.t[i]!;
      if (t < start || t > toMs) continue;
      const b = t - (t % step);
      if (cur === undefined || cur.t !== b) {
        if (cur) buckets.push(bucketOf(cur));
        cur = { t: b, sum: 0, n: 0, min: Infinity, max: -Infinity };
      }
      cur.sum += tier.sum[i]!;
      cur.n += tier.n[i]!;
      if (tier.min[i]! < cur.min) cur.min = tier.min[i]!;
      if (tier.max[i]! > cur.max) cur.max = tier.max[i]!;
    }
    if (cur) buckets.push(bucketOf(cur));
    return { stepMs: step, buckets };
  }

  bytes(): number {
    let b = 0;
    for (const t of this.tiers) b += t.bytes();
    return b;
  }
}

const bucketOf = (c: { t: number; sum: number; n: number; min: number; max: number }): SeriesBucket => ({
  t: c.t,
  mean: c.sum / c.n,
  min: c.min,
  max: c.max,
  count: c.n,
});
