import fc from 'fast-check';
import type { TopoArc } from '../model/topology';
import { SidTable, TopologyGraph } from '../topology';
import { allSimplePaths, disjoint, metricOf, randomTopology, satisfies } from './__fixtures__/brute-force';
import type { RandomLink } from './__fixtures__/brute-force';
import { EndXEncoder } from './__fixtures__/end-x-encoder';
import { PathEngineCore } from './path-engine';
import type { Disjointness, PathQuery } from './path-types';

const linkArb: fc.Arbitrary<RandomLink> = fc.record({
  a: fc.nat(5),
  b: fc.nat(5),
  igp: fc.integer({ min: 1, max: 9 }),
  te: fc.integer({ min: 1, max: 9 }),
  delay: fc.integer({ min: 0, max: 20 }),
  capacity: fc.constantFrom(100, 1000),
  srlgs: fc.subarray([1, 2, 3, 4], { maxLength: 2 }),
  affinities: fc.constant([]),
  oneWay: fc.oneof({ arbitrary: fc.constant(true), weight: 1 }, { arbitrary: fc.constant(false), weight: 7 }),
  reverseIgp: fc.integer({ min: 1, max: 9 }),
});

const pairCase = fc.record({
  nodes: fc.integer({ min: 4, max: 6 }),
  links: fc.array(linkArb, { minLength: 5, maxLength: 12 }),
  from: fc.nat(5),
  to: fc.nat(5),
  mode: fc.constantFrom<Disjointness>('link', 'node', 'srlg'),
  metric: fc.constantFrom('igp' as const, 'te' as const, 'delay' as const),
  maxDelay: fc.option(fc.integer({ min: 5, max: 50 }), { freq: 3 }),
  bandwidth: fc.option(fc.constant(500), { freq: 4 }),
});

/** Shared elements counted the way the engine minimises them (links; transit nodes for node; SRLGs for srlg). */
function sharedCount(topo: TopologyGraph, mode: Disjointness, p: TopoArc[], q: TopoArc[]): number {
  const pl = new Set(p.map((a) => a.link));
  let n = new Set(q.map((a) => a.link).filter((l) => pl.has(l))).size;
  if (mode === 'node') {
    const pn = new Set(p.slice(0, -1).map((a) => a.to));
    n += q.slice(0, -1).filter((a) => pn.has(a.to)).length;
  }
  return n;
}

interface PairCase {
  nodes: number;
  links: RandomLink[];
  from: number;
  to: number;
  mode: Disjointness;
  metric: 'igp' | 'te' | 'delay';
  maxDelay: number | null;
  bandwidth: number | null;
}

function check(c: PairCase, partial: boolean): void {
  const { nodes, links, mode, metric } = c;
  if (c.from % nodes === c.to % nodes) return;
  const topo = TopologyGraph.build(randomTopology(nodes, links));
  const engine = new PathEngineCore(topo, new EndXEncoder(topo, SidTable.allocate(topo)));
  const q: PathQuery = {
    from: `n${c.from % nodes}`,
    to: `n${c.to % nodes}`,
    metric,
    disjoint: mode,
    ...(c.maxDelay !== null && { maxDelayUs: c.maxDelay }),
    ...(c.bandwidth !== null && { bandwidthMbps: c.bandwidth }),
    ...(partial && { allowPartialDisjoint: true }),
  };
  const feasible = allSimplePaths(topo, q.from, q.to).filter((p) => satisfies(topo, q, p));
  let best = Infinity;
  for (const p of feasible)
    for (const r of feasible)
      if (disjoint(topo, mode, p, r)) best = Math.min(best, metricOf(q, p) + metricOf(q, r));
  const res = engine.compute(q);
  if (!res.ok) {
    expect(res.error.code).toBe('NO_PATH');
    expect(best).toBe(Infinity);
    expect(partial && feasible.length > 0).toBe(false);
    return;
  }
  const [p, r] = res.paths.map((x) => x.arcs.map((id) => topo.arc(id)));
  expect(res.paths).toHaveLength(2);
  for (const path of [p!, r!]) expect(satisfies(topo, q, path)).toBe(true);
  expect(res.paths[0]!.metric).toBeLessThanOrEqual(res.paths[1]!.metric);
  const total = res.paths[0]!.metric + res.paths[1]!.metric;
  if (best < Infinity) {
    expect(disjoint(topo, mode, p!, r!)).toBe(true);
    expect(total).toBe(best);
    expect(res.explain?.shared ?? []).toEqual([]);
    return;
  }
  expect(partial).toBe(true);
  expect(res.explain?.shared?.length).toBeGreaterThan(0);
  if (mode !== 'srlg' && c.maxDelay === null) {
    let fewest = Infinity;
    let cost = Infinity;
    for (const a of feasible)
      for (const b of feasible) {
        const s = sharedCount(topo, mode, a, b);
        const t = metricOf(q, a) + metricOf(q, b);
        if (s < fewest || (s === fewest && t < cost)) [fewest, cost] = [s, t];
      }
    expect(sharedCount(topo, mode, p!, r!)).toBe(fewest);
    expect(total).toBe(cost);
  }
}

describe('disjoint pairs (property: jointly optimal versus brute force)', () => {
  it('returns a disjoint pair of minimum total cost meeting every constraint, or NO_PATH when none exists', () => {
    fc.assert(
      fc.property(pairCase, (c) => check(c, false)),
      { numRuns: 400 },
    );
  });

  it('with allowPartialDisjoint returns the pair sharing the fewest elements, then the cheapest', () => {
    fc.assert(
      fc.property(pairCase, (c) => check(c, true)),
      { numRuns: 400 },
    );
  });
});
