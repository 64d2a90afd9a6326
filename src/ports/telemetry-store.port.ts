import type { QueryRange, SeriesData, SeriesRef, TelemetryPoint } from '../core/telemetry';

/**
 * Where normalised telemetry goes. A sink accepts batches without blocking the pipeline and never throws
 * because its back end is slow or down: it buffers within a bound, and every point it cannot keep is
 * counted in `dropped`. After `flush()` resolves with the back end up, `accepted = written + dropped`.
 */
export interface TelemetrySink {
  /** Short name for status and metrics, e.g. 'memory', 'influx'. */
  readonly name: string;
  /** Takes the batch synchronously; the caller may reuse the array afterwards (copy what you keep). */
  write(points: readonly TelemetryPoint[]): void;
  /** Resolves once everything accepted so far was written or counted as dropped (or the attempt failed). */
  flush(): Promise<void>;
  /** Flushes, then releases resources; later writes are counted as dropped. */
  close(): Promise<void>;
  stats(): SinkStats;
}

export interface SinkStats {
  /** Points handed to `write`. */
  readonly accepted: number;
  /** Points stored by the back end. */
  readonly written: number;
  /** Points waiting in the sink's bounded buffer. */
  readonly buffered: number;
  /** Points given up on (buffer full, rejected by the back end, too late, closed), never silently. */
  readonly dropped: number;
  /** Failed write attempts (each retried while its points are still buffered). */
  readonly failedWrites: number;
  readonly lastError?: string;
  /** `dropped` broken down by reason (e.g. 'closed', 'memory-cap', 'unauthorized'), where the sink knows it. */
  readonly drops?: Readonly<Record<string, number>>;
  /** Series or state the sink evicted to stay within its bounds, by reason. */
  readonly evictions?: Readonly<Record<string, number>>;
  /** The back end refuses writes for a reason a retry alone may not fix (e.g. bad credentials); the sink keeps retrying. */
  readonly unhealthy?: string;
}

/** A sink that can also answer range queries with downsampled series (the twin-facing store). */
export interface TelemetryStore extends TelemetrySink {
  query(series: SeriesRef, range: QueryRange): Promise<SeriesData>;
}

export const TELEMETRY_STORE = Symbol('TelemetryStore');
/** `readonly TelemetrySink[]`: every sink the ingest service fans out to (the store included). */
export const TELEMETRY_SINKS = Symbol('TelemetrySinks');
