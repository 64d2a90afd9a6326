import { TopologyGraph } from './topology-graph';
import { didYouMean, editDistance, lookupNode } from './node-lookup';

const topo = TopologyGraph.build({
  name: 't',
  nodes: [
    { id: 'LosAngeles', name: 'Los Angeles' },
    { id: 'NewYork', name: 'New York' },
    { id: 'Newark', name: 'Newark' },
  ],
  links: [
    {
      id: 'L1',
      a: 'LosAngeles',
      b: 'NewYork',
      ab: { capacityMbps: 10, delayUs: 10, igpMetric: 1 },
      ba: null,
    },
    { id: 'L2', a: 'NewYork', b: 'Newark', ab: { capacityMbps: 10, delayUs: 10, igpMetric: 1 }, ba: null },
  ],
});

describe('node lookup', () => {
  it('takes an id as it is and a display name when exactly one node has it', () => {
    expect(lookupNode(topo, 'NewYork')).toEqual({ ok: true, id: 'NewYork', via: 'id' });
    expect(lookupNode(topo, 'Los Angeles')).toEqual({ ok: true, id: 'LosAngeles', via: 'name' });
    expect(lookupNode(topo, 'los-angeles')).toEqual({ ok: true, id: 'LosAngeles', via: 'name' });
  });

  it('suggests the nearest nodes, by id or name, for a typo', () => {
    expect(lookupNode(topo, 'Los Angelos')).toEqual({ ok: false, suggestions: ['LosAngeles'] });
    const r = lookupNode(topo, 'Newyrk');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.suggestions[0]).toBe('NewYork');
    expect(lookupNode(topo, 'Mars')).toEqual({ ok: false, suggestions: [] });
  });

  it('edit distance is symmetric and bounded by the longer length', () => {
    for (const [a, b] of [
      ['kitten', 'sitting'],
      ['', 'abc'],
      ['same', 'same'],
    ] as const) {
      expect(editDistance(a, b)).toBe(editDistance(b, a));
      expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
    }
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(didYouMean('bandwith', ['bandwidthMbps', 'bandwidth', 'maxDelayUs'])[0]).toBe('bandwidth');
    expect(didYouMean('bandwidth', ['bandwidthMbps', 'maxDelayUs', 'maxLossPct'])).toEqual(['bandwidthMbps']);
    expect(didYouMean('colour', ['bandwidthMbps', 'maxDelayUs'])).toEqual([]);
  });
});
