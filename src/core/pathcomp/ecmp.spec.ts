import fc from 'fast-check';
import { TopologyGraph } from '../topology';
import { weightedTopology } from './__fixtures__/small-topologies';
import { Ecmp } from './ecmp';

const topology = fc
  .record({
    n: fc.integer({ min: 2, max: 8 }),
    links: fc.array(
      fc.record({
        a: fc.nat(7),
        b: fc.nat(7),
        wab: fc.integer({ min: 1, max: 4 }),
        wba: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 1, maxLength: 16 },
    ),
  })
  .map(({ n, links }) =>
    TopologyGraph.build(weightedTopology(n, links, { capacityMbps: 10, delayUs: 1, oneWayEvery: 3 })),
  );

/** Bellman-Ford distances to `dest`, independent of the heap-based Dijkstra under test. */
function distancesTo(topo: TopologyGraph, dest: string): Map<string, number> {
  const d = new Map([...topo.nodes()].map((n) => [n.id as string, n.id === dest ? 0 : Infinity]));
  for (let round = 0; round < topo.nodeCount; round++) {
    for (const a of topo.arcs()) d.set(a.from, Math.min(d.get(a.from)!, a.igpMetric + d.get(a.to)!));
  }
  return d;
}

describe('Ecmp', () => {
  it('has the IGP distances and exactly the equal-cost next hops', () => {
    fc.assert(
      fc.property(topology, (topo) => {
        const ecmp = Ecmp.of(topo);
        for (const dest of topo.nodes()) {
          const want = distancesTo(topo, dest.id);
          const dag = ecmp.toward(ecmp.indexOfNode(dest.id));
          for (const v of topo.nodes()) {
            const i = ecmp.indexOfNode(v.id);
            expect(dag.dist[i]).toBe(want.get(v.id));
            const hops = topo
              .outArcs(v.id)
              .filter((a) => want.get(a.to)! < Infinity && want.get(v.id) === a.igpMetric + want.get(a.to)!)
              .map((a) => a.id)
              .sort();
            expect([...dag.nextHops(i)].map((a) => ecmp.arcIds[a]).sort()).toEqual(hops);
          }
        }
      }),
    );
  });

  it('spreads one unit that is conserved at every node and moves only along next hops', () => {
    fc.assert(
      fc.property(topology, fc.nat(7), fc.nat(7), (topo, s, t) => {
        const ecmp = Ecmp.of(topo);
        const src = s % ecmp.nodeCount;
        const dag = ecmp.toward(t % ecmp.nodeCount);
        const net = new Float64Array(ecmp.nodeCount);
        const ok = dag.spread(src, (a, f) => {
          net[ecmp.arcFrom[a]!]! -= f;
          net[ecmp.arcTo[a]!]! += f;
          expect(dag.nextHops(ecmp.arcFrom[a]!)).toContain(a);
        });
        expect(ok).toBe(dag.reachable(src));
        if (!ok || src === dag.dest) return;
        net.forEach((x, v) => {
          const want = v === src ? -1 : v === dag.dest ? 1 : 0;
          expect(x).toBeCloseTo(want, 9);
        });
      }),
    );
  });
});
