import type { DirectionInput, TopologyInput } from '../../topology';

/** Hand-built topologies for engine specs, each with the property it is built to exercise. */
export const dir = (igpMetric: number, delayUs = 1, capacityMbps = 1000): DirectionInput => ({
  capacityMbps,
  delayUs,
  igpMetric,
});

const link = (
  id: string,
  a: string,
  b: string,
  d: DirectionInput,
  extra: { srlgs?: number[]; affinities?: string[] } = {},
) => ({
  id,
  a,
  b,
  ab: d,
  ba: d,
  ...extra,
});

const nodes = (...ids: string[]) => ids.map((id) => ({ id }));

/**
 * s→v by A (cheap, slow) or B (dear, fast); v→t by C (cheap, slow) or D (dear, fast). With 12 µs allowed the
 * optimum B+C needs the dear-but-fast prefix kept next to the cheap one at v (Pareto labels, not one per node).
 */
export const tradeoff: TopologyInput = {
  name: 'tradeoff',
  nodes: nodes('s', 'v', 't'),
  links: [
    link('A', 's', 'v', dir(1, 10)),
    link('B', 's', 'v', dir(5, 1)),
    link('C', 'v', 't', dir(1, 10)),
    link('D', 'v', 't', dir(10, 1)),
  ],
};

/** Suurballe's trap: the shortest path s-a-b-t blocks every link-disjoint partner; the optimum is s-a-t + s-b-t. */
export const trap: TopologyInput = {
  name: 'trap',
  nodes: nodes('s', 'a', 'b', 't'),
  links: [
    link('sa', 's', 'a', dir(1)),
    link('ab', 'a', 'b', dir(1)),
    link('bt', 'b', 't', dir(1)),
    link('sb', 's', 'b', dir(2)),
    link('at', 'a', 't', dir(2)),
  ],
};

/**
 * Four parallel s–t links. L1 (cost 1) shares an SRLG with L2 and L3, so its only SRLG-disjoint partner is L4
 * (100); the optimum is L2 + L3 (4), found only by looking past the cheapest primary.
 */
export const srlgParallel: TopologyInput = {
  name: 'srlg-parallel',
  nodes: nodes('s', 't'),
  links: [
    link('L1', 's', 't', dir(1), { srlgs: [1, 2] }),
    link('L2', 's', 't', dir(2), { srlgs: [1] }),
    link('L3', 's', 't', dir(2), { srlgs: [2] }),
    link('L4', 's', 't', dir(100)),
  ],
};

/** A chain a-b-c-d with a bypass a-d: the bridge-free ring; b–c carries SRLG 7 and affinity red. */
export const ring: TopologyInput = {
  name: 'ring',
  nodes: nodes('a', 'b', 'c', 'd'),
  links: [
    link('ab', 'a', 'b', dir(1, 100, 1000)),
    link('bc', 'b', 'c', dir(1, 100, 400), { srlgs: [7], affinities: ['red'] }),
    link('cd', 'c', 'd', dir(1, 100, 1000)),
    link('ad', 'a', 'd', dir(5, 1000, 300)),
  ],
};

/** Two rings joined by one bridge link x–y: every a→d pair of paths must share it. */
export const bridge: TopologyInput = {
  name: 'bridge',
  nodes: nodes('a', 'b', 'x', 'y', 'c', 'd'),
  links: [
    link('ab', 'a', 'b', dir(1)),
    link('ax', 'a', 'x', dir(1)),
    link('bx', 'b', 'x', dir(1)),
    link('xy', 'x', 'y', dir(1)),
    link('yc', 'y', 'c', dir(1)),
    link('yd', 'y', 'd', dir(1)),
    link('cd', 'c', 'd', dir(1)),
  ],
};

/** One randomly drawn link: endpoints as node indices (taken mod n) and an IGP weight per direction. */
export interface DrawnLink {
  readonly a: number;
  readonly b: number;
  readonly wab: number;
  readonly wba: number;
}

/**
 * Builds a topology of `n` nodes `n0…` from drawn links (self-loops dropped; parallel links kept, since they are
 * what makes ECMP splits likely). With `oneWayEvery` k, every k-th link is one-way.
 */
export function weightedTopology(
  n: number,
  drawn: readonly DrawnLink[],
  attrs: { capacityMbps: number; delayUs: number; oneWayEvery?: number },
): TopologyInput {
  const links = drawn
    .map((l) => ({ ...l, a: l.a % n, b: l.b % n }))
    .filter((l) => l.a !== l.b)
    .map((l, i) => ({
      id: `l${i}`,
      a: `n${l.a}`,
      b: `n${l.b}`,
      ab: dir(l.wab, attrs.delayUs, attrs.capacityMbps),
      ba:
        attrs.oneWayEvery && i % attrs.oneWayEvery === 0
          ? null
          : dir(l.wba, attrs.delayUs, attrs.capacityMbps),
    }));
  return { name: 'random', nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}` })), links };
}
