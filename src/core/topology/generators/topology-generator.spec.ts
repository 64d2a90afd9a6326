import fc from 'fast-check';
import { InvalidQueryError } from '../../errors';
import { SidTable, TopologyGraph, parseTopologyDocument, toTopologyDocument } from '..';
import type { TopologyInput } from '..';
import { GeneratorError, MIN_NODES, TOPOLOGY_KINDS, generateTopology } from '.';
import type { GeneratorOptions, TopologyKind } from '.';

const RANDOM_KINDS = ['waxman', 'random-geometric', 'isp'] as const;
const TIERS = new Set([10_000, 40_000, 100_000]);

/** Breadth-first search over the links, ignoring direction: the number of nodes reached from the first. */
function reachable(t: TopologyInput): number {
  const adj = new Map<string, string[]>(t.nodes.map((n) => [n.id, []]));
  for (const l of t.links) {
    adj.get(l.a)!.push(l.b);
    adj.get(l.b)!.push(l.a);
  }
  const seen = new Set([t.nodes[0]!.id]);
  const queue = [t.nodes[0]!.id];
  while (queue.length > 0) {
    for (const next of adj.get(queue.shift()!)!) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen.size;
}

/** Great-circle km by the spherical law of cosines (independent of the generator's haversine). */
function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const c =
    Math.sin(a.lat * r) * Math.sin(b.lat * r) +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.cos((b.lon - a.lon) * r);
  return 6371.0088 * Math.acos(Math.min(1, Math.max(-1, c)));
}

const kindArb = fc.constantFrom(...TOPOLOGY_KINDS);
const request = (max: number): fc.Arbitrary<[TopologyKind, number, number]> =>
  kindArb.chain((kind) =>
    fc.tuple(
      fc.constant(kind),
      fc.integer({ min: MIN_NODES[kind], max }),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    ),
  );

