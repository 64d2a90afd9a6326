import type { ArcId, NodeId } from '../model/ids';
import type { PlannedPolicy } from '../model/intent';
import type { TopoArc } from '../model/topology';
import type { TopologyGraph } from '../topology';

export type CandidatePath = PlannedPolicy['candidatePaths'][number];

export type Walk =
  { readonly ok: true; readonly arcs: readonly TopoArc[] } | { readonly ok: false; readonly problem: string };

/**
 * The arcs a candidate path traverses, checked against the topology: consecutive nodes joined by the named
 * link in a direction that exists, from `headend` to `endpoint`.
 */
export function walkOf(
  topology: TopologyGraph,
  path: CandidatePath,
  headend: NodeId,
  endpoint: NodeId,
): Walk {
  const { nodes, links } = path;
  if (nodes.length !== links.length + 1) {
    return { ok: false, problem: `${nodes.length} nodes do not match ${links.length} links` };
  }
  if (nodes[0] !== headend || nodes[nodes.length - 1] !== endpoint) {
    return { ok: false, problem: `path does not run from ${headend} to ${endpoint}` };
  }
  const arcs: TopoArc[] = [];
  for (let i = 0; i < links.length; i++) {
    const linkId = links[i]!;
    const from = nodes[i]!;
    const to = nodes[i + 1]!;
    if (!topology.hasLink(linkId)) return { ok: false, problem: `unknown link '${String(linkId)}'` };
    const arc = topology.link(linkId).arcs.find((x) => x.from === from && x.to === to);
    if (!arc) return { ok: false, problem: `link '${linkId}' has no direction ${from}→${to}` };
    arcs.push(arc);
  }
  return { ok: true, arcs };
}

/** Arc ids of every candidate path of the policies (unknown elements are skipped). */
export function planArcs(topology: TopologyGraph, policies: readonly PlannedPolicy[]): ArcId[] {
  const out: ArcId[] = [];
  for (const p of policies) {
    for (const cp of p.candidatePaths) {
      const w = walkOf(topology, cp, p.headend, p.endpoint);
      if (w.ok) out.push(...w.arcs.map((a) => a.id));
    }
  }
  return out;
}

export const delayOf = (arcs: readonly TopoArc[]): number => arcs.reduce((t, a) => t + a.delayUs, 0);
