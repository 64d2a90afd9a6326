import type { TopologyGraph } from '../src/core/topology';

/** A policy as the bench sees it: its headend and the nodes and links of its active path. */
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
  return crossing.every((p) => {
    const from = p.nodes[0];
    const to = p.nodes[p.nodes.length - 1];
    if (from === undefined || to === undefined || from === element || to === element) return false;
    return connected(topo, from, to, element);
  });
}

/** Breadth-first reachability from `from` to `to` without the node or link `without`. */
function connected(topo: TopologyGraph, from: string, to: string, without: string): boolean {
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length > 0) {
    if (frontier.includes(to)) return true;
    const next: string[] = [];
    for (const n of frontier)
      for (const a of topo.outArcs(n as never))
        if (a.link !== without && a.to !== without && !seen.has(a.to)) {
          seen.add(a.to);
          next.push(a.to);
        }
    frontier = next;
  }
  return false;
}
