import { ParseError } from '../../errors';
import { TopologyGraph } from '../topology-graph';
import { importGml } from './gml.importer';

const ABC = `graph [
  Network "Tiny "
  node [ id 0 label "New York" Latitude 40.71 Longitude -74.0 ]
  node [ id 1 label "Chicago" Latitude 41.85 Longitude -87.65 ]
  node [ id 2 label "Nowhere" Internal 0 ]
  edge [ source 0 target 1 LinkSpeedRaw 10000000000 ]
  edge [ source 0 target 1 ]
  edge [ source 1 target 2 ]
  edge [ source 2 target 2 ]
]`;

describe('importGml', () => {
  it('keeps parallel edges as separate links with two arcs each and drops self-loops with a warning', () => {
    const { topology, warnings } = importGml(ABC, 'tiny');
    const g = TopologyGraph.build(topology);
    expect(g.name).toBe('Tiny');
    expect(g.nodeCount).toBe(3);
    expect(g.linkCount).toBe(3);
    expect(g.arcCount).toBe(6);
    expect([...g.links()].map((l) => l.id)).toEqual([
      'NewYork:Chicago',
      'NewYork:Chicago:2',
      'Chicago:Nowhere',
    ]);
    expect(warnings.some((w) => w.includes('self-loop') && w.includes('line 9'))).toBe(true);
  });

  it('derives delay from great-circle distance, capacity from LinkSpeedRaw, and says so', () => {
    const { topology } = importGml(ABC, 'tiny');
    const g = TopologyGraph.build(topology);
    const [fast, slow, nowhere] = [...g.links()];
    // New York – Chicago is about 1,145 km: 5 µs/km.
    expect(fast!.arcs[0]!.delayUs).toBeGreaterThan(5600);
    expect(fast!.arcs[0]!.delayUs).toBeLessThan(5800);
    expect(fast!.arcs[0]!.capacityMbps).toBe(10_000);
    expect(slow!.arcs[0]!.capacityMbps).toBe(10_000);
    expect(nowhere!.arcs[0]!.delayUs).toBe(1000);
    expect(fast!.arcs[0]!.igpMetric).toBe(Math.round(fast!.arcs[0]!.delayUs / 10));
    expect(topology.provenance!.derived.join(' ')).toMatch(/great-circle.*5 µs\/km/);
    expect(topology.provenance!.derived.join(' ')).toMatch(/no coordinates/);
  });

  it.each([
    ['an unclosed list', 'graph [\n node [ id 0\n', 2, /never closed/],
    ['a stray bracket', 'graph [ ]\n]', 2, /unexpected '\]'/],
    [
      'an edge to a missing node',
      'graph [\n node [ id 0 ]\n edge [ source 0 target 7 ]\n]',
      3,
      /target 7 is not a node/,
    ],
    ['a duplicate node id', 'graph [\n node [ id 0 ]\n node [ id 0 ]\n]', 3, /duplicate node id 0/],
    ['a node without id', 'graph [\n node [ label "x" ]\n]', 2, /no numeric id/],
    ['an unterminated string', 'graph [\n node [ id 0 label "x ]\n]', 2, /unterminated string/],
    ['a key without value', 'graph [ node [ id 0 ] label', 1, /has no value/],
    ['a bare word value', 'graph [\n node [ id zero ]\n]', 2, /not a number, string or list/],
  ])('rejects %s naming the line', (_what, text, line, message) => {
    const attempt = (): unknown => importGml(text);
    expect(attempt).toThrow(ParseError);
    try {
      attempt();
    } catch (err) {
      expect((err as ParseError).location?.line).toBe(line);
      expect((err as ParseError).message).toMatch(message);
    }
  });

  it('rejects a file with no graph list', () => {
    expect(() => importGml('creator "x"')).toThrow(ParseError);
  });
});
