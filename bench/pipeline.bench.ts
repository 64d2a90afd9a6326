/**
 * Telemetry pipeline throughput on one core: TelemetrySamples → SampleNormaliser (counter deltas, rates,
 * utilisation) → BoundedQueue → MemoryTelemetryStore (ring buffers with downsampling), and each stage alone.
 * Input: a ring of NEs with 2 interfaces each reporting 8 counters per second, plus CPU/memory per NE
 * (bench/pipeline-stream.ts); samples are generated outside the timed sections, and the timed ticks follow
 * enough untimed ones that every ring is full (steady state: evicting, not growing).
 * Run: node dist/bench/pipeline.bench.js [--quick]   → one JSON line, a copy in bench/results/pipeline.json.
 */
import { MemoryTelemetryStore } from '../src/adapters/telemetry';
import { BoundedQueue, InterfaceArcMap, SampleNormaliser } from '../src/core/telemetry';
import type { TelemetryPoint } from '../src/core/telemetry';
import type { TelemetrySample } from '../src/ports/ne-driver.port';
import { median, writeResult } from './bench-util';
import { ringTopology, syntheticStream } from './pipeline-stream';

const quick = process.argv.includes('--quick');
const NES = quick ? 100 : 500;
const TICKS = quick ? 60 : 240;
/** Untimed ticks first, so every ring has reached its capacity and evicts (the steady state). */
const WARMUP = 130;
const RUNS = quick ? 1 : 3;

const cpuNs = (): bigint => {
  const u = process.cpuUsage();
  return BigInt(u.user + u.system) * 1000n;
};

/** Leaf values per sample kind (what a gNMI notification would carry). */
const leaves = (s: TelemetrySample): number =>
  s.kind === 'interface-counters' ? 8 : s.kind === 'node-resources' ? 2 : 1;

interface RunResult {
  samples: number;
  leaves: number;
  ns: { normalise: bigint; queue: bigint; store: bigint; total: bigint };
  storeMb: number;
  dropped: number;
}

function run(): RunResult {
  const topology = ringTopology(NES);
  const stream = syntheticStream(topology, Date.UTC(2026, 0, 1), 1000);
  const normaliser = new SampleNormaliser(InterfaceArcMap.simulated(topology));
  const queue = new BoundedQueue<TelemetryPoint>(65_536);
  const store = new MemoryTelemetryStore({
    tiers: [
      { stepMs: 1000, capacity: 120 },
      { stepMs: 60_000, capacity: 2 },
    ],
    maxBytes: 2 * 1024 * 1024 * 1024,
  });
  const ns = { normalise: 0n, queue: 0n, store: 0n, total: 0n };
  let samples = 0;
  let leafCount = 0;
  const points: TelemetryPoint[] = [];
  const batch: TelemetryPoint[] = [];
  for (let i = 0; i < WARMUP; i++) store.write(pointsOf(normaliser, stream.tick(i)));
  for (let i = WARMUP; i < WARMUP + TICKS; i++) {
    const tick = stream.tick(i);
    samples += tick.length;
    for (const s of tick) leafCount += leaves(s);
    points.length = 0;
    const t = cpuNs();
    for (const s of tick) {
      const p = normaliser.normalise(s);
      if (p !== undefined) points.push(p);
    }
    const t1 = cpuNs();
    for (const p of points) queue.enqueue(p);
    batch.length = 0;
    queue.drainInto(batch);
    const t2 = cpuNs();
    store.write(batch);
    const t3 = cpuNs();
    ns.normalise += t1 - t;
    ns.queue += t2 - t1;
    ns.store += t3 - t2;
    ns.total += t3 - t;
  }
  return {
    samples,
    leaves: leafCount,
    ns,
    storeMb: store.bytes() / 1048576,
    dropped: queue.dropped + store.stats().dropped,
  };
}

function pointsOf(n: SampleNormaliser, samples: readonly TelemetrySample[]): TelemetryPoint[] {
  const out: TelemetryPoint[] = [];
  for (const s of samples) {
    const p = n.normalise(s);
    if (p !== undefined) out.push(p);
  }
  return out;
}

const perSec = (n: number, ns: bigint): number => Math.round((n * 1e9) / Number(ns));

const runs = Array.from({ length: RUNS }, run);
const pick = (f: (r: RunResult) => number): number => median(runs.map(f));
writeResult('pipeline', {
  what: 'samples/s per core through normaliser + bounded queue + memory store (CPU time of this process)',
  nes: NES,
  interfaces: NES * 2,
  ticks: TICKS,
  warmupTicks: WARMUP,
  tiers: '1 s × 120, 1 min × 2',
  samplesPerRun: runs[0]!.samples,
  samplesPerSec: pick((r) => perSec(r.samples, r.ns.total)),
  leafUpdatesPerSec: pick((r) => perSec(r.leaves, r.ns.total)),
  stageSamplesPerSec: {
    normalise: pick((r) => perSec(r.samples, r.ns.normalise)),
    queue: pick((r) => perSec(r.samples, r.ns.queue)),
    store: pick((r) => perSec(r.samples, r.ns.store)),
  },
  storeMb: Number(pick((r) => r.storeMb).toFixed(1)),
  dropped: pick((r) => r.dropped),
  reference: { gnmiDecodeLeafUpdatesPerSec: 370_000, goalLeafUpdatesPerSec: 1_000_000 },
});
