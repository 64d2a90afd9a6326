/** Settings of the controller's twin (from the configuration; defaults in brackets). */
export interface TwinOptions {
  /** Telemetry sampling interval (ms): staleness is three of them. */
  readonly sampleIntervalMs: number;
  /** Admission refuses plans that push any arc above this predicted utilisation [0.85]. */
  readonly ceiling?: number;
  /** Bucket of the per-arc utilisation history kept for forecasts (network-clock ms) [300 000]. */
  readonly historyStepMs?: number;
  /** Buckets kept per arc [864: three days of 5-minute buckets]. */
  readonly historyBuckets?: number;
  /** Least wall-clock time between two rebuilds of the demand matrix (ms) [2 000]. */
  readonly matrixEveryMs?: number;
}

export const TWIN_OPTIONS = Symbol('TwinOptions');
/** The `TwinSink` the telemetry ingest fans out to (one instance shared by the pipeline and TwinService). */
export const TWIN_SINK = Symbol('TwinSink');

export const DEFAULT_CEILING = 0.85;
