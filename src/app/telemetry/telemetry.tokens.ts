import type { TopologyGraph } from '../../core/topology';
import type { NeDriver } from '../../ports/ne-driver.port';
import type { TelemetrySink, TelemetryStore } from '../../ports/telemetry-store.port';
import type { IngestOptions } from './telemetry-ingest';

/** What TelemetryModule.forRoot needs; sinks are made by the adapter layer (createTelemetrySinks). */
export interface TelemetryModuleOptions {
  readonly topology: TopologyGraph;
  /** The twin-facing store the REST API queries (also a sink). */
  readonly store: TelemetryStore;
  /** Further sinks (e.g. InfluxDB). */
  readonly sinks?: readonly TelemetrySink[];
  readonly ingest?: IngestOptions;
  /** The driver to subscribe through; by default the application's NE_DRIVER provider. */
  readonly driver?: NeDriver;
  /** Milliseconds since the epoch (default Date.now); lag and query defaults use it. */
  readonly clock?: () => number;
  /** Subscribe at application bootstrap (default true). */
  readonly autoStart?: boolean;
}

export const TELEMETRY_OPTIONS = Symbol('TelemetryModuleOptions');
/** `() => number`: epoch milliseconds, the telemetry layer's clock. */
export const CLOCK_MS = Symbol('TelemetryClockMs');
