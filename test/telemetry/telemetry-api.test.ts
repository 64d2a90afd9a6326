/**
 * The telemetry REST API and /metrics in a real Nest application: a fake NE driver streams a known
 * synthetic counter stream, the TelemetryModule ingests it into the memory store, HTTP reads it back.
 */
import 'reflect-metadata';
import type { Server } from 'node:http';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ringTopology, syntheticStream } from '../../bench/pipeline-stream';
import { createTelemetrySinks } from '../../src/adapters/telemetry';
import { RestconfExceptionFilter } from '../../src/api/restconf-exception.filter';
import { TelemetryModule } from '../../src/app/telemetry/telemetry.module';
import { FakeTelemetryDriver } from '../../src/app/telemetry/__fixtures__/fake-telemetry.driver';
import { NE_DRIVER } from '../../src/ports/ne-driver.port';

const topology = ringTopology(6);
const START = Date.UTC(2026, 0, 1);
const stream = syntheticStream(topology, START, 1000);
const driver = new FakeTelemetryDriver([...topology.nodes()].map((n) => n.id));
const NOW = START + 130_000;

@Module({
  imports: [TelemetryModule.forRoot({ topology, clock: () => NOW, ...createTelemetrySinks() })],
  providers: [{ provide: NE_DRIVER, useValue: driver }],
})
class TestAppModule {}

let app: INestApplication;
let http: Server;

beforeAll(async () => {
  app = await NestFactory.create(TestAppModule, { logger: false });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalFilters(new RestconfExceptionFilter(() => undefined));
  await app.init();
  http = app.getHttpServer() as Server;
  for (let i = 0; i < 120; i++) driver.emit(stream.tick(i));
  await new Promise((r) => setImmediate(r));
});

afterAll(async () => {
  await app?.close();
});

describe('telemetry REST API', () => {
  it('GET /api/v1/telemetry/links/{id}: per-direction utilisation equal to the stream, loss from discards', async () => {
    const res = await request(http)
      .get('/api/v1/telemetry/links/L2')
      .query({ from: String(START), to: String(START + 119_000), step: '1m' })
      .expect(200);
    expect(res.body.stepMs).toBe(60_000);
    expect(res.body.directions).toHaveLength(2);
    for (const dir of res.body.directions as {
      arc: string;
      utilisation: { mean: number; count: number }[];
      lossPct: { lossPct: number }[];
      txInterface: string;
    }[]) {
      expect(dir.txInterface).toMatch(/^eth\d$/);
      expect(dir.utilisation.map((b) => b.count)).toEqual([59, 60]);
      for (const b of dir.utilisation) expect(b.mean).toBeCloseTo(stream.utilisation.get(dir.arc)!, 9);
      // The stream counts one out-discard per second; the far end's in-counter runs at half of its own out-rate.
      const pps = (arc: string): number => (stream.utilisation.get(arc)! * 1e9) / 8 / 500;
      const reverse = dir.arc.endsWith('#ab') ? dir.arc.replace('#ab', '#ba') : dir.arc.replace('#ba', '#ab');
      const [tx, rx] = [pps(dir.arc), pps(reverse) / 2];
      const expected = (100 * (1 + Math.max(0, tx - rx))) / (tx + 1);
      expect(dir.lossPct.length).toBe(2);
      for (const l of dir.lossPct) expect(l.lossPct).toBeCloseTo(expected, 2);
    }
  });

  it('GET /api/v1/telemetry/nodes/{id} and the 404 / 400 errors', async () => {
    const res = await request(http).get('/api/v1/telemetry/nodes/R0001?from=-5m&step=10s').expect(200);
    expect(res.body.cpuPct.length).toBeGreaterThan(0);
    expect(res.body.cpuPct[0]).toMatchObject({ count: 10, mean: 14.5 });
    await request(http).get('/api/v1/telemetry/links/nope').expect(404);
    await request(http).get('/api/v1/telemetry/nodes/R0001?step=soon').expect(400);
  });

  it('GET /api/v1/telemetry/status: per-NE samples, lag and session state', async () => {
    const res = await request(http).get('/api/v1/telemetry/status').expect(200);
    expect(res.body.running).toBe(true);
    expect(res.body.nes).toHaveLength(6);
    for (const ne of res.body.nes) {
      expect(ne).toMatchObject({ samples: 120 * 3, drops: 0, state: 'up', lagMs: 130_000 - 119_000 });
    }
    expect(res.body.queue.dropped).toBe(0);
    expect(res.body.sinks[0]).toMatchObject({ name: 'memory', written: 120 * stream.samplesPerTick });
  });

  it('GET /metrics: Prometheus text with ingest, queue, sink and HTTP metrics', async () => {
    const res = await request(http).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^autonet_telemetry_queue_depth 0$/m);
    expect(res.text).toMatch(/^autonet_telemetry_samples_total\{ne="R0001"\} 360$/m);
    expect(res.text).toMatch(
      new RegExp(
        `^autonet_telemetry_sink_written_total\\{sink="memory"\\} ${120 * stream.samplesPerTick}$`,
        'm',
      ),
    );
    expect(res.text).toMatch(
      /^autonet_http_requests_total\{method="GET",route="\/api\/v1\/telemetry\/links\/:id",status="200"\} 1$/m,
    );
    expect(res.text).toMatch(
      /^autonet_http_requests_total\{method="GET",route="\/api\/v1\/telemetry\/links\/:id",status="404"\} 1$/m,
    );
    await request(http).get('/api/v1/nothing-here').expect(404);
    const again = await request(http).get('/metrics').expect(200);
    expect(again.text).toMatch(
      /^autonet_http_requests_total\{method="GET",route="unmatched",status="404"\} 1$/m,
    );
  });
});
