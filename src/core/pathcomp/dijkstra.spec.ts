import fc from 'fast-check';
import { TopologyGraph } from '../topology';
import { randomTopology } from './__fixtures__/brute-force';
import type { RandomLink } from './__fixtures__/brute-force';
import { CompactGraph } from './compact-graph';
import { distanceTree, reachable, shortestPath } from './dijkstra';

const linkArb: fc.Arbitrary<RandomLink> = fc.record({
  a: fc.nat(9),
  b: fc.nat(9),
  igp: fc.integer({ min: 1, max: 20 }),
  te: fc.constant(1),
  delay: fc.integer({ min: 0, max: 50 }),
  capacity: fc.constant(100),
  srlgs: fc.constant([]),
  affinities: fc.constant([]),
  oneWay: fc.boolean(),
  reverseIgp: fc.integer({ min: 1, max: 20 }),
});

/** Bellman-Ford distances from root, written independently of the heap code. */
function bellmanFord(g: CompactGraph, w: Float64Array, root: number, reverse: boolean): number[] {
  const d = new Array<number>(g.n).fill(Infinity);
  d[root] = 0;
  for (let k = 0; k < g.n; k++) {
    for (let a = 0; a < g.m; a++) {
      const [u, v] = reverse ? [g.arcTo[a]!, g.arcFrom[a]!] : [g.arcFrom[a]!, g.arcTo[a]!];
      if (d[u]! + w[a]! < d[v]!) d[v] = d[u]! + w[a]!;
    }
  }
  return d;
}

describe('Dijkstra on the compact graph', () => {
  const graphArb = fc.record({
    nodes: fc.integer({ min: 2, max: 10 }),
    links: fc.array(linkArb, { maxLength: 25 }),
  });

  it('full and limited trees, point-to-point paths and reachability agree with Bellman-Ford', () => {
    fc.assert(
      fc.property(
        graphArb,
        fc.nat(9),
        fc.nat(9),
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        (t, r, x, limit, rev) => {
          const g = CompactGraph.of(TopologyGraph.build(randomTopology(t.nodes, t.links)));
          const root = r % g.n;
          const other = x % g.n;
          const exact = bellmanFord(g, g.delay, root, rev);
          expect([...distanceTree(g, g.delay, null, root, rev)]).toEqual(exact);
          const limited = distanceTree(g, g.delay, null, root, rev, null, limit);
          exact.forEach((d, v) => {
            expect(limited[v]).toBeLessThanOrEqual(d);
            if (d <= limit) expect(limited[v]).toBe(d);
          });
          const p = rev
            ? shortestPath(g, g.delay, null, other, root)
            : shortestPath(g, g.delay, null, root, other);
          expect(p === null ? Infinity : p.cost).toBe(exact[other]);
          expect(reachable(g, null, root, rev)[other] === 1).toBe(exact[other] !== Infinity);
        },
      ),
      { numRuns: 300 },
    );
  });
});
