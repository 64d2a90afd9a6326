import type { ArcId, NodeId } from '../model/ids';
import { InterfaceArcMap } from './interface-map';
import { triangle } from './triangle.fixture';

describe('InterfaceArcMap', () => {
  it('maps eth<k> to the k-th outgoing arc in arc-id order and its reverse arc', () => {
    const m = InterfaceArcMap.simulated(triangle);
    for (const node of triangle.nodes()) {
      triangle.outArcs(node.id).forEach((arc, k) => {
        const b = m.lookup(node.id, `eth${k}`);
        expect(b?.outArc?.id).toBe(arc.id);
        expect(m.transmitterOf(arc.id)?.interface).toBe(`eth${k}`);
        const reverse = triangle.link(arc.link).arcs.find((a) => a.id !== arc.id);
        expect(b?.inArc?.id).toBe(reverse?.id);
        if (reverse) expect(m.receiverOf(reverse.id)).toBe(b);
      });
    }
    expect(m.size).toBe(triangle.arcCount);
    expect(m.lookup('A' as NodeId, 'eth9')).toBeUndefined();
  });

  it('takes an explicit table and refuses an arc that does not leave the named NE', () => {
    const m = InterfaceArcMap.fromTable(triangle, [
      { ne: 'A' as NodeId, interface: 'Ethernet1/1', outArc: 'L1#ab' as ArcId },
    ]);
    expect(m.lookup('A' as NodeId, 'Ethernet1/1')?.inArc?.id).toBe('L1#ba');
    expect(() =>
      InterfaceArcMap.fromTable(triangle, [{ ne: 'B' as NodeId, interface: 'x', outArc: 'L1#ab' as ArcId }]),
    ).toThrow(RangeError);
  });
});
