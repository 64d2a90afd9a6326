import fc from 'fast-check';
import type { TopologyInput } from '..';
import { generateTopology } from '.';

function neighbours(t: TopologyInput): Map<string, string[]> {
  const adj = new Map<string, string[]>(t.nodes.map((n) => [n.id, []]));
  for (const l of t.links) {
    adj.get(l.a)!.push(l.b);
    adj.get(l.b)!.push(l.a);
  }
  return adj;
}

const ispArb = fc.record({
  nodes: fc.integer({ min: 4, max: 400 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});

describe('isp generator', () => {
  it('dual-homes every PE to two distinct core nodes and nothing else', () => {
    fc.assert(
      fc.property(ispArb, ({ nodes, seed }) => {
        const t = generateTopology('isp', { nodes, seed });
        const role = new Map(t.nodes.map((n) => [n.id, n.role]));
        const adj = neighbours(t);
        const wrong = t.nodes
          .filter((x) => x.role === 'pe')
          .filter((n) => {
            const up = adj.get(n.id)!;
            return up.length !== 2 || up[0] === up[1] || !up.every((c) => role.get(c) === 'core');
          });
        expect(wrong).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('meshes the core: each core node has at least two core neighbours, roles are core and pe only', () => {
    fc.assert(
      fc.property(ispArb, ({ nodes, seed }) => {
        const t = generateTopology('isp', { nodes, seed });
        const cores = new Set(t.nodes.filter((n) => n.role === 'core').map((n) => n.id));
        const adj = neighbours(t);
        expect(cores.size).toBe(Math.min(nodes - 1, Math.max(3, Math.round(Math.sqrt(nodes)))));
        expect(t.nodes.every((n) => n.role === 'core' || n.role === 'pe')).toBe(true);
        for (const c of cores)
          expect(adj.get(c)!.filter((x) => cores.has(x)).length).toBeGreaterThanOrEqual(2);
        for (const l of t.links) {
          if (cores.has(l.a) && cores.has(l.b)) expect(l.ab.capacityMbps).toBe(100_000);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives SRLGs that are shared: every SRLG is on at least two links', () => {
    fc.assert(
      fc.property(ispArb, ({ nodes, seed }) => {
        const t = generateTopology('isp', { nodes, seed });
        const uses = new Map<number, number>();
        for (const l of t.links) for (const s of l.srlgs ?? []) uses.set(s, (uses.get(s) ?? 0) + 1);
        for (const count of uses.values()) expect(count).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 40 },
    );
  });

  it('puts both uplinks of a PE in one conduit exactly at the requested share extremes', () => {
    const sharedPes = (t: TopologyInput): number => {
      const uplinks = new Map<string, (readonly number[])[]>();
      for (const l of t.links) {
        const pe = [l.a, l.b].find((x) => x.startsWith('pe'));
        if (pe !== undefined) uplinks.set(pe, [...(uplinks.get(pe) ?? []), l.srlgs ?? []]);
      }
      return [...uplinks.values()].filter(([x, y]) => x!.some((s) => y!.includes(s))).length;
    };
    const all = generateTopology('isp', { nodes: 200, seed: 5, sharedConduitShare: 1 });
    const none = generateTopology('isp', { nodes: 200, seed: 5, sharedConduitShare: 0 });
    const some = generateTopology('isp', { nodes: 2000, seed: 5 });
    expect(sharedPes(all)).toBe(all.nodes.filter((n) => n.role === 'pe').length);
    expect(sharedPes(none)).toBe(0);
    const pes = some.nodes.filter((n) => n.role === 'pe').length;
    expect(Math.abs(sharedPes(some) / pes - 0.25)).toBeLessThan(0.05);
  });

  it('honours coreNodes and numbers cores before PEs', () => {
    const t = generateTopology('isp', { nodes: 50, seed: 1, coreNodes: 10 });
    expect(t.nodes.slice(0, 10).every((n) => n.role === 'core')).toBe(true);
    expect(t.nodes.slice(10).every((n) => n.role === 'pe')).toBe(true);
    expect(t.nodes.every((n) => n.site !== undefined)).toBe(true);
  });
});
