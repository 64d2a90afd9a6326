/**
 * InfluxDB points/s through InfluxTelemetrySink (node-influx, batches, 1–4 writes in flight) into a throw-away
 * influxd 1.6 started here on loopback, against the ~65 k points/s research/telemetry.md §4 measured for the
 * database itself on one core. Points: interface points of a synthetic stream (≈ 17 fields: 9 rates + 8 raw
 * counters; the research used 10) plus node points; generated and normalised before the timed section.
 * Reports wall-clock points/s, points per CPU-second of this process and of influxd (the stable numbers on a
 * shared machine), and influxd's cores. The research's 65 k/s took ~0.9 influxd core (≈ 70 k per influxd CPU-s).
 * Run: node dist/bench/influx.bench.js [--quick]   → one JSON line, a copy in bench/results/influx.json.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { InfluxTelemetrySink } from '../src/adapters/telemetry';
import { InterfaceArcMap, SampleNormaliser } from '../src/core/telemetry';
import type { TelemetryPoint } from '../src/core/telemetry';
import { median, writeResult } from './bench-util';
import { Influxd } from './influxd.harness';
import { ringTopology, syntheticStream } from './pipeline-stream';

const quick = process.argv.includes('--quick');
const NES = 200;
const TICKS = quick ? 50 : 200;
/** [batch size, writes in flight] */
const CASES: readonly (readonly [number, number])[] = [
  [1000, 1],
  [5000, 1],
  [5000, 2],
  [5000, 4],
];
const RESEARCH_POINTS_PER_SEC = 65_000;

function points(): TelemetryPoint[] {
  const topology = ringTopology(NES);
  const stream = syntheticStream(topology, Date.UTC(2026, 0, 1), 1000);
  const n = new SampleNormaliser(InterfaceArcMap.simulated(topology));
  const out: TelemetryPoint[] = [];
  for (let i = 0; i <= TICKS; i++) {
    for (const s of stream.tick(i)) {
      const p = n.normalise(s);
      if (p && i > 0) out.push(p);
    }
  }
  return out;
}

/** CPU seconds (user + system) of a process from /proc/<pid>/stat. */
function procCpuSec(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function once(
  influxd: Influxd,
  all: TelemetryPoint[],
  batchSize: number,
  concurrency: number,
  db: string,
) {
  const sink = new InfluxTelemetrySink({
    url: influxd.url,
    database: db,
    batchSize,
    concurrency,
    bufferPoints: all.length + (concurrency + 1) * batchSize,
  });
  sink.write(all.slice(0, batchSize)); // creates the database outside the timed section
  await sink.flush();
  const rest = all.slice(batchSize);
  const pid = influxd.pid!;
  const [c0, d0, t0] = [process.cpuUsage(), procCpuSec(pid), process.hrtime.bigint()];
  for (let i = 0; i < rest.length; i += batchSize) sink.write(rest.slice(i, i + batchSize));
  await sink.flush();
  while (sink.stats().buffered > 0) await sink.flush();
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  const clientCpuS = (c.user + c.system) / 1e6;
  const influxdCpuS = procCpuSec(pid) - d0;
  const s = sink.stats();
  await sink.close();
  if (s.dropped > 0 || s.written !== all.length)
    throw new Error(`influx-bench: lost points ${JSON.stringify(s)}`);
  return {
    pointsPerSec: rest.length / wallS,
    perClientCpuSec: rest.length / clientCpuS,
    perInfluxdCpuSec: rest.length / influxdCpuS,
    influxdCores: influxdCpuS / wallS,
  };
}

async function main(): Promise<void> {
  if (spawnSync('influxd', ['version']).error) {
    writeResult('influx', { skipped: 'influxd not installed (Debian package influxdb)' });
    return;
  }
  const all = points();
  const influxd = await Influxd.create();
  try {
    const results: Record<string, unknown> = {};
    let db = 0;
    for (const [batch, conc] of CASES) {
      const runs = [];
      for (let r = 0; r < (quick ? 1 : 3); r++)
        runs.push(await once(influxd, all, batch, conc, `bench_${++db}`));
      const pps = Math.round(median(runs.map((x) => x.pointsPerSec)));
      results[`batch${batch}x${conc}`] = {
        pointsPerSec: pps,
        pointsPerClientCpuSec: Math.round(median(runs.map((x) => x.perClientCpuSec))),
        pointsPerInfluxdCpuSec: Math.round(median(runs.map((x) => x.perInfluxdCpuSec))),
        influxdCores: Number(median(runs.map((x) => x.influxdCores)).toFixed(2)),
        ratioToResearch: Number((pps / RESEARCH_POINTS_PER_SEC).toFixed(2)),
      };
    }
    writeResult('influx', {
      what: 'points/s through InfluxTelemetrySink into influxd 1.6.7 on loopback (batch × writes in flight)',
      points: all.length,
      fieldsPerInterfacePoint: 17,
      series: NES * 3,
      researchPointsPerSec: RESEARCH_POINTS_PER_SEC,
      ...results,
    });
  } finally {
    await influxd.destroy();
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`influx-bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
