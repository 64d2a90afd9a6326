import fc from 'fast-check';
import { TopologyGraph } from '../topology';
import { randomTopology } from './__fixtures__/brute-force';
import { ring } from './__fixtures__/small-topologies';
import { CompactGraph } from './compact-graph';
import { MinHeap } from './min-heap';

describe('CompactGraph', () => {
  it('indexes every arc once in CSR out- and in-lists, with its attributes and twin', () => {
    const topo = TopologyGraph.build(ring);
    const g = CompactGraph.of(topo);
    expect(CompactGraph.of(topo)).toBe(g);
    expect([g.n, g.m, g.linkIds.length]).toEqual([4, 8, 4]);
    for (const arc of topo.arcs()) {
      const a = g.arc(arc.id)!;
      expect(g.nodeIds[g.arcFrom[a]!]).toBe(arc.from);
      expect(g.nodeIds[g.arcTo[a]!]).toBe(arc.to);
      expect([g.igp[a], g.delay[a], g.capacity[a]]).toEqual([arc.igpMetric, arc.delayUs, arc.capacityMbps]);
      expect(g.arcIds[g.arcTwin[a]!]).toBe(
        arc.id.endsWith('#ab') ? arc.id.replace('#ab', '#ba') : arc.id.replace('#ba', '#ab'),
      );
      const from = g.arcFrom[a]!;
      expect([...g.outArc.subarray(g.outStart[from], g.outStart[from + 1])]).toContain(a);
      const to = g.arcTo[a]!;
      expect([...g.inArc.subarray(g.inStart[to], g.inStart[to + 1])]).toContain(a);
    }
    expect(g.outStart[g.n]).toBe(g.m);
  });

  it('gives one-way links no twin', () => {
    const topo = TopologyGraph.build(
      randomTopology(2, [
        {
          a: 0,
          b: 1,
          igp: 1,
          te: 1,
          delay: 1,
          capacity: 1,
          srlgs: [],
          affinities: [],
          oneWay: true,
          reverseIgp: 1,
        },
      ]),
    );
    expect([...CompactGraph.of(topo).arcTwin]).toEqual([-1]);
  });
});

describe('MinHeap', () => {
  it('pops values in key order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 })), (keys) => {
        const h = new MinHeap(2);
        keys.forEach((k, i) => h.push(k, i));
        const out: number[] = [];
        while (h.size > 0) {
          out.push(h.peekKey());
          h.pop();
        }
        // 0 and -0 are equal keys, popped in either order; toEqual tells them apart, so compare them as one
        const zero = (x: number) => (Object.is(x, -0) ? 0 : x);
        expect(out.map(zero)).toEqual([...keys].sort((x, y) => x - y).map(zero));
      }),
    );
  });
});
