import { ParseError } from '../../errors';
import { TopologyGraph } from '../topology-graph';
import { detectFormat, parseDemandsText, parseTopologyText } from './topology-text';

const OWN = JSON.stringify({
  format: 'autonet-topology/1',
  name: 'pair',
  nodes: [{ id: 'a' }, { id: 'b' }],
  links: [{ id: 'ab', a: 'a', b: 'b', capacityMbps: 10, delayUs: 1, igpMetric: 1 }],
});

describe('topology text', () => {
  it('tells formats apart by name and, for JSON, by content', () => {
    expect(detectFormat('x/Abilene.GML', '')).toBe('gml');
    expect(detectFormat('rf1239.graph', '')).toBe('repetita');
    expect(detectFormat('mine.json', OWN)).toBe('autonet');
    expect(detectFormat('701.json', '{"directed": false}')).toBe('nodelink');
    expect(() => detectFormat('net.txt', '')).toThrow(ParseError);
  });

  it('parses the own format and names the source on errors', () => {
    expect(parseTopologyText('pair.json', OWN, 'pair').input.links).toHaveLength(1);
    expect(() => parseTopologyText('pair.json', '{"format": 1', 'pair')).toThrow(/line 1/);
  });

  it('reads JSON and REPETITA demands and refuses unknown nodes and negative rates', () => {
    const topo = TopologyGraph.build(parseTopologyText('pair.json', OWN, 'pair').input);
    expect(parseDemandsText('d.json', '[{"from":"a","to":"b","mbps":5}]', topo)).toEqual([
      { from: 'a', to: 'b', mbps: 5 },
    ]);
    expect(parseDemandsText('d.demands', 'DEMANDS 1\nlabel src dest bw\nd 1 0 2000\n', topo)).toEqual([
      { from: 'b', to: 'a', mbps: 2 },
    ]);
    expect(() => parseDemandsText('d.json', '{"demands":[{"from":"a","to":"zz","mbps":1}]}', topo)).toThrow(
      /unknown node 'zz'/,
    );
    expect(() => parseDemandsText('d.json', '[{"from":"a","to":"b","mbps":-1}]', topo)).toThrow(/>= 0/);
    expect(() => parseDemandsText('d.json', '{"x": 1}', topo)).toThrow(ParseError);
  });
});
