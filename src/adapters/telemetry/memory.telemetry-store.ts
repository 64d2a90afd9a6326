import type { QueryRange, SeriesData, SeriesRef, TelemetryPoint } from '../../core/telemetry';
import type { SinkStats, TelemetryStore } from '../../ports/telemetry-store.port';
import { BYTES_PER_BUCKET, DownsampleRing } from './downsample-ring';
import type { TierSpec } from './downsample-ring';

export interface MemoryStoreOptions {
  /** Resolutions, finest first. Default: 1 s × 1 h, 1 min × 24 h. */
  readonly tiers?: readonly TierSpec[];
  /**
   * Memory bound in bytes (default 512 MiB). The store keeps at most `maxBytes ÷ full ring size` (series,
   * field) rings; points of new series beyond that are dropped and counted. With the default tiers a full
   * ring is 181 KB, so the default holds ~2 960 rings at full resolution (ADR 0071).
   */
  readonly maxBytes?: number;
}

export const DEFAULT_TIERS: readonly TierSpec[] = [
  { stepMs: 1000, capacity: 3600 },
  { stepMs: 60_000, capacity: 1440 },
];

/**
 * The embedded telemetry store: per series and field, ring buffers with downsampling into coarser rings.
 * Synchronous inside: `write` stores immediately, so there is never anything buffered.
 */
export class MemoryTelemetryStore implements TelemetryStore {
  readonly name = 'memory';
  private readonly series = new Map<string, Map<string, DownsampleRing>>();
  private readonly tiers: readonly TierSpec[];
  private readonly maxRings: number;
  private rings = 0;
  private closed = false;
  private s = { accepted: 0, written: 0, dropped: 0 };

  constructor(options: MemoryStoreOptions = {}) {
    this.tiers = options.tiers ?? DEFAULT_TIERS;
    if (this.tiers.length === 0) throw new RangeError('memory-store: at least one tier is needed');
    const ringBytes = this.tiers.reduce((b, t) => b + t.capacity * BYTES_PER_BUCKET, 0);
    this.maxRings = Math.floor((options.maxBytes ?? 512 * 1024 * 1024) / ringBytes);
  }

  write(points: readonly TelemetryPoint[]): void {
    const n = points.length;
    this.s.accepted += n;
    if (this.closed) {
      this.s.dropped += n;
      return;
    }
    let written = 0;
    for (let i = 0; i < n; i++) if (this.writeOne(points[i]!)) written++;
    this.s.written += written;
    this.s.dropped += n - written;
  }

  private writeOne(p: TelemetryPoint): boolean {
    let fields = this.series.get(p.key);
    if (fields === undefined) this.series.set(p.key, (fields = new Map<string, DownsampleRing>()));
    const values = p.fields as Readonly<Record<string, number>>;
    const t = p.timestampMs;
    let ok = true;
    for (const f in values) {
      let ring = fields.get(f);
      if (ring === undefined) {
        if (this.rings >= this.maxRings) {
          ok = false;
          continue;
        }
        fields.set(f, (ring = new DownsampleRing(this.tiers)));
        this.rings++;
      }
      if (!ring.add(t, values[f]!)) ok = false;
    }
    return ok;
  }

  query(series: SeriesRef, range: QueryRange): Promise<SeriesData> {
    const ring = this.series.get(series.key)?.get(series.field);
    if (ring === undefined) {
      const stepMs = Math.max(range.stepMs, this.tiers[0]!.stepMs);
      return Promise.resolve({ ...series, stepMs, buckets: [] });
    }
    const r = ring.query(range.fromMs, range.toMs, range.stepMs);
    return Promise.resolve({ key: series.key, field: series.field, stepMs: r.stepMs, buckets: r.buckets });
  }

  /** Series keys with their fields (for discovery and tests). */
  keys(): { key: string; fields: string[] }[] {
    return [...this.series].map(([key, f]) => ({ key, fields: [...f.keys()] }));
  }

  /** Bytes held by the rings' typed arrays. */
  bytes(): number {
    let b = 0;
    for (const f of this.series.values()) for (const r of f.values()) b += r.bytes();
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
    return { ...this.s, buffered: 0, failedWrites: 0 };
  }
}
