import { TopologyGraph } from '../topology';
import { tradeoff } from './__fixtures__/small-topologies';
import { CompactGraph } from './compact-graph';
import { ConstrainedSearch } from './cspf';
import { KShortestPaths } from './k-shortest';

describe('ConstrainedSearch', () => {
  const g = CompactGraph.of(TopologyGraph.build(tradeoff));
  const allowed = new Uint8Array(g.m).fill(1);
  const names = (arcs: readonly number[]) => arcs.map((a) => g.linkIds[g.arcLink[a]!]);

  it('answers an unbounded query with the cheapest path', () => {
    const p = new ConstrainedSearch(g, g.igp, allowed, g.node('t')!, {
      delay: Infinity,
      hops: Infinity,
    }).best(g.node('s')!);
    expect(names(p!.arcs)).toEqual(['A', 'C']);
    expect(p!.cost).toBe(2);
  });

  it('keeps a dearer but faster prefix when the bound needs it (Pareto labels)', () => {
    const p = new ConstrainedSearch(g, g.igp, allowed, g.node('t')!, { delay: 12, hops: Infinity }).best(
      g.node('s')!,
    );
    expect(names(p!.arcs)).toEqual(['B', 'C']);
    expect(p!.cost).toBe(6);
  });

  it('returns null when no path meets the bound', () => {
    const s = new ConstrainedSearch(g, g.igp, allowed, g.node('t')!, { delay: 1, hops: Infinity });
    expect(s.best(g.node('s')!)).toBeNull();
  });

  it('enumerates feasible paths in cost order (Yen)', () => {
    const s = new ConstrainedSearch(g, g.igp, allowed, g.node('t')!, { delay: 12, hops: Infinity });
    const yen = new KShortestPaths(s, g.node('s')!);
    const costs: number[] = [];
    for (let p = yen.next(); p; p = yen.next()) costs.push(p.cost);
    expect(costs).toEqual([6, 11, 15]);
    expect(allowed.every((x) => x === 1)).toBe(true);
  });
});
