import fc from 'fast-check';
import type { ArcId } from '../model/ids';
import { SidTable, TopologyGraph } from '../topology';
import { queryOf } from './__fixtures__/arbitraries';
import type { RandomQueryParts } from './__fixtures__/arbitraries';
import { allSimplePaths, metricOf, randomTopology, satisfies } from './__fixtures__/brute-force';
import type { RandomLink } from './__fixtures__/brute-force';
import { EndXEncoder } from './__fixtures__/end-x-encoder';
import { MSD_SEARCH_LIMIT, PathEngineCore } from './path-engine';
import type { PathEngineOptions, PathQuery } from './path-types';

export const linkArb: fc.Arbitrary<RandomLink> = fc.record({
  a: fc.nat(6),
  b: fc.nat(6),
  igp: fc.integer({ min: 1, max: 9 }),
  te: fc.integer({ min: 1, max: 9 }),
  delay: fc.integer({ min: 0, max: 20 }),
  capacity: fc.constantFrom(100, 400, 1000),
  srlgs: fc.subarray([1, 2, 3], { maxLength: 2 }),
  affinities: fc.subarray(['red', 'blue']),
  oneWay: fc.oneof({ arbitrary: fc.constant(true), weight: 1 }, { arbitrary: fc.constant(false), weight: 5 }),
  reverseIgp: fc.integer({ min: 1, max: 9 }),
});

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { freq: 2 });
export const queryArb: fc.Arbitrary<RandomQueryParts> = fc.record({
  from: fc.nat(6),
  to: fc.nat(6),
  metric: fc.constantFrom('igp' as const, 'te' as const, 'delay' as const, 'hops' as const),
  bandwidth: opt(fc.constantFrom(300, 500)),
  maxDelay: opt(fc.integer({ min: 0, max: 40 })),
  maxHops: opt(fc.integer({ min: 1, max: 4 })),
  excludeNode: fc.option(fc.nat(6), { freq: 4 }),
  excludeLink: fc.option(fc.nat(20), { freq: 4 }),
  excludeSrlg: fc.option(fc.constantFrom(1, 2, 3), { freq: 4 }),
  includeAny: fc.option(fc.constantFrom('red', 'blue'), { freq: 5 }),
  excludeAny: fc.option(fc.constantFrom('red', 'blue'), { freq: 5 }),
});

export const caseArb = fc.record({
  nodes: fc.integer({ min: 2, max: 7 }),
  links: fc.array(linkArb, { minLength: 1, maxLength: 12 }),
  query: queryArb,
  freeFraction: fc.array(fc.constantFrom(0.2, 0.5, 1), { minLength: 24, maxLength: 24 }),
});

function setup(nodes: number, links: RandomLink[], options: PathEngineOptions = {}) {
  const topo = TopologyGraph.build(randomTopology(nodes, links));
  const engine = new PathEngineCore(topo, new EndXEncoder(topo, SidTable.allocate(topo)), options);
  return { topo, engine };
}

