/**
 * Never block the loop (issue 10 item 6): event-loop lag while a burst of heavy path requests (SRLG-disjoint,
 * delay-bounded, on a generated 1,000-node ISP topology) is computed inline on the event loop — as before —
 * and on the worker-thread compute pool, in the same run with the same requests. Lag: for a cheap request
 * arriving at any millisecond of the burst (a /health call, an SSE write, a telemetry batch), how long until
 * the event loop is next free to serve it (free moments recorded by a 1 ms timer chain). Prints one JSON
 * object and writes bench/results/compute.json.
 * Usage: node dist/bench/compute.bench.js [nodes=1000] [requests=24] [queriesPerRequest=4]
 */
import { WorkerThreadPool, defaultWorkers } from '../src/adapters/compute';
import { InlineComputePool, networkPayload } from '../src/app/compute';
import type { PathsTask } from '../src/app/compute';
import type { PathQuery } from '../src/core/pathcomp';
import { SidTable, TopologyGraph } from '../src/core/topology';
import { Prng, generateTopology } from '../src/core/topology/generators';
import type { ComputePool } from '../src/ports/compute-pool.port';
import { percentile, writeResult } from './bench-util';

function requests(topo: TopologyGraph, count: number, perRequest: number): PathsTask[] {
  const ids = [...topo.nodes()].map((n) => n.id);
  const rng = new Prng(11);
  const out: PathsTask[] = [];
  for (let r = 0; r < count; r++) {
    const queries: PathQuery[] = [];
    while (queries.length < perRequest) {
      const from = ids[rng.int(ids.length)]!;
      const to = ids[rng.int(ids.length)]!;
      if (from !== to)
        queries.push({ from, to, disjoint: 'srlg', maxDelayUs: 200_000, allowPartialDisjoint: true });
    }
    out.push({ queries, free: null, avoid: { links: [], nodes: [] } });
  }
  return out;
}

/** Per millisecond of [t0, t1): the wait until the next moment the loop was free (sorted free moments). */
function waits(free: readonly number[], t0: number, t1: number): number[] {
  const out: number[] = [];
  let i = 0;
  for (let t = t0; t < t1; t += 1) {
    while (i < free.length && free[i]! < t) i++;
    out.push((free[i] ?? t1) - t);
  }
  return out;
}

/** Fires every request as HTTP requests would arrive (one per macrotask), waits for all, measures the lag. */
async function burst(pool: ComputePool, tasks: readonly PathsTask[]): Promise<object> {
  const free: number[] = [];
  let sampling = true;
  const tick = (): void => {
    free.push(performance.now());
    if (sampling) setTimeout(tick, 1);
  };
  const latencies: number[] = [];
  const t0 = performance.now();
  tick();
  const answers = await Promise.all(
    tasks.map(
      (payload) =>
        new Promise<unknown>((resolve) =>
          setImmediate(() => {
            // all arrive at t0: latency includes the wait behind earlier requests, inline or queued
            void pool.run({ kind: 'paths', payload }, 600_000).then((o) => {
              latencies.push(performance.now() - t0);
              resolve(o.ok ? o.value : o);
            });
          }),
        ),
    ),
  );
  const t1 = performance.now();
  sampling = false;
  const lag = waits(free, t0, t1);
  const ms = (x: number): number => Math.round(x * 10) / 10;
  return {
    requests: tasks.length,
    wallMs: Math.round(t1 - t0),
    lagP50Ms: ms(percentile(lag, 50)),
    lagP95Ms: ms(percentile(lag, 95)),
    lagP99Ms: ms(percentile(lag, 99)),
    lagMaxMs: ms(Math.max(...lag)),
    requestP50Ms: Math.round(percentile(latencies, 50)),
    requestP95Ms: Math.round(percentile(latencies, 95)),
    answers: JSON.stringify(answers),
  };
}

async function main(): Promise<void> {
  const nodes = Number(process.argv[2] ?? 1000);
  const count = Number(process.argv[3] ?? 24);
  const perRequest = Number(process.argv[4] ?? 4);
  const topo = TopologyGraph.build(generateTopology('isp', { nodes, seed: 7 }));
  const sids = SidTable.allocate(topo);
  const network = { version: 1, payload: networkPayload(topo, sids) };
  const tasks = requests(topo, count, perRequest);
  const warm = tasks.slice(0, 1);

  const inline = new InlineComputePool();
  inline.load(network);
  await burst(inline, warm);
  const inlineRun = (await burst(inline, tasks)) as { answers: string };

  const workers = defaultWorkers();
  const pool = new WorkerThreadPool({ size: workers, queueLimit: count });
  pool.load(network);
  await burst(pool, warm); // worker start and network load are not part of the burst
  const poolRun = (await burst(pool, tasks)) as { answers: string };
  await pool.close();

  const strip = ({ answers: _a, ...rest }: { answers: string }): object => rest;
  writeResult('compute', {
    workload: {
      topology: `generated isp, ${nodes} nodes, ${[...topo.arcs()].length} arcs`,
      requests: count,
      queriesPerRequest: perRequest,
      query: 'srlg-disjoint, maxDelayUs 200000, allowPartialDisjoint',
    },
    workers,
    inline: strip(inlineRun),
    pool: strip(poolRun),
    sameAnswers: inlineRun.answers === poolRun.answers,
  });
}

void main();
