/**
 * Path computation speed on graphs from 12 to 1,739 nodes, the same seeded queries for every engine:
 * - plain shortest path (IGP): Autonet's Dijkstra on the compact graph vs graphology-shortest-path's
 *   bidirectional Dijkstra (ratio), plus networkx / igraph when Debian's python3-networkx / python3-igraph exist;
 * - the full engine (validation, encoding, explanation) for plain, delay-bounded exact, and disjoint queries.
 * Delay bounds sit halfway between the fastest path's delay and the IGP-cheapest path's, so they bind whenever
 * those differ. Teal graphs carry one uniform delay; "ASN2k+delays" gives ASN2k seeded per-link delays.
 * Usage: node dist/bench/pathcomp.bench.js [queries per graph, default 400]
 */
import { bidirectional } from 'graphology-shortest-path/dijkstra';
import { CompactGraph, PathEngine, shortestPath } from '../src/core/pathcomp';
import type { PathQuery } from '../src/core/pathcomp';
import { SidTable, TopologyGraph, topologyInputOf } from '../src/core/topology';
import { loadTopology } from '../src/cli/load-topology';
import { percentile, sharedTopologies, timeIt, writeResult } from './bench-util';
import { runPeers } from './pathcomp-peers';
import { delayBounds, mulberry32, randomPairs } from './pathcomp-queries';

const GRAPHS = [
  'teal/B4.json',
  'topologyzoo/Geant2012.gml',
  'topologyzoo/Cogentco.gml',
  'topologyzoo/Kdl.gml',
  'teal/ASN2k.json',
  'ASN2k+delays',
];

interface Timing {
  qps: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of this process per query: less disturbed than wall time on a shared machine. */
  cpuP50Ms: number;
  cpuP99Ms: number;
}

function timed(n: number, fn: (i: number) => unknown): Timing {
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < Math.min(n, 50); i++) fn(i);
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    ms.push(timeIt(() => fn(i)));
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const total = ms.reduce((s, x) => s + x, 0);
  return {
    qps: n / (total / 1000),
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    cpuP50Ms: percentile(cpu, 50),
    cpuP99Ms: percentile(cpu, 99),
  };
}

function load(name: string): TopologyGraph {
  if (name !== 'ASN2k+delays') return loadTopology(`${sharedTopologies()}/${name}`);
  const base = topologyInputOf(loadTopology(`${sharedTopologies()}/teal/ASN2k.json`));
  const rnd = mulberry32(7);
  const links = base.links.map((l) => {
    const delayUs = 100 + Math.floor(rnd() * 4900);
    return { ...l, ab: { ...l.ab, delayUs }, ba: l.ba && { ...l.ba, delayUs } };
  });
  return TopologyGraph.build({ ...base, name: 'ASN2k+delays', links });
}

function benchGraph(name: string, count: number): object {
  const topo = load(name);
  const g = CompactGraph.of(topo);
  const engine = new PathEngine(topo, SidTable.allocate(topo));
  const pairs = randomPairs(g, count, 42);
  const ids = pairs.map(([s, t]) => [g.nodeIds[s]!, g.nodeIds[t]!] as const);
  const sum = pairs.reduce((acc, [s, t]) => acc + shortestPath(g, g.igp, null, s, t)!.cost, 0);
  const autonet = timed(pairs.length, (i) => shortestPath(g, g.igp, null, pairs[i]![0], pairs[i]![1]));
  const graphology = timed(pairs.length, (i) =>
    bidirectional(topo.graph, ids[i]![0], ids[i]![1], 'igpMetric'),
  );
  const check = pairs.length > 0 ? sum / Math.max(1, pairs.length) : 0;
  const run = (make: (i: number) => PathQuery) => {
    let calls = 0;
    let ok = 0;
    const warmup = Math.min(pairs.length, 50);
    const t = timed(pairs.length, (i) => {
      if (engine.compute(make(i)).ok && calls >= warmup) ok++;
      calls++;
    });
    return { ...t, okShare: ok / Math.max(1, pairs.length) };
  };
  const q = (i: number): PathQuery => ({ from: ids[i]![0], to: ids[i]![1] });
  const bounded = (metric: 'igp' | 'hops') => {
    const w = g.weights(metric);
    const bounds = delayBounds(g, w, pairs);
    const binding = pairs.filter(([s, t], i) => {
      const p = shortestPath(g, w, null, s, t)!;
      return p.arcs.reduce((d, a) => d + g.delay[a]!, 0) > bounds[i]!;
    }).length;
    const r = run((i) => ({ ...q(i), metric, maxDelayUs: bounds[i]! }));
    return { ...r, boundBindingShare: binding / Math.max(1, pairs.length), bounds };
  };
  const igpBounded = bounded('igp');
  const hopsBounded = bounded('hops');
  return {
    graph: name,
    nodes: g.n,
    arcs: g.m,
    queries: pairs.length,
    plainShortestPath: {
      autonet,
      graphology,
      speedupVsGraphology: autonet.qps / graphology.qps,
      meanIgpCost: check,
      peers: runPeers(g, pairs, sum),
    },
    engine: {
      plain: run(q),
      delayBoundedIgp: { ...igpBounded, bounds: undefined },
      delayBoundedHops: { ...hopsBounded, bounds: undefined },
      disjointLink: run((i) => ({ ...q(i), disjoint: 'link' })),
      disjointNode: run((i) => ({ ...q(i), disjoint: 'node' })),
      disjointLinkDelayBounded: run((i) => ({
        ...q(i),
        disjoint: 'link',
        maxDelayUs: 2 * igpBounded.bounds[i]!,
      })),
    },
  };
}

function main(): void {
  const count = Number(process.argv[2] ?? 400);
  const graphs = GRAPHS.map((name) => {
    process.stderr.write(`bench pathcomp: ${name}\n`);
    return benchGraph(name, count);
  });
  writeResult('pathcomp', {
    goals: { plainAtLeastGraphology: 'speedupVsGraphology >= 1', delayBoundedP99Ms: '< 5 on 1,739 nodes' },
    graphs,
  });
}

main();
