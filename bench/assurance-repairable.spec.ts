import { bridge } from '../src/core/pathcomp/__fixtures__/small-topologies';
import { TopologyGraph } from '../src/core/topology';
import { repairable } from './assurance-repairable';

/**
 * Two triangles a–b–x and y–c–d joined by the bridge link x–y:
 *
 *   a ── x ── y ── c
 *    \  /      \  /
 *     b          d
 */
const g = TopologyGraph.build(bridge);

/** A policy over `nodes`, with the link between each pair of them. */
const path = (...nodes: string[]) => ({
  nodes,
  links: nodes.slice(1).map((to, i) => [`${nodes[i]!}${to}`, `${to}${nodes[i]!}`].find((l) => g.hasLink(l))!),
});

describe('repairable (bench ground truth: could any reroute repair this fault?)', () => {
  it('a link inside a triangle is repairable: every policy over it has the other way round', () => {
    expect(repairable(g, 'ab', [path('a', 'b', 'x'), path('b', 'a', 'x', 'y')])).toBe(true);
  });

  it('the bridge link is not: a policy across it has no other way', () => {
    expect(repairable(g, 'xy', [path('a', 'x', 'y', 'd')])).toBe(false);
  });

  it('a transit node is repairable; an end node of a policy over it is not', () => {
    expect(repairable(g, 'd', [path('y', 'd', 'c')])).toBe(true);
    expect(repairable(g, 'b', [path('a', 'b')])).toBe(false);
    expect(repairable(g, 'c', [path('y', 'c')])).toBe(false);
  });

  it('is judged on the policies over the element only, and a fault nothing crosses is repairable', () => {
    expect(repairable(g, 'ab', [path('a', 'x', 'y')])).toBe(true);
    expect(repairable(g, 'xy', [])).toBe(true);
  });

  it('a node that is the only way between two parts of the network cuts them', () => {
    expect(repairable(g, 'x', [path('b', 'x', 'y')])).toBe(false);
    expect(repairable(g, 'x', [path('a', 'x', 'b')])).toBe(true);
  });
});