describe('PathEngine single paths (property: optimal versus brute force)', () => {
  it('returns a feasible path of minimum metric exactly when one exists', () => {
    fc.assert(
      fc.property(caseArb, ({ nodes, links, query, freeFraction }) => {
        const topo0 = TopologyGraph.build(randomTopology(nodes, links));
        const arcs = [...topo0.arcs()].map((a) => a.id);
        const freeOf = (id: ArcId): number =>
          topo0.arc(id).capacityMbps * freeFraction[arcs.indexOf(id) % 24]!;
        const { topo, engine } = setup(nodes, links, { freeMbps: freeOf });
        const q = queryOf(nodes, topo.linkCount, query);
        if (!q) return;
        const feasible = allSimplePaths(topo, q.from, q.to).filter((p) =>
          satisfies(topo, q, p, (a) => freeOf(a.id)),
        );
        const r = engine.compute(q);
        if (feasible.length === 0) {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.code).toBe('NO_PATH');
          if (!r.ok) expect(r.error.blocking.length).toBeGreaterThan(0);
          return;
        }
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const path = r.paths[0]!.arcs.map((id) => topo.arc(id));
        expect(path[0]!.from).toBe(q.from);
        expect(path.at(-1)!.to).toBe(q.to);
        path.slice(1).forEach((a, i) => expect(a.from).toBe(path[i]!.to));
        expect(new Set([q.from, ...path.map((a) => a.to)]).size).toBe(path.length + 1);
        expect(satisfies(topo, q, path, (a) => freeOf(a.id))).toBe(true);
        const best = Math.min(...feasible.map((p) => metricOf(q, p)));
        expect(r.paths[0]!.metric).toBeCloseTo(best, 9);
        expect(metricOf(q, path)).toBeCloseTo(best, 9);
        expect(r.paths[0]!.hops).toBe(path.length);
        expect(r.paths[0]!.delayUs).toBeCloseTo(metricOf({ ...q, metric: 'delay' }, path), 9);
        expect(r.paths[0]!.igpCost).toBe(metricOf({ ...q, metric: 'igp' }, path));
        if (r.explain?.nextBestMetric !== undefined) {
          const costs = feasible.map((p) => metricOf(q, p)).sort((x, y) => x - y);
          expect(r.explain.nextBestMetric).toBeCloseTo(costs[1]!, 9);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('solves delay- and hop-bounded queries exactly on denser graphs (resource-constrained shortest path)', () => {
    const dense = fc.record({
      nodes: fc.integer({ min: 4, max: 8 }),
      links: fc.array(linkArb, { minLength: 8, maxLength: 18 }),
      from: fc.nat(7),
      to: fc.nat(7),
      metric: fc.constantFrom('igp' as const, 'te' as const, 'hops' as const),
      slack: fc.double({ min: 0, max: 1, noNaN: true }),
      maxHops: fc.option(fc.integer({ min: 2, max: 5 })),
    });
    fc.assert(
      fc.property(dense, ({ nodes, links, from, to, metric, slack, maxHops }) => {
        const { topo, engine } = setup(nodes, links);
        if (from % nodes === to % nodes) return;
        const base: PathQuery = { from: `n${from % nodes}`, to: `n${to % nodes}`, metric };
        const all = allSimplePaths(topo, base.from, base.to);
        if (all.length === 0) return;
        // Bounds near the fastest paths, where the cheapest path is usually too slow.
        const delays = all.map((p) => metricOf({ ...base, metric: 'delay' }, p)).sort((x, y) => x - y);
        const bound = delays[Math.floor(slack * slack * delays.length)]!;
        const q: PathQuery = { ...base, maxDelayUs: bound, ...(maxHops && { maxHops }) };
        const feasible = all.filter((p) => satisfies(topo, q, p));
        const r = engine.compute(q);
        expect(r.ok).toBe(feasible.length > 0);
        if (!r.ok) return;
        const path = r.paths[0]!.arcs.map((id) => topo.arc(id));
        expect(satisfies(topo, q, path)).toBe(true);
        expect(r.paths[0]!.metric).toBe(Math.min(...feasible.map((p) => metricOf(q, p))));
      }),
      { numRuns: 400 },
    );
  });

  it('with an MSD returns the best path that encodes within it, or MSD_EXCEEDED', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 3 }), ({ nodes, links, query }, msd) => {
        const { topo, engine } = setup(nodes, links);
        const q0 = queryOf(nodes, topo.linkCount, query);
        if (!q0) return;
        const q: PathQuery = { ...q0, msd };
        const feasible = allSimplePaths(topo, q.from, q.to).filter((p) => satisfies(topo, q, p));
        if (feasible.length === 0 || feasible.length > MSD_SEARCH_LIMIT) return;
        const fits = feasible.filter((p) => p.length <= msd);
        const r = engine.compute(q);
        if (fits.length === 0) {
          expect(r.ok ? 'ok' : r.error.code).toBe('MSD_EXCEEDED');
          return;
        }
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.paths[0]!.segments.length).toBeLessThanOrEqual(msd);
        expect(r.paths[0]!.metric).toBeCloseTo(Math.min(...fits.map((p) => metricOf(q, p))), 9);
      }),
      { numRuns: 200 },
    );
  });
});
