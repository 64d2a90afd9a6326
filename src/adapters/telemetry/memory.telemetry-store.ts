import type { QueryRange, SeriesData, SeriesRef, TelemetryPoint } from '../../core/telemetry';
import type { SinkStats, TelemetryStore } from '../../ports/telemetry-store.port';
import { BoundedMap } from '../../core/telemetry';
import { BYTES_PER_BUCKET, DownsampleRing } from './downsample-ring';
import type { TierSpec } from './downsample-ring';

export interface MemoryStoreOptions {
  /** Resolutions, finest first. Default: 1 s × 1 h, 1 min × 24 h. */
  readonly tiers?: readonly TierSpec[];
  /**
   * Memory bound in bytes (default 512 MiB). The store keeps at most `maxBytes ÷ full ring size` (series,
   * field) rings; with the default tiers a full ring is 181 KB, so the default holds ~2 960 rings at full
   * resolution (ADR 0071). Points per series are bounded by the rings' fixed capacity.
   */
  readonly maxBytes?: number;
  /** Series held at most (default 65 536), whatever their size. */
  readonly maxSeries?: number;
  /** Fields per series at most (default 16; the normaliser's widest measurement has 11). */
  readonly maxFieldsPerSeries?: number;
  /**
   * When full, the least recently written series is evicted for a new one if it has been silent this long
   * (in point time; default 300 000 ms); otherwise the new series' points are dropped and counted, so a
   * network larger than the budget keeps a stable set of series instead of churning all of them.
   * 0 makes it a plain LRU.
   */
  readonly evictIdleMs?: number;
}

export const DEFAULT_TIERS: readonly TierSpec[] = [
  { stepMs: 1000, capacity: 3600 },
  { stepMs: 60_000, capacity: 1440 },
];

/** Why a point was not (fully) stored. */
export type MemoryDropReason = 'closed' | 'late' | 'memory-cap' | 'series-cap' | 'field-cap';

interface Series {
  readonly fields: Map<string, DownsampleRing>;
  /** Newest point time written (for idle eviction). */
  lastMs: number;
}

/**
 * The embedded telemetry store: per series and field, ring buffers with downsampling into coarser rings.
 * Synchronous inside: `write` stores immediately, so there is never anything buffered. Bounded in series,
 * fields per series and rings (bytes); caps are checked before anything is created, idle series are
 * evicted least-recently-written first, and every drop and eviction is counted by reason.
 */
export class MemoryTelemetryStore implements TelemetryStore {
  readonly name = 'memory';
  private readonly series: BoundedMap<string, Series>;
  private readonly tiers: readonly TierSpec[];
  private readonly maxRings: number;
  private readonly maxFields: number;
  private readonly idleMs: number;
  private rings = 0;
  private closed = false;
  private s = { accepted: 0, written: 0, dropped: 0 };
  private readonly drops: Partial<Record<MemoryDropReason, number>> = {};

  constructor(options: MemoryStoreOptions = {}) {
    this.tiers = options.tiers ?? DEFAULT_TIERS;
    if (this.tiers.length === 0) throw new RangeError('memory-store: at least one tier is needed');
    const ringBytes = this.tiers.reduce((b, t) => b + t.capacity * BYTES_PER_BUCKET, 0);
    this.maxRings = Math.floor((options.maxBytes ?? 512 * 1024 * 1024) / ringBytes);
    this.maxFields = options.maxFieldsPerSeries ?? 16;
    if (!Number.isInteger(this.maxFields) || this.maxFields < 1)
      throw new RangeError('memory-store: maxFieldsPerSeries must be a positive integer');
    this.idleMs = options.evictIdleMs ?? 300_000;
    this.series = new BoundedMap(options.maxSeries ?? 65_536, (_, v) => (this.rings -= v.fields.size));
  }

  write(points: readonly TelemetryPoint[]): void {
    const n = points.length;
    this.s.accepted += n;
    if (this.closed) {
      this.drop('closed', n);
      return;
    }
    let written = 0;
    for (let i = 0; i < n; i++) {
      const why = this.writeOne(points[i]!);
      if (why === undefined) written++;
      else this.drop(why, 1);
    }
    this.s.written += written;
  }

  private drop(reason: MemoryDropReason, n: number): void {
    this.s.dropped += n;
    this.drops[reason] = (this.drops[reason] ?? 0) + n;
  }

  /** Stores one point; the reason when (part of) it was not stored. */
  private writeOne(p: TelemetryPoint): MemoryDropReason | undefined {
    const values = p.fields as Readonly<Record<string, number>>;
    const t = p.timestampMs;
    let series = this.series.get(p.key);
    if (series === undefined) {
      if (isEmpty(values)) return undefined; // nothing to store, nothing to create
      if (this.series.size >= this.series.capacity && !this.evictIdle(t)) return 'series-cap';
      if (this.rings >= this.maxRings && !this.makeRoom(t, p.key)) return 'memory-cap';
      series = { fields: new Map<string, DownsampleRing>(), lastMs: t };
      this.series.set(p.key, series);
    }
    if (t > series.lastMs) series.lastMs = t;
    let why: MemoryDropReason | undefined;
    for (const f in values) {
      let ring = series.fields.get(f);
      if (ring === undefined) {
        if (series.fields.size >= this.maxFields) {
          why ??= 'field-cap';
          continue;
        }
        if (this.rings >= this.maxRings && !this.makeRoom(t, p.key)) {
          why ??= 'memory-cap';
          continue;
        }
        series.fields.set(f, (ring = new DownsampleRing(this.tiers)));
        this.rings++;
      }
      if (!ring.add(t, values[f]!)) why ??= 'late';
    }
    return why;
  }

  /** Evicts idle series, least recently written first, until a ring is free; never the series `keep`. */
  private makeRoom(t: number, keep: string): boolean {
    while (this.rings >= this.maxRings) {
      const oldest = this.series.keys().next();
      if (oldest.done === true || oldest.value === keep || !this.evictIdle(t)) return false;
    }
    return true;
  }

  /** Evicts the least recently written series if it has been silent for `evictIdleMs` before `t`. */
  private evictIdle(t: number): boolean {
    const oldest = this.series.entries().next();
    if (oldest.done === true) return false;
    if (t - oldest.value[1].lastMs < this.idleMs) return false;
    return this.series.evictOldest();
  }

  query(series: SeriesRef, range: QueryRange): Promise<SeriesData> {
    const ring = this.series.peek(series.key)?.fields.get(series.field);
    if (ring === undefined) {
      const stepMs = Math.max(range.stepMs, this.tiers[0]!.stepMs);
      return Promise.resolve({ ...series, stepMs, buckets: [] });
    }
    const r = ring.query(range.fromMs, range.toMs, range.stepMs);
    return Promise.resolve({ key: series.key, field: series.field, stepMs: r.stepMs, buckets: r.buckets });
  }

  /** Series keys with their fields (for discovery and tests). */
  keys(): { key: string; fields: string[] }[] {
    return [...this.series.entries()].map(([key, s]) => ({ key, fields: [...s.fields.keys()] }));
  }

  /** Bytes held by the rings' typed arrays. */
  bytes(): number {
    let b = 0;
    for (const s of this.series.values()) for (const r of s.fields.values()) b += r.bytes();
    return b;
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  stats(): SinkStats {
    const evicted = this.series.evicted;
    return {
      ...this.s,
      buffered: 0,
      failedWrites: 0,
      drops: { ...this.drops },
      evictions: evicted > 0 ? { 'idle-series': evicted } : {},
    };
  }
}

function isEmpty(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return false;
  return true;
}
