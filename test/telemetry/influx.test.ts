/**
 * The InfluxDB sink against a real influxd (Debian `influxdb` 1.6.7, started here on loopback): expected
 * series, field types and point counts after normal writes; then two outages (influxd stopped by pid while
 * writing continues): below the buffer bound nothing is lost, above it every drop is counted and
 * InfluxDB holds exactly what the sink says it wrote.
 */
import { InfluxDB } from 'influx';
import { InfluxTelemetrySink } from '../../src/adapters/telemetry';
import { InterfaceArcMap, SampleNormaliser } from '../../src/core/telemetry';
import type { TelemetryPoint } from '../../src/core/telemetry';
import { Influxd } from '../../bench/influxd.harness';
import { ringTopology, syntheticStream } from '../../bench/pipeline-stream';
import { telemetrySinkConformance } from '../conformance/telemetry-store.suite';

jest.setTimeout(120_000);

const DB = 'autonet_test';
const BUFFER = 5000;
const BATCH = 1000;
const topology = ringTopology(50); // 100 interfaces + 50 NEs = 150 samples per tick
const stream = syntheticStream(topology, Date.UTC(2026, 0, 1), 1000);
const normaliser = new SampleNormaliser(InterfaceArcMap.simulated(topology));

let influxd: Influxd;
let sink: InfluxTelemetrySink;
let client: InfluxDB;
let tick = 0;

/** Normalises `ticks` more ticks of the stream and writes them to the sink; returns the point count. */
function writeTicks(ticks: number): number {
  let n = 0;
  for (let k = 0; k < ticks; k++, tick++) {
    const points: TelemetryPoint[] = [];
    for (const s of stream.tick(tick)) {
      const p = normaliser.normalise(s);
      if (p) points.push(p);
    }
    sink.write(points);
    n += points.length;
  }
  return n;
}

async function count(field: string, measurement: string): Promise<number> {
  const rows = await client.query<{ count: number }>(`SELECT count("${field}") FROM "${measurement}"`);
  return rows[0]?.count ?? 0;
}
const storedPoints = async (): Promise<number> =>
  (await count('in_octets', 'interface')) + (await count('cpu_pct', 'node'));

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  influxd = await Influxd.create();
  client = new InfluxDB({ host: '127.0.0.1', port: influxd.httpPort, database: DB });
  sink = new InfluxTelemetrySink({
    url: influxd.url,
    database: DB,
    batchSize: BATCH,
    bufferPoints: BUFFER,
    flushIntervalMs: 100,
    retryInitialMs: 50,
    retryMaxMs: 300,
  });
});

afterAll(async () => {
  await sink?.close();
  await influxd?.destroy();
});

