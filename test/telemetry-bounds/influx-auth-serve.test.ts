/**
 * `autonet serve --influx-url … --influx-user autonet` against a real influxd with `auth-enabled = true`,
 * the password only in AUTONET_INFLUX_PASSWORD:
 *   1. the password is wrong → /health says the InfluxDB sink is unhealthy and why, points stay buffered;
 *   2. the operator sets the InfluxDB user's password to the configured one → the buffered points arrive;
 *   3. the password never appears in the controller's output.
 * Needs `npm run build` (spawns bin/autonet).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Influxd } from '../../bench/influxd.harness';

jest.setTimeout(120_000);

const CLI = join(__dirname, '..', '..', 'bin', 'autonet');
const DB = 'autonet_serve_auth';
const ADMIN = { username: 'admin', password: 'admin-secret-9' };
const CONFIGURED = 'controller-secret-7'; // what the controller is given
const ACTUAL = 'something-else-3'; // what InfluxDB has at first

interface Health {
  checks: {
    telemetry: {
      state: string;
      sinks: { name: string; dropped: number; buffered: number; unhealthy?: string }[];
    };
  };
}

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let influxd: Influxd;
let server: ChildProcess | undefined;
let output = '';
const dataDir = mkdtempSync(join(tmpdir(), 'autonet-influx-auth-'));

beforeAll(async () => {
  influxd = await Influxd.create('influxd', { authEnabled: true });
  await influxd.query(
    `CREATE USER "${ADMIN.username}" WITH PASSWORD '${ADMIN.password}' WITH ALL PRIVILEGES`,
  );
  await influxd.query(`CREATE DATABASE ${DB}`, ADMIN);
  await influxd.query(`CREATE USER "autonet" WITH PASSWORD '${ACTUAL}'`, ADMIN);
  await influxd.query(`GRANT WRITE ON "${DB}" TO "autonet"`, ADMIN);
});

afterAll(async () => {
  if (server?.exitCode === null) server.kill('SIGKILL');
  await influxd?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

it('reports refused InfluxDB credentials in /health, keeps the points, and delivers them once they are valid', async () => {
  const args = [CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--influx-url', influxd.url];
  server = spawn(process.execPath, [...args, '--influx-db', DB, '--influx-user', 'autonet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      AUTONET_LOG_LEVEL: 'debug',
      AUTONET_AUTH: 'none',
      AUTONET_INFLUX_PASSWORD: CONFIGURED,
    },
  });
  server.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    server!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    const rl = createInterface({ input: server!.stdout! });
    rl.once('line', resolve);
    rl.on('line', (l) => (output += `${l}\n`));
  });
  output += line;
  const { listening } = JSON.parse(line) as { listening: string };
  const health = async (): Promise<Health> =>
    (await (await fetch(`${listening}/api/v1/health`)).json()) as Health;
  const influxSink = (h: Health) => h.checks.telemetry.sinks.find((s) => s.name === 'influx')!;

  // 1. Refused: unhealthy with the reason, points buffered, none dropped.
  const refused = await until(
    'the sink reported unhealthy',
    health,
    (h) => influxSink(h).unhealthy !== undefined,
  );
  expect(influxSink(refused).unhealthy).toMatch(/unauthorized/);
  expect(refused.checks.telemetry.state).toBe('degraded');
  const buffered = await until('points buffered', health, (h) => influxSink(h).buffered > 0);
  expect(influxSink(buffered).dropped).toBe(0);
  const { buffered: waiting } = influxSink(buffered);

  // 2. The operator makes the credentials valid: the retries deliver what was buffered.
  await influxd.query(`SET PASSWORD FOR "autonet" = '${CONFIGURED}'`, ADMIN);
  const healed = await until('the sink healthy again', health, (h) => influxSink(h).unhealthy === undefined);
  expect(influxSink(healed).dropped).toBe(0);
  const rows = await until(
    'the buffered points in InfluxDB',
    async () => {
      const r = await influxd.query(`SELECT count("cpu_pct") FROM "${DB}".."node"`, ADMIN);
      const body = JSON.parse(r.body) as { results: { series?: { values: [string, number][] }[] }[] };
      return body.results[0]?.series?.[0]?.values[0]?.[1] ?? 0;
    },
    (n) => n > 0,
  );
  expect(rows).toBeGreaterThan(0);
  expect(waiting).toBeGreaterThan(0);

  // 3. The password was never printed.
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  expect(output).not.toContain(CONFIGURED);
});
