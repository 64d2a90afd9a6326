import { CompactGraph, reachable } from '../src/core/pathcomp';
import type { TopologyGraph } from '../src/core/topology';

/** A policy as the bench sees it: the nodes and links of its active path. */
export interface PolicyPath {
  readonly nodes: readonly string[];
  readonly links: readonly string[];
}

/**
 * Whether a reroute could repair a fault of `element` (a link or a node, the simulator's ground truth) for
 * every policy crossing it: each such policy's ends are outside the element and still connected in the
 * topology without it. Intent constraints (delay bounds, disjointness, capacity) are ignored, so this
 * over-counts repairable faults: a fault it calls unrepairable is one no controller could repair by moving
 * traffic (a stub link, an intent's own end node), whatever its localiser or planner did.
 */
export function repairable(topo: TopologyGraph, element: string, pols: readonly PolicyPath[]): boolean {
  const isNode = topo.hasNode(element);
  if (!isNode && !topo.hasLink(element)) return true;
  const crossing = pols.filter((p) => (isNode ? p.nodes : p.links).includes(element));
  if (crossing.length === 0) return true;
  const g = CompactGraph.of(topo);
  const node = g.node(element) ?? -1;
  const link = g.link(element) ?? -1;
  const allowed = new Uint8Array(g.m);
  for (let a = 0; a < g.m; a++)
    allowed[a] = g.arcLink[a] === link || g.arcFrom[a] === node || g.arcTo[a] === node ? 0 : 1;
  return crossing.every((p) => {
    const from = g.node(p.nodes[0] ?? '');
    const to = g.node(p.nodes[p.nodes.length - 1] ?? '');
    if (from === undefined || to === undefined || from === node || to === node) return false;
    return reachable(g, allowed, from)[to] === 1;
  });
}
