import type { ArcId, NodeId } from '../../core/model/ids';
import type { Demand } from '../../core/model/topology';
import { TopologyGraph } from '../../core/topology';
import type { DirectionInput, LinkInput } from '../../core/topology';

/** What the twin knows now, per arc and node (only what the residual network needs). */
export interface LiveState {
  readonly arcs: ReadonlyMap<ArcId, { readonly up: boolean; readonly reservedMbps: number }>;
  readonly downNodes: ReadonlySet<NodeId>;
}

/** Free capacity never goes below this (Mbit/s): a fully reserved arc reads as hugely over-utilised, not ∞. */
const MIN_FREE_MBPS = 0.001;

/**
 * The network the optimiser may use now: links with a direction down and down nodes (with their links) left
 * out, and each direction's capacity reduced by what admitted intents reserve on it, so the MLU it minimises
 * is the utilisation of the capacity that is actually free. A link stays only with every direction up.
 */
export function residualTopology(topology: TopologyGraph, live: LiveState): TopologyGraph {
  const nodes = [...topology.nodes()].filter((n) => !live.downNodes.has(n.id));
  const links: LinkInput[] = [];
  for (const l of topology.links()) {
    if (live.downNodes.has(l.a) || live.downNodes.has(l.b)) continue;
    if (l.arcs.some((a) => live.arcs.get(a.id)?.up === false)) continue;
    const dir = (i: number): DirectionInput | null => {
      const a = l.arcs[i];
      if (a === undefined) return null;
      const reserved = live.arcs.get(a.id)?.reservedMbps ?? 0;
      return {
        capacityMbps: Math.max(MIN_FREE_MBPS, a.capacityMbps - reserved),
        delayUs: a.delayUs,
        igpMetric: a.igpMetric,
        teMetric: a.teMetric,
      };
    };
    links.push({
      id: l.id,
      a: l.a,
      b: l.b,
      srlgs: l.srlgs,
      affinities: l.affinities,
      ab: dir(0)!,
      ba: dir(1),
    });
  }
  return TopologyGraph.build({
    name: `${topology.name} (live)`,
    nodes: nodes.map((n) => ({
      id: n.id,
      name: n.name,
      role: n.role,
      ...(n.site !== undefined && { site: n.site }),
      ...(n.locatorNode !== undefined && { locatorNode: n.locatorNode }),
    })),
    links,
  });
}

/**
 * Splits demands into those the residual network can carry and those it cannot (an endpoint down or cut
 * off), so one unreachable pair does not refuse the whole optimisation; the caller reports the latter.
 */
export function placeable(
  topology: TopologyGraph,
  demands: readonly Demand[],
): { placeable: Demand[]; unplaceable: Demand[] } {
  const reach = new Map<NodeId, Set<NodeId>>();
  const from = (s: NodeId): Set<NodeId> => {
    let seen = reach.get(s);
    if (seen) return seen;
    seen = new Set([s]);
    const queue = [s];
    while (queue.length > 0) {
      const n = queue.pop()!;
      for (const a of topology.outArcs(n))
        if (!seen.has(a.to)) {
          seen.add(a.to);
          queue.push(a.to);
        }
    }
    reach.set(s, seen);
    return seen;
  };
  const out = { placeable: [] as Demand[], unplaceable: [] as Demand[] };
  for (const d of demands) {
    const ok =
      topology.hasNode(d.from) && topology.hasNode(d.to) && d.from !== d.to && from(d.from).has(d.to);
    (ok ? out.placeable : out.unplaceable).push(d);
  }
  return out;
}