describe('generateTopology', () => {
  it('is deterministic: the same kind, size and seed give the same topology', () => {
    fc.assert(
      fc.property(request(120), ([kind, nodes, seed]) => {
        const once = JSON.stringify(generateTopology(kind, { nodes, seed, demands: true }));
        expect(JSON.stringify(generateTopology(kind, { nodes, seed, demands: true }))).toBe(once);
      }),
      { numRuns: 40 },
    );
  });

  it('gives different topologies for different seeds (random kinds, ring with chords)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RANDOM_KINDS, 'ring' as const),
        fc.integer({ min: 20, max: 150 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (kind, nodes, seed, delta) => {
          const opts = (s: number): GeneratorOptions =>
            kind === 'ring' ? { nodes, seed: s, chords: 5 } : { nodes, seed: s };
          const a = generateTopology(kind, opts(seed));
          const b = generateTopology(kind, opts(seed + delta));
          expect({ nodes: a.nodes, links: a.links }).not.toEqual({ nodes: b.nodes, links: b.links });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('builds, is connected, has the requested nodes and allocates unique SIDs', () => {
    fc.assert(
      fc.property(request(250), ([kind, nodes, seed]) => {
        const input = generateTopology(kind, { nodes, seed });
        const graph = TopologyGraph.build(input);
        expect(graph.nodeCount).toBe(nodes);
        expect(reachable(input)).toBe(nodes);
        const sids = SidTable.allocate(graph);
        expect(sids.size).toBe(graph.nodeCount + graph.arcCount);
        expect(input.nodes.map((n) => n.locatorNode)).toEqual(input.nodes.map((_, i) => i + 1));
      }),
      { numRuns: 60 },
    );
  });

  it('derives delay from great-circle distance and the IGP metric from delay', () => {
    fc.assert(
      fc.property(request(80), ([kind, nodes, seed]) => {
        const input = generateTopology(kind, { nodes, seed });
        const geo = new Map(input.nodes.map((n) => [n.id, n.geo!]));
        expect(input.nodes.filter((n) => !n.name || !n.role || !n.geo)).toEqual([]);
        const wrong = input.links.filter((l) => {
          const expected = Math.max(1, Math.round(5 * km(geo.get(l.a)!, geo.get(l.b)!)));
          const d = l.ab;
          const same = l.ba !== null && JSON.stringify(l.ba) === JSON.stringify(d);
          const metric = Math.max(1, Math.round(d.delayUs / 10));
          return (
            Math.abs(d.delayUs - expected) > 1 ||
            d.igpMetric !== metric ||
            !TIERS.has(d.capacityMbps) ||
            !same
          );
        });
        expect(wrong).toEqual([]);
        expect(input.provenance?.derived.some((d) => d.startsWith('delayUs = '))).toBe(true);
        expect(input.provenance?.derived.some((d) => d.startsWith('igpMetric = '))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('stays connected and exact at 10,000 nodes', () => {
    for (const kind of ['waxman', 'random-geometric'] as const) {
      const input = generateTopology(kind, { nodes: 10_000, seed: 2026 });
      expect(input.nodes).toHaveLength(10_000);
      expect(reachable(input)).toBe(10_000);
    }
  });

  it('hits the requested mean degree of the random geometric kinds within 15%', () => {
    for (const [kind, k] of [
      ['waxman', 5],
      ['random-geometric', 8],
    ] as const) {
      const input = generateTopology(kind, { nodes: 3000, seed: 11, meanDegree: k });
      expect(Math.abs((2 * input.links.length) / 3000 - k) / k).toBeLessThan(0.15);
    }
  });

  it('honours a geo box and a name', () => {
    const box = { minLat: 40, maxLat: 55, minLon: -5, maxLon: 20 };
    const input = generateTopology('waxman', { nodes: 60, seed: 3, box, name: 'eu' });
    expect(input.name).toBe('eu');
    for (const n of input.nodes) {
      expect(n.geo!.lat).toBeGreaterThanOrEqual(40);
      expect(n.geo!.lat).toBeLessThanOrEqual(55);
      expect(n.geo!.lon).toBeGreaterThanOrEqual(-5);
      expect(n.geo!.lon).toBeLessThanOrEqual(20);
    }
  });
});

describe('generateTopology errors', () => {
  const bad: [string, () => unknown, string][] = [
    ['too few nodes', () => generateTopology('isp', { nodes: 3, seed: 1 }), 'nodes'],
    ['too many nodes', () => generateTopology('ring', { nodes: 70_000, seed: 1 }), 'nodes'],
    ['fractional nodes', () => generateTopology('grid', { nodes: 10.5, seed: 1 }), 'nodes'],
    ['fractional seed', () => generateTopology('waxman', { nodes: 10, seed: 0.5 }), 'seed'],
    ['NaN seed', () => generateTopology('waxman', { nodes: 10, seed: NaN }), 'seed'],
    ['unknown kind', () => generateTopology('star' as TopologyKind, { nodes: 10, seed: 1 }), 'kind'],
    ['foreign option', () => generateTopology('grid', { nodes: 10, seed: 1, chords: 2 } as never), 'chords'],
    [
      'demands not an object',
      () => generateTopology('ring', { nodes: 5, seed: 1, demands: 'yes' as never }),
      'demands',
    ],
    ['too many chords', () => generateTopology('ring', { nodes: 5, seed: 1, chords: 6 }), 'chords'],
    ['rows × cols ≠ nodes', () => generateTopology('grid', { nodes: 10, seed: 1, rows: 3, cols: 3 }), 'rows'],
    [
      'alpha and meanDegree',
      () => generateTopology('waxman', { nodes: 10, seed: 1, alpha: 0.2, meanDegree: 3 }),
      'alpha',
    ],
    ['beta above 1', () => generateTopology('waxman', { nodes: 10, seed: 1, beta: 1.5 }), 'beta'],
    [
      'negative radius',
      () => generateTopology('random-geometric', { nodes: 10, seed: 1, radius: -1 }),
      'radius',
    ],
    ['core of all nodes', () => generateTopology('isp', { nodes: 10, seed: 1, coreNodes: 10 }), 'coreNodes'],
    [
      'share above 1',
      () => generateTopology('isp', { nodes: 10, seed: 1, sharedConduitShare: 2 }),
      'sharedConduitShare',
    ],
    [
      'inverted box',
      () =>
        generateTopology('ring', {
          nodes: 10,
          seed: 1,
          box: { minLat: 50, maxLat: 40, minLon: 0, maxLon: 1 },
        }),
      'box',
    ],
  ];
  it.each(bad)('refuses %s with a GeneratorError naming the option', (_, call, option) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GeneratorError);
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect((error as GeneratorError).code).toBe('INVALID_QUERY');
    expect((error as GeneratorError).location?.path).toBe(option);
  });

  it('accepts the smallest size of every kind', () => {
    for (const kind of TOPOLOGY_KINDS) {
      expect(() =>
        TopologyGraph.build(generateTopology(kind, { nodes: MIN_NODES[kind], seed: 0 })),
      ).not.toThrow();
      expect(() => generateTopology(kind, { nodes: MIN_NODES[kind] - 1, seed: 0 })).toThrow(GeneratorError);
    }
  });
});

describe('generated topologies in the own format', () => {
  it('survive a round trip through the JSON document unchanged', () => {
    fc.assert(
      fc.property(request(60), ([kind, nodes, seed]) => {
        const input = generateTopology(kind, { nodes, seed, demands: true });
        const doc = JSON.parse(JSON.stringify(toTopologyDocument(input))) as unknown;
        const back = parseTopologyDocument(doc);
        expect(JSON.stringify(toTopologyDocument(back))).toBe(JSON.stringify(toTopologyDocument(input)));
        expect(back.nodes.map((n) => [n.id, n.role, n.locatorNode])).toEqual(
          input.nodes.map((n) => [n.id, n.role, n.locatorNode]),
        );
      }),
      { numRuns: 20 },
    );
  });
});
