/**
 * Issue 10 "bounded everything": a flood of distinct policy names reaches a real Nest app; the normaliser
 * and the memory store stay within their caps, and /metrics counts every eviction and drop by reason.
 */
import 'reflect-metadata';
import type { Server } from 'node:http';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { ringTopology } from '../../bench/pipeline-stream';
import { createTelemetrySinks } from '../../src/adapters/telemetry';
import { TelemetryIngestService } from '../../src/app/telemetry';
import { TelemetryModule } from '../../src/app/telemetry/telemetry.module';
import { FakeTelemetryDriver } from '../../src/app/telemetry/__fixtures__/fake-telemetry.driver';
import type { NodeId } from '../../src/core/model/ids';
import { NE_DRIVER } from '../../src/ports/ne-driver.port';
import type { DriverListenerStatus, TelemetrySample } from '../../src/ports/ne-driver.port';

jest.setTimeout(60_000);

const topology = ringTopology(4);
const nes = [...topology.nodes()].map((n) => n.id);
/** The fake driver with an SNMP trap receiver that refused two traps and then died. */
class DriverWithTraps extends FakeTelemetryDriver {
  listeners(): readonly DriverListenerStatus[] {
    return [
      {
        name: 'snmp-traps',
        state: 'down',
        counts: { received: 5, unauthorized: 2, errors: 1 },
        lastError: 'snmp trap worker exited (code 1)',
      },
    ];
  }
}
const driver = new DriverWithTraps(nes);
const T0 = Date.UTC(2026, 0, 1);

@Module({
  imports: [
    TelemetryModule.forRoot({
      topology,
      clock: () => T0,
      ingest: { normaliser: { maxPolicies: 4 } },
      ...createTelemetrySinks({ memory: { maxSeries: 8, evictIdleMs: 3_600_000 } }),
    }),
  ],
  providers: [{ provide: NE_DRIVER, useValue: driver }],
})
class BoundsAppModule {}

let app: INestApplication;
let http: Server;

beforeAll(async () => {
  app = await NestFactory.create(BoundsAppModule, { logger: false });
  await app.init();
  http = app.getHttpServer() as Server;
});
afterAll(async () => {
  await app?.close();
});

const probe = (ne: NodeId, policy: string): TelemetrySample => ({
  kind: 'probe',
  ne,
  policy,
  timestampNs: BigInt(T0) * 1_000_000n,
  delayUs: 100,
  jitterUs: 1,
  lossPct: 0,
  probesSent: 1000,
  probesLost: 0,
});

it('caps policies and series under a flood of names and counts every eviction and drop in /metrics', async () => {
  driver.emit(Array.from({ length: 100 }, (_, i) => probe(nes[0]!, `flood-${i}`)));
  driver.emit([probe('NOT-IN-TOPOLOGY' as NodeId, 'x')]);
  await new Promise((r) => setImmediate(r));
  const status = app.get(TelemetryIngestService).status();
  expect(status.normaliser.evictions.policies).toBe(97);
  const text = (await request(http).get('/metrics').expect(200)).text;
  expect(text).toMatch(/^autonet_telemetry_evictions_total\{component="normaliser",reason="policies"\} 97$/m);
  // 8 series fit; the other 93 (the stray NE's included) were refused before anything was created.
  expect(text).toMatch(/^autonet_telemetry_dropped_total\{sink="memory",reason="series-cap"\} 93$/m);
  expect(text).toMatch(/^autonet_telemetry_dropped_total\{sink="ingest",reason="queue-full"\} 0$/m);
  expect(text).toMatch(/^autonet_telemetry_unknown_ne_samples_total 1$/m);
  expect(text).toMatch(/^autonet_telemetry_sink_unhealthy\{sink="memory"\} 0$/m);
  expect(text).toMatch(
    /^autonet_driver_listener_events_total\{listener="snmp-traps",outcome="unauthorized"\} 2$/m,
  );
  expect(text).toMatch(/^autonet_driver_listener_up\{listener="snmp-traps"\} 0$/m);
});
