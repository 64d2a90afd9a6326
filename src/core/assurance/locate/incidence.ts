import type { ArcId, NodeId } from '../../model/ids';
import { policyKey } from '../observation';
import type { ArcInfo, Element, PathRow } from '../observation';

/** One hypothesis element (an arc or a node) with the measured paths it lies on and its share of each. */
export interface Candidate {
  readonly key: string;
  readonly element: Element;
  readonly paths: readonly number[];
  readonly fractions: readonly number[];
  /** Prior probability that this element is faulty now. */
  readonly prior: number;
}

/** Elements no measurement can tell apart: same measured paths with the same fractions. */
export interface EquivalenceClass {
  readonly index: number;
  readonly members: readonly Candidate[];
  readonly paths: readonly number[];
  readonly fractions: readonly number[];
  /** ln of the prior odds that some member is faulty. */
  readonly logPriorOdds: number;
}

export interface Incidence {
  readonly pathKeys: readonly string[];
  readonly classes: readonly EquivalenceClass[];
  /** Class index of each candidate key (`arc:<id>` / `node:<id>`). */
  readonly classOf: ReadonlyMap<string, number>;
}

export const arcKey = (arc: ArcId | string): string => `arc:${arc}`;
export const nodeKey = (node: NodeId | string): string => `node:${node}`;

/**
 * Builds the routing matrix over the measured rows: for each arc and node, the paths through it and the share
 * of each path's packets that cross it (a node's share is the larger of its in- and out-arc shares; the
 * headend's is 1), then groups elements with identical (path, share) signatures into equivalence classes.
 */
export function buildIncidence(
  rows: readonly PathRow[],
  arcs: readonly ArcInfo[],
  measured: ReadonlySet<string>,
  priorOf: (key: string, element: Element) => number,
): Incidence {
  const info = new Map(arcs.map((a) => [a.arc, a]));
  const used = rows.filter((r) => measured.has(policyKey(r.headend, r.policy)));
  const pathKeys = used.map((r) => policyKey(r.headend, r.policy));
  const acc = new Map<string, { element: Element; paths: number[]; fractions: number[] }>();
  // One entry (key + element) per arc and node, made once: rows repeat them thousands of times.
  const entry = (
    key: string,
    element: () => Element,
  ): { element: Element; paths: number[]; fractions: number[] } => {
    let e = acc.get(key);
    if (!e) {
      e = { element: element(), paths: [], fractions: [] };
      acc.set(key, e);
    }
    return e;
  };
  const arcEntry = new Map<ArcId, ReturnType<typeof entry>>();
  for (const a of arcs)
    arcEntry.set(
      a.arc,
      entry(arcKey(a.arc), () => ({ kind: 'link', id: a.link, arc: a.arc })),
    );
  const nodeIn = new Map<string, number>();
  const nodeOut = new Map<string, number>();
  const arcShare = new Map<ArcId, number>();
  used.forEach((row, i) => {
    nodeIn.clear();
    nodeOut.clear();
    arcShare.clear();
    for (const { arc, fraction } of row.arcs)
      arcShare.set(arc, Math.min(1, (arcShare.get(arc) ?? 0) + fraction));
    for (const [arc, fraction] of arcShare) {
      const a = info.get(arc);
      if (fraction <= 0 || !a) continue;
      const e = arcEntry.get(arc)!;
      e.paths.push(i);
      e.fractions.push(fraction);
      nodeOut.set(a.from, (nodeOut.get(a.from) ?? 0) + fraction);
      nodeIn.set(a.to, (nodeIn.get(a.to) ?? 0) + fraction);
    }
    const nodes = new Set<string>(row.nodes);
    for (const n of nodeIn.keys()) nodes.add(n);
    for (const n of nodeOut.keys()) nodes.add(n);
    for (const n of nodes) {
      const share = n === row.headend ? 1 : Math.min(1, Math.max(nodeIn.get(n) ?? 0, nodeOut.get(n) ?? 0));
      if (share <= 0) continue;
      const e = entry(nodeKey(n), () => ({ kind: 'node', id: n as NodeId }));
      e.paths.push(i);
      e.fractions.push(share);
    }
  });
  const bySignature = new Map<string, Candidate[]>();
  for (const [key, e] of acc) {
    if (e.paths.length === 0) continue;
    // Shares are compared to 1e-6; a share of exactly 1 (the common case) costs no formatting.
    const signature = e.paths
      .map((p, j) => {
        const share = Math.round(e.fractions[j]! * 1e6);
        return share === 1e6 ? `${p}` : `${p}:${share}`;
      })
      .join(',');
    const list = bySignature.get(signature) ?? [];
    list.push({
      key,
      element: e.element,
      paths: e.paths,
      fractions: e.fractions,
      prior: priorOf(key, e.element),
    });
    bySignature.set(signature, list);
  }
  const classes: EquivalenceClass[] = [];
  const classOf = new Map<string, number>();
  for (const members of bySignature.values()) {
    members.sort((a, b) => (a.key < b.key ? -1 : 1));
    const odds = members.reduce((s, m) => s + m.prior / (1 - Math.min(m.prior, 0.999)), 0);
    const index = classes.length;
    classes.push({
      index,
      members,
      paths: members[0]!.paths,
      fractions: members[0]!.fractions,
      logPriorOdds: Math.log(odds),
    });
    for (const m of members) classOf.set(m.key, index);
  }
  return { pathKeys, classes, classOf };
}
