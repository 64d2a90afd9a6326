/**
 * Soak: the whole embedded system (controller + simulator child + gNMI/SNMP telemetry) accelerated, memory
 * sampled over time. Flat means bounded queues and rings: the heap after warm-up must not trend upwards.
 * Usage: node dist/bench/soak.bench.js [minutes=10] [speed=10] [topology=topology/geant2012.json]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeResult } from './bench-util';

const ROOT = join(__dirname, '..', '..');

function metric(text: string, name: string): number {
  const m = new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

async function main(): Promise<void> {
  const minutes = Number(process.argv[2] ?? 10);
  const speed = Number(process.argv[3] ?? 10);
  const topology = process.argv[4] ?? join(ROOT, 'topology', 'geant2012.json');
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-soak-'));
  const args = [join(ROOT, 'bin', 'autonet'), 'serve', '--port', '0', '--data-dir', dataDir];
  args.push('--topology', topology, '--sim-speed', String(speed));
  const server = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AUTONET_LOG_LEVEL: 'warn', AUTONET_AUTH: 'none' },
  });
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: server.stdout }).once('line', resolve),
  );
  const summary = JSON.parse(line) as { listening: string; simulatorPid: number };
  const samples: {
    s: number;
    heapMb: number;
    rssMb: number;
    simRssMb: number;
    points: number;
    drops: number;
  }[] = [];
  const t0 = Date.now();
  while (Date.now() - t0 < minutes * 60_000) {
    await new Promise((r) => setTimeout(r, 10_000));
    const text = await (await fetch(`${summary.listening}/metrics`)).text();
    const status = (await (await fetch(`${summary.listening}/api/v1/telemetry/status`)).json()) as {
      normaliser: { points: number };
      queue: { dropped: number };
    };
    samples.push({
      s: (Date.now() - t0) / 1000,
      heapMb: metric(text, 'autonet_nodejs_heap_size_used_bytes') / 2 ** 20,
      rssMb: rssMb(server.pid!),
      simRssMb: rssMb(summary.simulatorPid),
      points: status.normaliser.points,
      drops: status.queue.dropped,
    });
  }
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  const warm = samples.filter((x) => x.s >= 60);
  const perMinute = (key: 'heapMb' | 'rssMb' | 'simRssMb'): number =>
    slope(
      warm.map((x) => x.s),
      warm.map((x) => x[key]),
    ) * 60;
  writeResult('soak', {
    minutes,
    speed,
    topology,
    simulatedMinutes: minutes * speed,
    pointsIngested: samples.at(-1)?.points,
    queueDrops: samples.at(-1)?.drops,
    slopeMbPerMinuteAfterWarmup: {
      heap: perMinute('heapMb'),
      rss: perMinute('rssMb'),
      simulatorRss: perMinute('simRssMb'),
    },
    samples,
  });
}

void main();
