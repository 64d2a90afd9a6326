import fc from 'fast-check';
import { ParseError } from '../errors';
import {
  parseTopologyDocument,
  toTopologyDocument,
  topologyInputOf,
  TOPOLOGY_FORMAT,
} from './topology-document';
import { TopologyGraph } from './topology-graph';
import type { TopologyInput } from './topology-input';

const doc = {
  format: TOPOLOGY_FORMAT,
  name: 'mini',
  nodes: [
    { id: 'a', name: 'A', lat: 1, lon: 2, role: 'pe', locatorNode: 1 },
    { id: 'b', locatorNode: 2 },
  ],
  links: [
    {
      id: 'ab',
      a: 'a',
      b: 'b',
      capacityMbps: 1000,
      delayUs: 50,
      igpMetric: 5,
      srlgs: [7],
      affinities: ['gold'],
    },
    { id: 'ba', a: 'b', b: 'a', capacityMbps: 100, delayUs: 5, igpMetric: 1, oneWay: true },
    { id: 'asym', a: 'a', b: 'b', capacityMbps: 100, delayUs: 5, igpMetric: 1, reverse: { igpMetric: 9 } },
  ],
  demands: [{ from: 'a', to: 'b', mbps: 10 }],
};

describe('own topology format', () => {
  it('reads links as two directions unless oneWay, with reverse overrides', () => {
    const g = TopologyGraph.build(parseTopologyDocument(doc));
    expect([g.nodeCount, g.linkCount, g.arcCount, g.demands.length]).toEqual([2, 3, 5, 1]);
    expect(g.link('asym').arcs.map((a) => a.igpMetric)).toEqual([1, 9]);
    expect(g.link('ab').srlgs).toEqual([7]);
    expect(g.node('a').geo).toEqual({ lat: 1, lon: 2 });
  });

  it('round-trips through the graph unchanged', () => {
    const g = TopologyGraph.build(parseTopologyDocument(doc));
    expect(toTopologyDocument(topologyInputOf(g))).toEqual(doc);
  });

  it('round-trips any random document (property)', () => {
    const arb = fc.integer({ min: 2, max: 12 }).chain((n) =>
      fc
        .array(
          fc.record({
            a: fc.integer({ min: 0, max: n - 1 }),
            d: fc.integer({ min: 1, max: n - 1 }),
            cap: fc.integer({ min: 1, max: 400_000 }),
            delay: fc.integer({ min: 0, max: 50_000 }),
            igp: fc.integer({ min: 1, max: 65_535 }),
            rev: fc.option(fc.integer({ min: 1, max: 65_535 })),
            oneWay: fc.boolean(),
          }),
          { maxLength: 30 },
        )
        .map((ls): TopologyInput => ({
          name: 'r',
          nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, locatorNode: i + 1 })),
          links: ls.map((l, i) => {
            const ab = { capacityMbps: l.cap, delayUs: l.delay, igpMetric: l.igp };
            return {
              id: `l${i}`,
              a: `n${l.a}`,
              b: `n${(l.a + l.d) % n}`,
              ab,
              ba: l.oneWay ? null : { ...ab, igpMetric: l.rev ?? l.igp },
            };
          }),
        })),
    );
    fc.assert(
      fc.property(arb, (input) => {
        const once = toTopologyDocument(input);
        const again = toTopologyDocument(topologyInputOf(TopologyGraph.build(parseTopologyDocument(once))));
        expect(again).toEqual(once);
      }),
    );
  });

  it.each([
    ['a negative capacity', { links: [{ ...doc.links[0], capacityMbps: -1 }] }, '$.links[0].capacityMbps'],
    ['an unknown field', { links: [{ ...doc.links[0], colour: 'red' }] }, '$.links[0]'],
    ['a wrong type', { nodes: [{ id: 7 }] }, '$.nodes[0].id'],
    ['a wrong format tag', { format: 'other' }, '$.format'],
  ])('rejects %s naming the JSON path', (_what, patch, path) => {
    try {
      parseTopologyDocument({ ...doc, ...patch });
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      expect((err as ParseError).location?.path).toBe(path);
      return;
    }
    throw new Error('expected a ParseError');
  });
});
