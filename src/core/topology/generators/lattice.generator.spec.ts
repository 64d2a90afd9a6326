import fc from 'fast-check';
import type { TopologyInput } from '..';
import { generateTopology } from '.';

const degrees = (t: TopologyInput): number[] => {
  const d = new Map<string, number>(t.nodes.map((n) => [n.id, 0]));
  for (const l of t.links) {
    d.set(l.a, d.get(l.a)! + 1);
    d.set(l.b, d.get(l.b)! + 1);
  }
  return [...d.values()];
};

describe('ring generator', () => {
  it('has N ring links plus the chords, every node of degree at least 2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 300 }), fc.nat(), fc.nat(100), (nodes, seed, want) => {
        const chords = Math.min(want, (nodes * (nodes - 3)) / 2);
        const t = generateTopology('ring', { nodes, seed, chords });
        expect(t.links).toHaveLength(nodes + chords);
        expect(Math.min(...degrees(t))).toBeGreaterThanOrEqual(2);
        const pairs = new Set(t.links.map((l) => [l.a, l.b].sort().join('|')));
        expect(pairs.size).toBe(t.links.length);
      }),
      { numRuns: 60 },
    );
  });

  it('can take every possible chord (a complete graph)', () => {
    const t = generateTopology('ring', { nodes: 9, seed: 4, chords: 27 });
    expect(t.links).toHaveLength(36);
  });
});

describe('grid generator', () => {
  it('has rows(cols − 1) + cols(rows − 1) links for a full lattice, 2·N on a torus', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 20 }), fc.integer({ min: 3, max: 20 }), (rows, cols) => {
        const flat = generateTopology('grid', { nodes: rows * cols, seed: 0, rows, cols });
        expect(flat.links).toHaveLength(rows * (cols - 1) + cols * (rows - 1));
        const torus = generateTopology('grid', { nodes: rows * cols, seed: 0, rows, cols, wrap: true });
        expect(torus.links).toHaveLength(2 * rows * cols);
        expect(degrees(torus).every((d) => d === 4)).toBe(true);
      }),
    );
  });

  it('ignores the seed', () => {
    expect(generateTopology('grid', { nodes: 30, seed: 1 })).toEqual({
      ...generateTopology('grid', { nodes: 30, seed: 2 }),
      name: 'grid-30-s1',
      provenance: generateTopology('grid', { nodes: 30, seed: 1 }).provenance,
    });
  });
});
