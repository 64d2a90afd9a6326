import { TopologyGraph } from '../src/core/topology';
import { repairable } from './assurance-repairable';

/**
 * A ring A–B–C–D–A with a stub E hanging off D:
 *
 *   A ── B
 *   │    │
 *   D ── C
 *   │
 *   E
 */
const ring = TopologyGraph.build({
  name: 'ring-with-stub',
  nodes: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id })),
  links: [
    ['A-B', 'A', 'B'],
    ['B-C', 'B', 'C'],
    ['C-D', 'C', 'D'],
    ['D-A', 'D', 'A'],
    ['D-E', 'D', 'E'],
  ].map(([id, a, b]) => ({
    id: id!,
    a: a!,
    b: b!,
    ab: { capacityMbps: 1000, delayUs: 100, igpMetric: 10 },
    ba: { capacityMbps: 1000, delayUs: 100, igpMetric: 10 },
  })),
});

const path = (...nodes: string[]) => ({
  nodes,
  links: nodes
    .slice(1)
    .map((to, i) => [`${nodes[i]!}-${to}`, `${to}-${nodes[i]!}`].find((l) => ring.hasLink(l))!),
});

describe('repairable (bench ground truth: could any reroute repair this fault?)', () => {
  it('a ring link is repairable: every policy over it has the other way round', () => {
    expect(repairable(ring, 'A-B', [path('A', 'B', 'C'), path('B', 'A', 'D', 'E')])).toBe(true);
  });

  it('a stub link is not: the policy to E has no other way', () => {
    expect(repairable(ring, 'D-E', [path('A', 'D', 'E')])).toBe(false);
  });

  it('a transit node is repairable; an end node of a policy over it is not', () => {
    expect(repairable(ring, 'B', [path('A', 'B', 'C')])).toBe(true);
    expect(repairable(ring, 'D', [path('A', 'D', 'E')])).toBe(false);
    expect(repairable(ring, 'C', [path('B', 'C')])).toBe(false);
  });

  it('is judged on the policies over the element only, and a fault nothing crosses is repairable', () => {
    expect(repairable(ring, 'A-B', [path('A', 'D', 'E')])).toBe(true);
    expect(repairable(ring, 'D-E', [])).toBe(true);
  });

  it('a node that is the only way between two parts of the network cuts them', () => {
    expect(repairable(ring, 'D', [path('C', 'D', 'E')])).toBe(false);
    expect(repairable(ring, 'D', [path('A', 'D', 'C')])).toBe(true);
  });
});
