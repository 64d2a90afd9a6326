import { ParseError } from '../../errors';
import { TopologyGraph } from '../topology-graph';
import { importRepetita, importRepetitaDemands } from './repetita.importer';

const GEO = `NODES 3
label x y
0_A -74.0 40.7
1_B -87.6 41.8
2_C -77.0 38.9

EDGES 5
label src dest weight bw delay
edge_0 0 1 10 1000000 1913
edge_1 1 0 12 2000000 1913
edge_2 0 2 5 1000000 552
edge_3 2 0 5 1000000 552
edge_4 1 2 7 500000 9
`;

const ROCKETFUEL = GEO.replace(/-?\d+\.\d+ -?\d+\.\d+/g, '0.0 0.0');

function expectLine(text: string, line: number, message: RegExp): void {
  try {
    importRepetita(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).location?.line).toBe(line);
    expect((err as ParseError).message).toMatch(message);
    return;
  }
  throw new Error('expected a ParseError');
}

describe('importRepetita', () => {
  it('maps every directed edge to exactly one arc, pairing opposite edges into links', () => {
    const g = TopologyGraph.build(importRepetita(GEO, 'geo').topology);
    expect(g.nodeCount).toBe(3);
    expect(g.arcCount).toBe(5);
    expect(g.linkCount).toBe(3);
    const ab = g.link('edge_0');
    expect(ab.arcs.map((a) => [a.from, a.to, a.igpMetric, a.capacityMbps])).toEqual([
      ['0_A', '1_B', 10, 1000],
      ['1_B', '0_A', 12, 2000],
    ]);
    expect(g.link('edge_4').arcs).toHaveLength(1);
  });

  it('reads delay as milliseconds when there are no coordinates, from distance otherwise', () => {
    const rf = TopologyGraph.build(importRepetita(ROCKETFUEL).topology);
    expect(rf.link('edge_4').arcs[0]!.delayUs).toBe(9000);
    const geo = TopologyGraph.build(importRepetita(GEO).topology);
    expect(geo.link('edge_4').arcs[0]!.delayUs).toBeGreaterThan(2000); // ~1,000 km, not 9 "units"
  });

  it('reads demands in kbit/s against node indices', () => {
    const nodes = ['0_A', '1_B', '2_C'];
    const d = importRepetitaDemands('DEMANDS 2\nlabel src dest bw\nd0 0 2 1500\nd1 2 1 30\n', nodes);
    expect(d).toEqual([
      { from: '0_A', to: '2_C', mbps: 1.5 },
      { from: '2_C', to: '1_B', mbps: 0.03 },
    ]);
    expect(() => importRepetitaDemands('DEMANDS 1\nlabel src dest bw\nd0 0 3 1\n', nodes)).toThrow(/line 3/);
  });

  it.each([
    ['a missing NODES header', 'EDGES 0\nlabel\n', 1, /expected 'NODES <count>'/],
    ['a node index out of range', GEO.replace('edge_4 1 2', 'edge_4 1 9'), 13, /'9' is not between 0 and 2/],
    ['a non-numeric bandwidth', GEO.replace('500000', '5e'), 13, /bandwidth '5e'/],
    ['a zero weight', GEO.replace('edge_4 1 2 7', 'edge_4 1 2 0'), 13, /weight '0'/],
    ['a short edge line', GEO.replace('edge_4 1 2 7 500000 9', 'edge_4 1 2 7'), 13, /needs 'label src dest/],
    ['fewer edges than announced', GEO.replace('EDGES 5', 'EDGES 6'), 14, /file ends before edge 5/],
    ['more edges than announced', GEO.replace('EDGES 5', 'EDGES 4'), 13, /more lines follow/],
    ['a self-loop', GEO.replace('edge_4 1 2', 'edge_4 2 2'), 13, /self-loop/],
  ])('rejects %s naming the line', (_what, text, line, message) => expectLine(text, line, message));
});
