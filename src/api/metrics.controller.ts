import { Controller, Get, Header, Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { TelemetryIngestService } from '../app/telemetry';
import type { IngestStatus } from '../app/telemetry';
import { scrapeCounter, scrapeGauge } from './scrape-metrics';
import { registerTelemetryBoundsMetrics } from './telemetry-bounds.metrics';

interface HttpReq {
  readonly method: string;
  readonly baseUrl?: string;
  readonly route?: { readonly path?: string };
}
interface HttpRes {
  readonly statusCode: number;
  once(event: 'finish', fn: () => void): unknown;
}

/**
 * Prometheus metrics of the controller itself (not of the network): telemetry ingest rates, queue depth,
 * drops, sink health, per-NE lag and session state, HTTP requests, and the Node process. One registry per
 * application (not prom-client's global one), so several apps in one process (tests) do not collide.
 */
@Injectable()
export class ControllerMetrics {
  readonly registry = new Registry();
  private readonly http: Counter<'method' | 'route' | 'status'>;
  private readonly httpSeconds: Histogram<'method' | 'route'>;
  private snapshot: IngestStatus | undefined;
  private readonly beforeScrape: (() => void)[] = [];

  constructor(private readonly ingest: TelemetryIngestService) {
    const r = this.registry;
    collectDefaultMetrics({ register: r, prefix: 'autonet_' });
    this.http = new Counter({
      name: 'autonet_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [r],
    });
    this.httpSeconds = new Histogram({
      name: 'autonet_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.02, 0.1, 0.5, 2],
      registers: [r],
    });
    this.telemetryMetrics(r);
    registerTelemetryBoundsMetrics(r, () => (this.snapshot ??= this.ingest.status()));
  }

  /** Refreshes the ingest snapshot once per scrape; the metric collectors read it. */
  async render(): Promise<string> {
    this.snapshot = this.ingest.status();
    for (const fn of this.beforeScrape) fn();
    return this.registry.metrics();
  }

  /** Runs `fn` at the start of every scrape (e.g. to take one snapshot that several collectors read). */
  onScrape(fn: () => void): void {
    this.beforeScrape.push(fn);
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.http.inc({ method, route, status: String(status) });
    this.httpSeconds.observe({ method, route }, seconds);
  }

  private telemetryMetrics(r: Registry): void {
    const s = (): IngestStatus => (this.snapshot ??= this.ingest.status());
    const gauge = <L extends string>(name: string, help: string, labels: L[], fill: (g: Gauge<L>) => void) =>
      scrapeGauge(r, name, help, labels, fill);
    // Monotonic totals from the pipeline's own counters, exposed as counters (set at scrape time).
    const counter = <L extends string>(
      name: string,
      help: string,
      labels: L[],
      fill: (set: (labels: Partial<Record<L, string>>, v: number) => void) => void,
    ) => scrapeCounter(r, name, help, labels, fill);
    gauge(
      'autonet_telemetry_samples_per_second',
      'Telemetry samples received per second (all NEs)',
      [],
      (g) => g.set(s().samplesPerSec),
    );
    gauge('autonet_telemetry_queue_depth', 'Points waiting between normaliser and sinks', [], (g) =>
      g.set(s().queue.depth),
    );
    gauge('autonet_telemetry_queue_capacity', 'Bound of the ingest queue', [], (g) =>
      g.set(s().queue.capacity),
    );
    counter('autonet_telemetry_queue_dropped_total', 'Points refused by the full ingest queue', [], (set) =>
      set({}, s().queue.dropped),
    );
    counter('autonet_telemetry_samples_total', 'Telemetry samples received per NE', ['ne'], (set) => {
      for (const n of s().nes) set({ ne: n.ne }, n.samples);
    });
    gauge(
      'autonet_telemetry_ne_lag_seconds',
      'Collector time minus newest sample time per NE',
      ['ne'],
      (g) => {
        for (const n of s().nes) if (n.lagMs !== null) g.set({ ne: n.ne }, n.lagMs / 1000);
      },
    );
    gauge(
      'autonet_telemetry_ne_session_up',
      '1 when the driver session to the NE is up',
      ['ne', 'protocol'],
      (g) => {
        for (const n of s().nes) g.set({ ne: n.ne, protocol: n.protocol }, n.state === 'up' ? 1 : 0);
      },
    );
    counter(
      'autonet_telemetry_discontinuities_total',
      'Counter deltas not computed (reset, wrap beyond bound, flagged)',
      [],
      (set) => set({}, s().normaliser.discontinuities),
    );
    counter('autonet_telemetry_sink_written_total', 'Points stored per sink', ['sink'], (set) => {
      for (const k of s().sinks) set({ sink: k.name }, k.written);
    });
    counter(
      'autonet_telemetry_sink_dropped_total',
      'Points a sink gave up on (buffer full, rejected, closed)',
      ['sink'],
      (set) => {
        for (const k of s().sinks) set({ sink: k.name }, k.dropped);
      },
    );
    counter(
      'autonet_telemetry_sink_failed_writes_total',
      'Failed write attempts per sink',
      ['sink'],
      (set) => {
        for (const k of s().sinks) set({ sink: k.name }, k.failedWrites);
      },
    );
    gauge('autonet_telemetry_sink_buffered', 'Points buffered in a sink', ['sink'], (g) => {
      for (const k of s().sinks) g.set({ sink: k.name }, k.buffered);
    });
  }
}

/** Counts every HTTP request (matched or not) by method, route template and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ControllerMetrics) {}

  use(req: HttpReq, res: HttpRes, next: () => void): void {
    const t0 = process.hrtime.bigint();
    res.once('finish', () => {
      // An unmatched request only reached this middleware's own catch-all route.
      const path = req.route?.path;
      const route =
        path === undefined || path.includes('*path') ? 'unmatched' : `${req.baseUrl ?? ''}${path}`;
      this.metrics.observeHttp(req.method, route, res.statusCode, Number(process.hrtime.bigint() - t0) / 1e9);
    });
    next();
  }
}

@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: ControllerMetrics) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}