describe('InfluxTelemetrySink → influxd 1.6', () => {
  it('writes the expected series, integer/float fields and point counts', async () => {
    const written = writeTicks(20);
    await sink.flush();
    expect(sink.stats()).toMatchObject({ accepted: written, written, buffered: 0, dropped: 0 });
    expect(await storedPoints()).toBe(written);
    // The first sample of every interface has no rate: 19 utilisation points per arc.
    expect(await count('utilisation', 'interface')).toBe(19 * topology.arcCount);
    const series = await client.query<{ key: string }>('SHOW SERIES');
    expect(series.filter((s) => s.key.startsWith('interface,')).length).toBe(topology.arcCount);
    expect(series.filter((s) => s.key.startsWith('node,')).length).toBe(topology.nodeCount);
    const fields = await client.query<{ fieldKey: string; fieldType: string }>(
      'SHOW FIELD KEYS FROM "interface"',
    );
    const type = (k: string): string | undefined => fields.find((f) => f.fieldKey === k)?.fieldType;
    expect([type('out_octets'), type('utilisation'), type('out_discards')]).toEqual([
      'integer',
      'float',
      'integer',
    ]);
    const [arc, util] = [...stream.utilisation][7]!;
    const rows = await client.query<{ mean: number }>(
      `SELECT mean("utilisation") FROM "interface" WHERE "arc" = '${arc}'`,
    );
    expect(rows[0]?.mean).toBeCloseTo(util, 9);
  });

  it('loses nothing during an outage while the buffer holds', async () => {
    const before = sink.stats();
    await influxd.stop();
    const failed = before.failedWrites;
    const written = writeTicks(20); // 3 000 points < 5 000
    await until(() => sink.stats().failedWrites > failed, 'a failed write');
    expect(sink.stats().dropped).toBe(0);
    await influxd.start();
    await until(() => sink.stats().buffered === 0, 'the buffer to drain');
    await sink.flush();
    const s = sink.stats();
    expect(s.accepted).toBe(before.accepted + written);
    expect(s.dropped).toBe(0);
    expect(await storedPoints()).toBe(s.written);
    expect(s.written).toBe(s.accepted);
  });

  it('counts every point dropped beyond the bound, and InfluxDB holds exactly the rest', async () => {
    const before = sink.stats();
    await influxd.stop();
    await until(async () => {
      writeTicks(1);
      await new Promise((r) => setTimeout(r, 20));
      return sink.stats().failedWrites > before.failedWrites;
    }, 'a failed write');
    writeTicks(80); // 12 000 more points against a 5 000-point bound (queue + batches in flight)
    const during = sink.stats();
    const outage = during.accepted - before.accepted;
    expect(during.dropped).toBeGreaterThanOrEqual(outage - BUFFER);
    expect(during.buffered).toBeLessThanOrEqual(BUFFER);
    expect(during.accepted).toBe(during.written + during.buffered + during.dropped);
    await influxd.start();
    await until(() => sink.stats().buffered === 0, 'the buffer to drain');
    const s = sink.stats();
    expect(s.dropped).toBe(during.dropped);
    expect(s.written + s.dropped).toBe(s.accepted);
    expect(await storedPoints()).toBe(s.written);
  });

  it('counts the points still buffered when closed during an outage', async () => {
    await influxd.stop();
    const before = sink.stats();
    const n = writeTicks(2);
    await sink.close();
    const s = sink.stats();
    expect(s.dropped).toBe(before.dropped + n);
    expect(s.buffered).toBe(0);
    expect(s.written + s.dropped).toBe(s.accepted);
    sink.write([]);
    await influxd.start();
    expect(await storedPoints()).toBe(s.written);
  });
});

describe('InfluxTelemetrySink rejections', () => {
  it('counts exactly the points InfluxDB refuses (partial write, field type conflict) and does not retry them', async () => {
    const db = 'conflict';
    const raw = new InfluxDB({ host: '127.0.0.1', port: influxd.httpPort, database: db });
    await raw.createDatabase(db);
    // A float written first fixes the field's type in that shard; the sink's integer counters then conflict (HTTP 400).
    await raw.writePoints([
      {
        measurement: 'interface',
        tags: { ne: 'X', interface: 'eth0' },
        fields: { in_octets: 1.5 },
        timestamp: new Date(Date.UTC(2026, 0, 1)),
      },
    ]);
    const s = new InfluxTelemetrySink({
      url: influxd.url,
      database: db,
      batchSize: BATCH,
      bufferPoints: BUFFER,
      flushIntervalMs: 100,
    });
    const local = new SampleNormaliser(InterfaceArcMap.simulated(topology));
    const points = stream.tick(0).map((x) => local.normalise(x)!);
    s.write(points);
    await s.flush();
    const st = s.stats();
    await s.close();
    // A partial write: InfluxDB keeps the node points and names how many interface points it refused.
    const nodes = topology.nodeCount;
    expect(st).toMatchObject({
      accepted: points.length,
      written: nodes,
      buffered: 0,
      dropped: points.length - nodes,
      failedWrites: 1,
    });
    const rows = await raw.query<{ count: number }>('SELECT count("cpu_pct") FROM "node"');
    expect(rows[0]?.count).toBe(nodes);
    expect(st.lastError).toMatch(/conflict/);
  });
});

let conformanceDb = 0;
telemetrySinkConformance(
  'influx',
  () =>
    new InfluxTelemetrySink({
      url: influxd.url,
      database: `conformance_${++conformanceDb}`,
      batchSize: BATCH,
      bufferPoints: BUFFER,
      flushIntervalMs: 100,
    }),
);
