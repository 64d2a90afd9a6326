import type { ArcId, NodeId } from '../../core/model/ids';
import { TopologyGraph } from '../../core/topology';
import { placeable, residualTopology } from './live-network';

/** A square A–B–C–D–A plus an island E–F: 10,000 Mbit/s each way. */
function square(): TopologyGraph {
  const d = { capacityMbps: 10_000, delayUs: 100, igpMetric: 10 };
  const link = (a: string, b: string) => ({ id: `${a}${b}`, a, b, ab: d, ba: d });
  return TopologyGraph.build({
    name: 'square',
    nodes: ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => ({ id })),
    links: [link('A', 'B'), link('B', 'C'), link('C', 'D'), link('D', 'A'), link('E', 'F')],
  });
}
const arc = (t: TopologyGraph, link: string, i: number): ArcId => t.link(link).arcs[i]!.id;
const n = (s: string) => s as NodeId;

describe('residualTopology', () => {
  it('leaves out a link with a direction down and every link of a down node', () => {
    const t = square();
    const r = residualTopology(t, {
      arcs: new Map([[arc(t, 'AB', 1), { up: false, reservedMbps: 0 }]]),
      downNodes: new Set([n('C')]),
    });
    expect([...r.links()].map((l) => l.id).sort()).toEqual(['DA', 'EF']);
    expect(r.hasNode('C')).toBe(false);
  });

  it('takes reservations off each direction’s capacity, never below a sliver', () => {
    const t = square();
    const r = residualTopology(t, {
      arcs: new Map([
        [arc(t, 'AB', 0), { up: true, reservedMbps: 9_500 }],
        [arc(t, 'AB', 1), { up: true, reservedMbps: 20_000 }],
      ]),
      downNodes: new Set(),
    });
    const [ab, ba] = r.link('AB').arcs;
    expect(ab!.capacityMbps).toBe(500);
    expect(ba!.capacityMbps).toBeGreaterThan(0);
    expect(ba!.capacityMbps).toBeLessThan(0.01);
    expect(r.link('BC').arcs[0]!.capacityMbps).toBe(10_000);
  });
});

describe('placeable', () => {
  it('splits demands the network can carry from those cut off or to themselves', () => {
    const t = square();
    const d = (from: string, to: string) => ({ from: n(from), to: n(to), mbps: 1 });
    const r = residualTopology(t, { arcs: new Map(), downNodes: new Set([n('D')]) });
    const out = placeable(r, [d('A', 'C'), d('A', 'E'), d('A', 'D'), d('B', 'B')]);
    expect(out.placeable).toEqual([d('A', 'C')]);
    expect(out.unplaceable).toEqual([d('A', 'E'), d('A', 'D'), d('B', 'B')]);
  });
});
