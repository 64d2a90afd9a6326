import { ParseError } from '../../errors';
import { TopologyGraph } from '../topology-graph';
import { importNodeLink } from './nodelink.importer';

const TOPOHUB = JSON.stringify({
  directed: false,
  multigraph: false,
  graph: { name: '64500' },
  nodes: [
    { id: 10, name: 'Paris', pos: [2.35, 48.85] },
    { id: 20, name: 'Paris', pos: [2.3, 48.8] },
    { id: 30, name: 'Lyon', pos: [4.83, 45.76] },
  ],
  edges: [
    { source: 10, target: 20, dist: 7.1 },
    { source: 20, target: 30, dist: 392.4 },
  ],
});

const TEAL = JSON.stringify({
  directed: true,
  multigraph: false,
  graph: {},
  nodes: [{ id: 0 }, { id: 1 }, { id: 2 }],
  links: [
    { capacity: 5000.0, source: 0, target: 1 },
    { capacity: 5000.0, source: 1, target: 0 },
    { capacity: 1000.0, source: 1, target: 2 },
  ],
});

describe('importNodeLink', () => {
  it('reads undirected TopoHub graphs: one link, two arcs per edge, delay from dist', () => {
    const { topology } = importNodeLink(TOPOHUB, '64500.json');
    const g = TopologyGraph.build(topology);
    expect(g.name).toBe('64500');
    expect([g.nodeCount, g.linkCount, g.arcCount]).toEqual([3, 2, 4]);
    expect(g.node('10').name).toBe('Paris');
    expect(g.node('20').name).toBe('Paris');
    expect(g.link('20:30').arcs[1]!.delayUs).toBe(Math.round(392.4 * 5));
    expect(topology.provenance!.derived.join(' ')).toMatch(/capacity 10000 Mbit\/s/);
  });

  it('reads directed Teal graphs: arcs equal directed links, metric from inverse capacity', () => {
    const { topology, warnings } = importNodeLink(TEAL, 'B4', 'teal');
    const g = TopologyGraph.build(topology);
    expect([g.nodeCount, g.linkCount, g.arcCount]).toEqual([3, 2, 3]);
    expect(g.link('0:1').arcs.map((a) => a.igpMetric)).toEqual([20, 20]);
    expect(g.link('1:2').arcs).toHaveLength(1);
    expect(warnings.join(' ')).toMatch(/Mbit\/s/);
  });

  it.each([
    ['broken JSON on line 3', '{\n"nodes": [],\n"links": [,]\n}', { line: 3 }],
    ['no nodes array', '{"links": []}', { path: '$' }],
    [
      'an unknown link endpoint',
      '{"nodes":[{"id":1}],"links":[{"source":1,"target":2}]}',
      { path: '$.links[0].target' },
    ],
    ['a node without id', '{"nodes":[{"name":"x"}],"links":[]}', { path: '$.nodes[0]' }],
    ['a duplicate node', '{"nodes":[{"id":1},{"id":1}],"links":[]}', { path: '$.nodes[1]' }],
    [
      'a negative capacity',
      '{"nodes":[{"id":1},{"id":2}],"links":[{"source":1,"target":2,"capacity":-1}]}',
      { path: '$.links[0].capacity' },
    ],
    [
      'a zero capacity',
      '{"nodes":[{"id":1},{"id":2}],"links":[{"source":1,"target":2,"capacity":0}]}',
      { path: '$.links[0].capacity' },
    ],
    ['a self-loop', '{"nodes":[{"id":1}],"links":[{"source":1,"target":1}]}', { path: '$.links[0]' }],
  ])('rejects %s naming where', (_what, text, location) => {
    try {
      importNodeLink(text);
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      expect((err as ParseError).location).toMatchObject(location);
      return;
    }
    throw new Error('expected a ParseError');
  });
});
