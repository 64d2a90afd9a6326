import type { ArcId } from '../model/ids';
import { SidTable, TopologyGraph } from '../topology';
import type { TopologyInput } from '../topology';
import { EndXEncoder } from './__fixtures__/end-x-encoder';
import { bridge, ring, srlgParallel, trap } from './__fixtures__/small-topologies';
import { PathEngineCore } from './path-engine';
import type { PathEngineOptions, PathQuery, PathResult } from './path-types';

function compute(input: TopologyInput, q: PathQuery, options: PathEngineOptions = {}): PathResult {
  const topo = TopologyGraph.build(input);
  return new PathEngineCore(topo, new EndXEncoder(topo, SidTable.allocate(topo)), options).compute(q);
}

function refusal(r: PathResult) {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.paths)}`);
  return r.error;
}

describe('refusals name the binding constraint and where it binds', () => {
  it('bandwidth: names the cut arcs and their free bandwidth', () => {
    const e = refusal(
      compute(
        ring,
        { from: 'a', to: 'd', bandwidthMbps: 500 },
        { freeMbps: (a: ArcId) => ({ ad: 250, bc: 100 })[a.slice(0, 2)] ?? 1000 },
      ),
    );
    expect(e.code).toBe('NO_PATH');
    const bw = e.blocking.find((b) => b.constraint === 'bandwidth')!;
    expect(bw.elements).toEqual(['bc', 'ad']);
    expect(bw.detail).toContain('bc (b→c) 100 of 400 Mbit/s free');
    expect(bw.detail).toContain('ad (a→d) 250 of 300 Mbit/s free');
    expect(bw.detail).toContain('relaxing this constraint alone would restore a path');
  });

  it('exclusions: names the excluded link, SRLG and node on the cut', () => {
    const e = refusal(compute(ring, { from: 'a', to: 'd', excludeLinks: ['ad'], excludeSrlgs: [7] }));
    expect(e.blocking.map((b) => b.constraint)).toEqual(['exclude-links', 'exclude-srlgs']);
    expect(e.blocking[1]!.elements).toEqual(['bc']);
    expect(e.blocking[1]!.detail).toContain('relaxing this constraint alone would restore a path');
    const both = refusal(compute(ring, { from: 'a', to: 'd', excludeSrlgs: [7], bandwidthMbps: 500 }));
    expect(both.blocking.map((b) => b.constraint)).toEqual(['exclude-srlgs', 'bandwidth']);
    expect(both.blocking[0]!.detail).toContain('other constraints block the rest');
    expect(both.blocking[1]!.detail).toContain('relaxing this constraint alone would restore a path');
    const n = refusal(
      compute(ring, {
        from: 'a',
        to: 'd',
        excludeNodes: ['b'],
        excludeAnyAffinity: ['none'],
        bandwidthMbps: 301,
      }),
    );
    expect(n.blocking.map((b) => b.constraint)).toEqual(['exclude-nodes', 'bandwidth']);
    expect(n.blocking[0]!.elements).toEqual(['b']);
  });

  it('affinities: include-any names the links without the colour', () => {
    const e = refusal(compute(ring, { from: 'a', to: 'd', includeAnyAffinity: ['red'] }));
    expect(e.blocking[0]!.constraint).toBe('include-any-affinity');
  });

  it('delay: gives the minimum achievable delay against the bound', () => {
    const e = refusal(compute(ring, { from: 'a', to: 'd', maxDelayUs: 250 }));
    expect(e.blocking).toHaveLength(1);
    expect(e.blocking[0]!.constraint).toBe('max-delay');
    expect(e.blocking[0]!.detail).toContain('takes 300 µs > the bound 250 µs');
    expect(e.blocking[0]!.elements).toEqual(['a', 'b', 'c', 'd']);
  });

  it('hops, and delay and hops only together', () => {
    expect(refusal(compute(ring, { from: 'a', to: 'c', maxHops: 1 })).blocking[0]!.constraint).toBe(
      'max-hops',
    );
    const both = refusal(compute(ring, { from: 'a', to: 'd', maxHops: 1, maxDelayUs: 500 }));
    expect(both.blocking[0]!.constraint).toBe('max-delay+max-hops');
    expect(both.blocking[0]!.detail).toContain('within 1 hops the fastest takes 1,000 µs');
  });

  it('topology: says when the network itself has no path', () => {
    const input = { ...ring, nodes: [...ring.nodes, { id: 'z' }] };
    expect(refusal(compute(input, { from: 'a', to: 'z' })).blocking[0]!.constraint).toBe('topology');
  });

  it('disjointness: names what every pair must share', () => {
    const e = refusal(compute(bridge, { from: 'a', to: 'd', disjoint: 'link' }));
    expect(e.blocking[0]).toMatchObject({ constraint: 'disjoint-link', elements: ['link:xy'] });
    const bound = refusal(compute(ring, { from: 'a', to: 'd', disjoint: 'link', maxDelayUs: 500 }));
    expect(bound.blocking[0]).toMatchObject({ constraint: 'max-delay', elements: ['a', 'd'] });
    expect(bound.blocking[0]!.detail).toContain('a path taking 1,000 µs > 500 µs');
    const n = refusal(compute(bridge, { from: 'a', to: 'd', disjoint: 'node' }));
    expect(n.blocking[0]!.elements).toEqual(expect.arrayContaining(['node:x', 'node:y', 'link:xy']));
  });
});

describe('successful results', () => {
  it('report the binding constraints and the next-best metric', () => {
    const r = compute(ring, { from: 'a', to: 'd', excludeSrlgs: [7] });
    expect(r.ok && r.paths[0]!.links).toEqual(['ad']);
    expect(r.ok && r.explain?.binding.map((b) => b.constraint)).toEqual(['exclude-srlgs']);
    const free = compute(ring, { from: 'a', to: 'd' });
    expect(free.ok && free.explain).toEqual({ binding: [], nextBestMetric: 5 });
  });

  it('partial disjointness names the shared elements', () => {
    const r = compute(bridge, { from: 'a', to: 'd', disjoint: 'link', allowPartialDisjoint: true });
    expect(r.ok && r.explain?.shared).toEqual(['link:xy']);
    expect(r.ok && r.paths.map((p) => p.links)).toEqual([
      ['ax', 'xy', 'yd'],
      ['ab', 'bx', 'xy', 'yc', 'cd'],
    ]);
  });

  it('disjoint pairs are joint optima: the Suurballe trap and the SRLG primary that is not the cheapest', () => {
    const t = compute(trap, { from: 's', to: 't', disjoint: 'link' });
    expect(t.ok && t.paths.map((p) => p.links)).toEqual([
      ['sa', 'at'],
      ['sb', 'bt'],
    ]);
    const s = compute(srlgParallel, { from: 's', to: 't', disjoint: 'srlg' });
    expect(s.ok && s.paths.map((p) => p.links)).toEqual([['L2'], ['L3']]);
  });
});
