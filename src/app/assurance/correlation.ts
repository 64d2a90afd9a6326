import type { IncidentClass } from '../../ports/event-bus.port';
import type { LoopObservation } from './assurance-engine';

/**
 * How specific a data-plane class is about one fault. A fault often shows first through a less specific
 * signal and is named better later: probe loss (gray-loss) before the CRC or discard counters (crc,
 * congestion); a link down before it comes back and goes down again (flap); a node's links down one by one
 * before the node is seen down (node-down). A later finding of a higher rank on the same elements renames the
 * open incident instead of opening a second one; a lower-ranked one is the same fault seen again.
 */
const RANK: Partial<Record<IncidentClass, number>> = {
  'gray-loss': 0,
  latency: 0,
  crc: 1,
  congestion: 1,
  'link-down': 2,
  flap: 3,
  'node-down': 4,
};

export const rankOf = (c: IncidentClass): number | undefined => RANK[c];

/** Whether a finding of class `finding` may join an open incident of class `incident` on shared elements. */
export function sameFault(incident: IncidentClass, finding: IncidentClass): boolean {
  if (incident === finding) return true;
  const a = RANK[incident];
  const b = RANK[finding];
  return a !== undefined && b !== undefined && a !== b;
}

/** Link → its two end nodes, from the observation's arcs. */
export function linkEnds(obs: LoopObservation): Map<string, readonly [string, string]> {
  const ends = new Map<string, readonly [string, string]>();
  for (const l of obs.links) if (!ends.has(l.link)) ends.set(l.link, [l.from, l.to]);
  return ends;
}

/**
 * Whether a fault is placed on nodes (a node-down, or a class located on a node): it is then the same fault
 * as one seen on a link at that node (a gray loss placed on a node, then CRC errors on one of its links).
 */
export const nodal = (cls: IncidentClass, suspects: readonly { readonly kind: string }[]): boolean =>
  cls === 'node-down' || suspects.some((s) => s.kind === 'node');

/**
 * Whether two element sets share an element or, with `incidence` (a nodal fault on one side, see `nodal`),
 * one holds a node at an end of a link the other holds. `pathEnds` names, per side, nodes that do not count
 * for incidence in a class of several elements: the head and tail of the paths it was measured on. A measured
 * path's class holds its end nodes, and a loss anywhere along it is no reason to take it for a fault on
 * another link at its headend.
 */
export function touches(
  a: readonly string[],
  b: readonly string[],
  ends: ReadonlyMap<string, readonly [string, string]>,
  incidence: boolean,
  pathEnds: { readonly a?: ReadonlySet<string>; readonly b?: ReadonlySet<string> } = {},
): boolean {
  const sa = new Set(a);
  if (b.some((e) => sa.has(e))) return true;
  if (!incidence) return false;
  // a class of one element is placed there (a node-down, a gray loss put on a node): its node always counts
  const usable = (set: readonly string[], skip?: ReadonlySet<string>) =>
    new Set(skip && set.length > 1 ? set.filter((e) => !skip.has(e)) : set);
  const na = usable(a, pathEnds.a);
  const nb = usable(b, pathEnds.b);
  const nodeOf = (set: Set<string>, link: string) => ends.get(link)?.some((n) => set.has(n)) ?? false;
  return a.some((e) => nodeOf(nb, e)) || b.some((e) => nodeOf(na, e));
}

/** The head and tail nodes of the measured paths `ids` (see `touches`). */
export function endsOfPaths(obs: LoopObservation, ids: readonly string[]): Set<string> {
  const want = new Set(ids);
  const out = new Set<string>();
  for (const p of obs.paths)
    if (want.has(p.id) && p.nodes.length > 0) {
      out.add(p.nodes[0]!);
      out.add(p.nodes[p.nodes.length - 1]!);
    }
  return out;
}
