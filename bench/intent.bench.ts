/**
 * Intent service throughput on Kdl (754 nodes): intents compiled (path engine + SR policy + reservations),
 * verified and admitted (one SQLite transaction each, WAL) per second, and memory per admitted intent. The
 * main run uses synchronous=NORMAL (survives kill -9, not power loss); a shorter run with synchronous=FULL
 * (the server's default: an fsync per commit) shows what the disk adds. The peer measured in the same run is the path engine alone on the same
 * queries: the ratio is what compile + verify + admission cost on top of path computation.
 *
 *   node --expose-gc dist/bench/intent.bench.js [intents=10000]
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryNeDriver } from '../src/adapters/drivers/memory';
import { SqliteIntentStore } from '../src/adapters/store';
import type { NetworkModel } from '../src/app/intent';
import { intentHarness } from '../src/app/intent/__fixtures__/intent-harness';
import { loadTopology } from '../src/cli/load-topology';
import { InfeasibleError } from '../src/core/errors';
import type { ConnectivityIntentSpec, Protection } from '../src/core/model/intent';
import { PathEngine } from '../src/core/pathcomp';
import { SidTable } from '../src/core/topology';
import { percentile, sharedTopologies, writeResult } from './bench-util';

/** Deterministic PRNG (mulberry32) so every run submits the same intents. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function intents(nodes: readonly string[], n: number): ConnectivityIntentSpec[] {
  const rand = prng(42);
  const pick = (): string => nodes[Math.floor(rand() * nodes.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const a = pick();
    let b = pick();
    while (b === a) b = pick();
    const protection: Protection = rand() < 0.2 ? 'link-disjoint' : 'none';
    return {
      name: `bench-${i}`,
      kind: 'connectivity',
      endpoints: { a, b },
      slo: { bandwidthMbps: 1 + Math.floor(rand() * 10) },
      sle: { protection, isolation: 'shared' },
      priority: i % 8,
    } as ConnectivityIntentSpec;
  });
}

const heap = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

function main(): void {
  const n = Number(process.argv[2] ?? 10_000);
  const topology = loadTopology(join(sharedTopologies(), 'topologyzoo', 'Kdl.gml'));
  const network = { topology, sids: SidTable.allocate(topology) };
  const specs = intents(
    [...topology.nodes()].map((x) => x.id),
    n,
  );

  const engine = new PathEngine(topology, network.sids);
  const t0 = process.hrtime.bigint();
  const peerCpu0 = process.cpuUsage();
  for (const s of specs.slice(0, Math.min(n, 2000))) {
    const disjoint = s.sle.protection === 'none' ? {} : { disjoint: 'link' as const };
    engine.compute({
      from: s.endpoints.a,
      to: s.endpoints.b,
      metric: 'te',
      bandwidthMbps: s.slo.bandwidthMbps,
      ...disjoint,
    });
    engine.compute({
      from: s.endpoints.b,
      to: s.endpoints.a,
      metric: 'te',
      bandwidthMbps: s.slo.bandwidthMbps,
      ...disjoint,
    });
  }
  const peerPerSec = Math.min(n, 2000) / (Number(process.hrtime.bigint() - t0) / 1e9);
  const peerCpu = process.cpuUsage(peerCpu0);
  const peerCpuMs = (peerCpu.user + peerCpu.system) / 1000 / Math.min(n, 2000);

  const normal = admitAll(network, specs, 'normal');
  const full = admitAll(network, specs.slice(0, Math.min(n, 300)), 'full');
  writeResult('intent', {
    topology: { name: topology.name, nodes: topology.nodeCount, links: topology.linkCount },
    intents: n,
    protectedShare: 0.2,
    compileAdmitPerSec: normal.perSec,
    cpuMsPerIntent: normal.cpuMsPerIntent,
    admitted: normal.admitted,
    infeasible: normal.infeasible,
    latencyMs: normal.latencyMs,
    memory: normal.memory,
    durableEveryCommit: {
      intents: full.intents,
      compileAdmitPerSec: full.perSec,
      cpuMsPerIntent: full.cpuMsPerIntent,
      latencyMs: full.latencyMs,
    },
    peer: {
      name: 'PathEngine.compute alone (both directions)',
      intentsPerSec: Math.round(peerPerSec),
      cpuMsPerIntent: Math.round(peerCpuMs * 1000) / 1000,
    },
    cpuRatioToPeer: Number((normal.cpuMsPerIntent / peerCpuMs).toFixed(3)),
    ratioToPeer: Number((normal.perSec / peerPerSec).toFixed(3)),
  });
}

/** Admits every spec (compile + verify + one transaction) into a fresh store; synchronous=NORMAL or FULL. */
function admitAll(network: NetworkModel, specs: readonly ConnectivityIntentSpec[], sync: 'normal' | 'full') {
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-bench-'));
  const store = SqliteIntentStore.open({ dataDir, synchronous: sync });
  const h = intentHarness(network, new MemoryNeDriver(network.topology, network.sids), store);
  const before = heap();
  const latencies: number[] = [];
  let admitted = 0;
  let infeasible = 0;
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (const spec of specs) {
    const t = process.hrtime.bigint();
    try {
      h.intents.admit(spec, undefined, 'bench', 'create');
      admitted++;
    } catch (e) {
      if (!(e instanceof InfeasibleError)) throw e;
      infeasible++;
    }
    latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const heapPerIntent = (heap() - before) / Math.max(1, admitted);
  // keep the service (and its ledger mirror) reachable until after the measurement above
  if (h.intents.list().length !== admitted) throw new Error('bench: stored intents do not match admissions');
  const dbBytes = ['autonet.db', 'autonet.db-wal'].reduce(
    (t, f) => t + (existsSync(join(dataDir, f)) ? statSync(join(dataDir, f)).size : 0),
    0,
  );
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    intents: specs.length,
    admitted,
    infeasible,
    perSec: Math.round(specs.length / seconds),
    cpuMsPerIntent: r3((cpu.user + cpu.system) / 1000 / specs.length),
    latencyMs: {
      p50: r3(percentile(latencies, 50)),
      p99: r3(percentile(latencies, 99)),
      max: r3(percentile(latencies, 100)),
    },
    memory: {
      heapBytesPerIntent: Math.round(heapPerIntent),
      dbBytesPerIntent: Math.round(dbBytes / Math.max(1, admitted)),
    },
  };
}

main();
