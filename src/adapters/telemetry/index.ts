export { MemoryTelemetryStore, DEFAULT_TIERS } from './memory.telemetry-store';
export type { MemoryStoreOptions } from './memory.telemetry-store';
export { InfluxTelemetrySink } from './influx.telemetry-sink';
export type { InfluxSinkOptions } from './influx.telemetry-sink';
export { DownsampleRing } from './downsample-ring';
export type { TierSpec } from './downsample-ring';
export { createTelemetrySinks } from './telemetry-sinks.factory';
export type { TelemetrySinkSettings } from './telemetry-sinks.factory';
