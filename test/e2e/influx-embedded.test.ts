/**
 * The telemetry path into a real InfluxDB: a throw-away influxd (Debian `influxdb`, loopback, own temp dir),
 * `autonet serve --influx-url …` on the embedded simulated network, and InfluxQL to count what arrived: one
 * interface series per arc (gNMI and SNMP NEs alike), one node series per gNMI NE, points every interval.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Influxd } from '../../bench/influxd.harness';

const CLI = join(__dirname, '..', '..', 'bin', 'autonet');
const DB = 'autonet_e2e';
const ABILENE = ['Atlanta', 'Chicago', 'Denver', 'Houston', 'Indianapolis', 'KansasCity', 'LosAngeles']
  .concat(['NewYork', 'Seattle', 'Sunnyvale', 'WashingtonDC'])
  .sort();

interface InfluxResult {
  results: { series?: { name: string; tags?: Record<string, string>; values: unknown[][] }[] }[];
}

async function influxql(url: string, q: string): Promise<InfluxResult> {
  const res = await fetch(`${url}/query?db=${DB}&q=${encodeURIComponent(q)}`);
  return (await res.json()) as InfluxResult;
}

describe('telemetry into a real InfluxDB from the embedded network', () => {
  let influxd: Influxd;
  let server: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-e2e-influx-'));

  beforeAll(async () => {
    influxd = await Influxd.create();
  }, 60_000);

  afterAll(async () => {
    if (server?.exitCode === null) server.kill('SIGKILL');
    await influxd?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes every arc, node and interval, and flushes on shutdown', async () => {
    const args = [
      CLI,
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--influx-url',
      influxd.url,
      '--influx-db',
      DB,
    ];
    server = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AUTONET_LOG_LEVEL: 'warn', AUTONET_AUTH: 'none' },
    });
    const line = await new Promise<string>((resolve, reject) => {
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      createInterface({ input: server!.stdout! }).once('line', resolve);
    });
    const summary = JSON.parse(line) as { listening: string; legacy: string[] };
    await new Promise((r) => setTimeout(r, 8000));
    const status = (await (await fetch(`${summary.listening}/api/v1/telemetry/status`)).json()) as {
      sinks: { name: string; written: number; dropped: number }[];
    };
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);

    const ifaces = await influxql(influxd.url, 'SELECT count("utilisation") FROM "interface" GROUP BY "arc"');
    const series = ifaces.results[0]!.series ?? [];
    expect(series).toHaveLength(28); // Abilene: 14 links, 28 arcs, one transmitting interface each
    for (const s of series) expect(Number(s.values[0]![1])).toBeGreaterThanOrEqual(3);
    const nodes = await influxql(influxd.url, 'SELECT count("cpu_pct") FROM "node" GROUP BY "ne"');
    expect((nodes.results[0]!.series ?? []).map((s) => s.tags!.ne).sort()).toEqual(
      ABILENE.filter((ne) => !summary.legacy.includes(ne)),
    );
    // The sink lost nothing on the way (exact no-loss accounting through an outage is test/telemetry/influx).
    // Rows are not compared with points written: InfluxDB merges points of one series at one timestamp
    // (an oper-status sample and a counter sample of the same interface and tick become one row).
    const influxSink = status.sinks.find((s) => s.name === 'influx')!;
    expect(influxSink.dropped).toBe(0);
    expect(influxSink.written).toBeGreaterThan(100);
  }, 60_000);
});
