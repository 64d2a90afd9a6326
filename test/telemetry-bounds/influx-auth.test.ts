/**
 * The InfluxDB sink against a real influxd with `auth-enabled = true` (Debian `influxdb` 1.6): refused
 * credentials make the sink unhealthy with the reason and keep the points buffered (bounded, not lost);
 * once the credentials are valid the retries deliver them. A missing database the user may not create is
 * reported as such.
 */
import { InfluxTelemetrySink } from '../../src/adapters/telemetry';
import type { NodeId } from '../../src/core/model/ids';
import type { TelemetryPoint } from '../../src/core/telemetry';
import { Influxd } from '../../bench/influxd.harness';

jest.setTimeout(120_000);

const ADMIN = { username: 'admin', password: 'admin-secret-1' };
const WRITER = { username: 'autonet', password: 'writer-secret-2' };
const ne = 'N1' as NodeId;
const points = (n: number, from = 0): TelemetryPoint[] =>
  Array.from({ length: n }, (_, i) => ({
    measurement: 'node' as const,
    key: 'node/N1',
    ne,
    timestampMs: Date.UTC(2026, 0, 1) + 1000 * (from + i),
    fields: { cpuPct: from + i, memPct: 1 },
  }));

let influxd: Influxd;
const sinks: InfluxTelemetrySink[] = [];

beforeAll(async () => {
  influxd = await Influxd.create('influxd', { authEnabled: true });
  const created = await influxd.query(
    `CREATE USER "${ADMIN.username}" WITH PASSWORD '${ADMIN.password}' WITH ALL PRIVILEGES`,
  );
  expect(created.status).toBe(200);
  // Auth really is on: anonymous queries are refused.
  expect((await influxd.query('SHOW DATABASES')).status).toBe(401);
});

afterAll(async () => {
  for (const s of sinks) await s.close();
  await influxd?.destroy();
});

function sink(opts: Partial<ConstructorParameters<typeof InfluxTelemetrySink>[0]>): InfluxTelemetrySink {
  const s = new InfluxTelemetrySink({
    url: influxd.url,
    database: 'autonet_auth',
    batchSize: 10,
    concurrency: 1,
    bufferPoints: 200,
    flushIntervalMs: 20,
    retryInitialMs: 20,
    retryMaxMs: 100,
    ...opts,
  });
  sinks.push(s);
  return s;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stored(db: string): Promise<number> {
  const r = await influxd.query(`SELECT count("cpu_pct") FROM "${db}".."node"`, ADMIN);
  const parsed = JSON.parse(r.body) as { results: { series?: { values: [string, number][] }[] }[] };
  return parsed.results[0]?.series?.[0]?.values[0]?.[1] ?? 0;
}

it('refused credentials: unhealthy with the reason, points kept; valid credentials: the buffered points arrive', async () => {
  const s = sink({ ...WRITER }); // the user does not exist yet: InfluxDB answers 401
  s.write(points(50));
  await until('a refused write', () => s.stats().failedWrites >= 2);
  const refused = s.stats();
  expect(refused.unhealthy).toMatch(/unauthori[sz]ed|credentials/i);
  expect(refused.unhealthy).not.toContain(WRITER.password);
  expect(refused.lastError ?? '').not.toContain(WRITER.password);
  expect(refused).toMatchObject({ accepted: 50, written: 0, buffered: 50, dropped: 0 });

  // The operator fixes it: the user now exists with that password and may write.
  await influxd.query('CREATE DATABASE autonet_auth', ADMIN);
  await influxd.query(`CREATE USER "${WRITER.username}" WITH PASSWORD '${WRITER.password}'`, ADMIN);
  await influxd.query(`GRANT WRITE ON "autonet_auth" TO "${WRITER.username}"`, ADMIN);
  s.write(points(10, 50));
  await until('the buffered points written', () => s.stats().written === 60);
  expect(s.stats()).toMatchObject({ accepted: 60, written: 60, buffered: 0, dropped: 0 });
  expect(s.stats().unhealthy).toBeUndefined();
  expect(await stored('autonet_auth')).toBe(60);
});

it('beyond the buffer while refused: the oldest points are dropped and counted as buffer-full', async () => {
  const s = sink({ username: 'nobody', password: 'wrong', bufferPoints: 40 });
  s.write(points(100));
  await until('a refused write', () => s.stats().failedWrites >= 1);
  const st = s.stats();
  expect(st.buffered).toBeLessThanOrEqual(40);
  expect(st.dropped).toBe(100 - st.buffered);
  expect(st.drops).toMatchObject({ 'buffer-full': st.dropped });
});

it('a missing database the user may not create is reported, and the points wait for it', async () => {
  const s = sink({ ...WRITER, database: 'not_created_yet' });
  s.write(points(20));
  await until('the database reported missing', () => /database/i.test(s.stats().unhealthy ?? ''));
  expect(s.stats()).toMatchObject({ written: 0, buffered: 20, dropped: 0 });
  await influxd.query('CREATE DATABASE not_created_yet', ADMIN);
  await influxd.query(`GRANT WRITE ON "not_created_yet" TO "${WRITER.username}"`, ADMIN);
  await until('the points written', () => s.stats().written === 20);
  expect(await stored('not_created_yet')).toBe(20);
});

it('with admin credentials the sink creates its database itself', async () => {
  const s = sink({ ...ADMIN, database: 'made_by_sink' });
  s.write(points(30));
  await s.flush();
  await until('the points written', () => s.stats().written === 30);
  expect(await stored('made_by_sink')).toBe(30);
});
