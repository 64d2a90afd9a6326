import type { Registry } from 'prom-client';
import type { IngestStatus } from '../app/telemetry';
import { scrapeCounter, scrapeGauge } from './scrape-metrics';

/**
 * Counters for everything the telemetry path gave up to stay bounded (issue 10, "bounded everything"):
 * points dropped per sink and reason, state evicted per component and reason, samples from unknown NEs,
 * and whether a sink's back end refuses writes (e.g. InfluxDB credentials). Totals are the pipeline's own
 * monotonic counters, read at scrape time from `status()`.
 */
const NONE: Readonly<Record<string, number>> = {};

export function registerTelemetryBoundsMetrics(r: Registry, status: () => IngestStatus): void {
  const counter = <L extends string>(
    name: string,
    help: string,
    labels: L[],
    fill: (set: (labels: Partial<Record<L, string>>, v: number) => void, s: IngestStatus) => void,
  ) => scrapeCounter(r, name, help, labels, (set) => fill(set, status()));
  counter(
    'autonet_telemetry_dropped_total',
    'Telemetry points dropped, by sink and reason (closed, late, memory-cap, series-cap, field-cap, unauthorized, buffer-full, rejected, …)',
    ['sink', 'reason'],
    (set, s) => {
      set({ sink: 'ingest', reason: 'queue-full' }, s.queue.dropped);
      for (const k of s.sinks)
        for (const [reason, v] of Object.entries(k.drops ?? NONE)) set({ sink: k.name, reason }, v);
    },
  );
  counter(
    'autonet_telemetry_evictions_total',
    'State evicted to stay within its cap, by component and reason (a re-seen series starts again)',
    ['component', 'reason'],
    (set, s) => {
      for (const [reason, v] of Object.entries(s.normaliser.evictions) as [string, number][])
        set({ component: 'normaliser', reason }, v);
      for (const k of s.sinks)
        for (const [reason, v] of Object.entries(k.evictions ?? NONE)) set({ component: k.name, reason }, v);
    },
  );
  counter(
    'autonet_telemetry_unknown_ne_samples_total',
    'Samples from NEs outside the topology (normalised, not tracked per NE)',
    [],
    (set, s) => set({}, s.unknownNeSamples),
  );
  counter(
    'autonet_driver_listener_events_total',
    'Events of driver listeners (SNMP traps) by outcome: received, unauthorized, rejected, ignored, dropped, errors',
    ['listener', 'outcome'],
    (set, s) => {
      for (const l of s.listeners)
        for (const [outcome, v] of Object.entries(l.counts)) set({ listener: l.name, outcome }, v);
    },
  );
  scrapeGauge(
    r,
    'autonet_driver_listener_up',
    '1 while a driver listener (SNMP trap receiver) runs; 0 after it failed (see /health)',
    ['listener'],
    (g) => {
      for (const l of status().listeners) g.set({ listener: l.name }, l.state === 'up' ? 1 : 0);
    },
  );
  scrapeGauge(
    r,
    'autonet_telemetry_sink_unhealthy',
    '1 while a sink back end refuses writes for a reason retries alone may not fix (see /health)',
    ['sink'],
    (g) => {
      for (const k of status().sinks) g.set({ sink: k.name }, k.unhealthy === undefined ? 0 : 1);
    },
  );
}
