import type { TelemetrySink, TelemetryStore } from '../../ports/telemetry-store.port';
import { InfluxTelemetrySink } from './influx.telemetry-sink';
import type { InfluxSinkOptions } from './influx.telemetry-sink';
import { MemoryTelemetryStore } from './memory.telemetry-store';
import type { MemoryStoreOptions } from './memory.telemetry-store';

export interface TelemetrySinkSettings {
  readonly memory?: MemoryStoreOptions;
  /** Also write to InfluxDB 1.x when set (`--influx-url URL --influx-db NAME`). */
  readonly influx?: InfluxSinkOptions;
}

/** The telemetry back ends chosen by configuration: the embedded store always, InfluxDB optionally. */
export function createTelemetrySinks(settings: TelemetrySinkSettings = {}): {
  store: TelemetryStore;
  sinks: TelemetrySink[];
} {
  return {
    store: new MemoryTelemetryStore(settings.memory),
    sinks: settings.influx ? [new InfluxTelemetrySink(settings.influx)] : [],
  };
}
