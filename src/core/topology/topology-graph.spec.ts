import fc from 'fast-check';
import { InvalidTopologyError } from '../errors';
import { parseIpv6 } from '../model/ipv6';
import { SidTable } from './sid-table';
import { TopologyGraph } from './topology-graph';
import type { LinkInput, TopologyInput } from './topology-input';

const dir = { capacityMbps: 1000, delayUs: 100, igpMetric: 10 };
const link = (id: string, a: string, b: string, extra: Partial<LinkInput> = {}): LinkInput => ({
  id,
  a,
  b,
  ab: dir,
  ba: dir,
  ...extra,
});

/** Random sound topologies: n nodes, links between distinct random pairs (parallel links allowed). */
const arbTopology = fc
  .integer({ min: 2, max: 40 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      pairs: fc.array(
        fc
          .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))
          .filter(([a, b]) => a !== b),
        { maxLength: 120 },
      ),
      oneWay: fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
      shuffleSeed: fc.integer(),
    }),
  )
  .map(({ n, pairs, oneWay }): TopologyInput => ({
    name: 'random',
    nodes: Array.from({ length: n }, (_, i) => ({ id: `r${i}` })),
    links: pairs.map(([a, b], i) => ({ ...link(`l${i}`, `r${a}`, `r${b}`), ba: oneWay[i] ? null : dir })),
  }));

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('TopologyGraph', () => {
  it('lists every broken invariant at once', () => {
    const input: TopologyInput = {
      name: 'bad',
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'a' }],
      links: [
        link('x', 'a', 'zz'),
        link('y', 'b', 'b'),
        link('x', 'a', 'b', { ab: { ...dir, capacityMbps: 0 } }),
        link('z', 'a', 'b', { ba: { ...dir, igpMetric: 1.5 } }),
      ],
    };
    try {
      TopologyGraph.build(input);
      throw new Error('expected InvalidTopologyError');
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidTopologyError);
      const messages = (err as InvalidTopologyError).problems.map((p) => p.message).join('\n');
      expect(messages).toMatch(/duplicate node id 'a'/);
      expect(messages).toMatch(/endpoint 'zz' is not a node/);
      expect(messages).toMatch(/self-loop on 'b'/);
      expect(messages).toMatch(/duplicate link id 'x'/);
      expect(messages).toMatch(/capacity must be > 0/);
      expect(messages).toMatch(/b→a: IGP metric must be an integer/);
    }
  });

  it('keeps parallel links apart and exposes one arc per direction', () => {
    const g = TopologyGraph.build({
      name: 'p',
      nodes: [{ id: 'a' }, { id: 'b' }],
      links: [link('l1', 'a', 'b'), link('l2', 'a', 'b'), { ...link('l3', 'b', 'a'), ba: null }],
    });
    expect([g.linkCount, g.arcCount]).toEqual([3, 5]);
    expect(g.outArcs(g.node('a').id).map((a) => a.id)).toEqual(['l1#ab', 'l2#ab', 'l3#ba'].slice(0, 2));
    expect(g.outArcs(g.node('b').id).map((a) => a.id)).toEqual(['l1#ba', 'l2#ba', 'l3#ab']);
  });

  it('arcs equal the directions of its links (property)', () => {
    fc.assert(
      fc.property(arbTopology, (input) => {
        const g = TopologyGraph.build(input);
        expect(g.arcCount).toBe(input.links.reduce((s, l) => s + (l.ba ? 2 : 1), 0));
        expect(g.graph.size).toBe(g.arcCount);
      }),
    );
  });
});

describe('SidTable', () => {
  it('allocates one End per node and one End.X per arc, all unique and inside the block (property)', () => {
    fc.assert(
      fc.property(arbTopology, (input) => {
        const g = TopologyGraph.build(input);
        const sids = SidTable.allocate(g);
        expect(sids.size).toBe(g.nodeCount + g.arcCount);
        const block = parseIpv6('fcbb:bb00::') >> 96n;
        for (const s of sids.all()) {
          expect(s.value >> 96n).toBe(block);
          expect(sids.resolve(s.sid)).toBe(s);
          expect(parseIpv6(s.sid)).toBe(s.value);
        }
        for (const arc of g.arcs()) {
          const x = sids.endXSid(arc.id);
          expect(x.node).toBe(arc.from);
          expect(sids.locator(arc.from).prefix.split('/')[0]).toBe(sids.endSid(arc.from).sid);
        }
      }),
    );
  });

  it('is deterministic whatever order the file lists nodes and links in (property)', () => {
    fc.assert(
      fc.property(arbTopology, fc.integer(), (input, seed) => {
        const a = SidTable.allocate(TopologyGraph.build(input));
        const b = SidTable.allocate(
          TopologyGraph.build({
            ...input,
            nodes: shuffled(input.nodes, seed),
            links: shuffled(input.links, seed + 1),
          }),
        );
        const table = (t: SidTable): string[] =>
          [...t.all()].map((s) => `${s.sid} ${s.behavior} ${s.node} ${s.arc ?? ''}`).sort();
        expect(table(b)).toEqual(table(a));
      }),
    );
  });

  it('keeps explicit locator numbers and fills the gaps', () => {
    const g = TopologyGraph.build({
      name: 'l',
      nodes: [{ id: 'b' }, { id: 'a', locatorNode: 1 }, { id: 'c', locatorNode: 3 }],
      links: [link('l', 'a', 'b')],
    });
    const sids = SidTable.allocate(g);
    expect(sids.locator(g.node('a').id).prefix).toBe('fcbb:bb00:1::/48');
    expect(sids.locator(g.node('b').id).prefix).toBe('fcbb:bb00:2::/48');
    expect(sids.locator(g.node('c').id).prefix).toBe('fcbb:bb00:3::/48');
    expect(sids.endXSid(g.arc('l#ab').id).sid).toBe('fcbb:bb00:1:e000::');
  });

  it('refuses more nodes than the locator space holds', () => {
    const nodes = Array.from({ length: 5 }, (_, i) => ({ id: `n${i}` }));
    const g = TopologyGraph.build({ name: 'big', nodes, links: [] });
    const plan = {
      block: 'fcbb:bb00::/32',
      structure: { blockLength: 32, nodeLength: 2, functionLength: 16, argumentLength: 0 },
    };
    expect(() => SidTable.allocate(g, plan)).toThrow(/do not fit 3 locators/);
  });
});
