import type { ArcId, LinkId, NodeId } from '../../model/ids';
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
  /** The measured rows, in `pathKeys` order. */
  readonly rows: readonly PathRow[];
  readonly classes: readonly EquivalenceClass[];
  /** Class index of each candidate key (`arc:<id>` / `node:<id>`). */
  readonly classOf: ReadonlyMap<string, number>;
}

export const arcKey = (arc: ArcId | string): string => `arc:${arc}`;
export const nodeKey = (node: NodeId | string): string => `node:${node}`;
/** A link taken both ways (one fault on both its arcs). */
export const linkKey = (link: LinkId | string): string => `link:${link}`;

/** The key of an element: `arc:`, `link:` (a link both ways) or `node:`. */
export function elementKey(e: Element): string {
  if (e.kind === 'node') return nodeKey(e.id);
  return e.reverse === undefined ? arcKey(e.arc) : linkKey(e.id);
}

/**
 * Builds the routing matrix over the measured rows: for each arc and node, the paths through it and the share
 * of each path's packets that cross it (a node's share is the larger of its in- and out-arc shares; the
 * headend's is 1), then groups elements with identical (path, share) signatures into equivalence classes.
 * Elements are numbered once (arcs first, nodes as met) and per-row sums live in stamped typed arrays, so a
 * 10k-path matrix costs no per-row maps; signatures are hashed, and equal hashes compared exactly.
 */
export function buildIncidence(
  rows: readonly PathRow[],
  arcs: readonly ArcInfo[],
  measured: ReadonlySet<string>,
  priorOf: (key: string, element: Element) => number,
): Incidence {
  const pathKeys: string[] = [];
  const used: PathRow[] = [];
  for (const r of rows) {
    const key = policyKey(r.headend, r.policy);
    if (!measured.has(key)) continue;
    used.push(r);
    pathKeys.push(key);
  }
  const nA = arcs.length;
  const arcIndex = new Map<ArcId, number>();
  const nodeIndex = new Map<string, number>();
  const nodeIds: string[] = [];
  const nodeOf = (n: string): number => {
    let i = nodeIndex.get(n);
    if (i === undefined) {
      i = nodeIds.length;
      nodeIndex.set(n, i);
      nodeIds.push(n);
    }
    return i;
  };
  const from = new Int32Array(nA);
  const to = new Int32Array(nA);
  arcs.forEach((a, i) => {
    if (!arcIndex.has(a.arc)) arcIndex.set(a.arc, i);
    from[i] = nodeOf(a.from);
    to[i] = nodeOf(a.to);
  });
  const ePaths: number[][] = [];
  const eFractions: number[][] = [];
  const list = (e: number): void => {
    while (ePaths.length <= e) {
      ePaths.push([]);
      eFractions.push([]);
    }
  };
  list(nA - 1);
  const arcStamp = new Int32Array(nA).fill(-1);
  const arcShare = new Float64Array(nA);
  let nodeStamp = new Int32Array(Math.max(16, nodeIds.length * 2)).fill(-1);
  let nodeIn = new Float64Array(nodeStamp.length);
  let nodeOut = new Float64Array(nodeStamp.length);
  const touchedArcs: number[] = [];
  const nodeOrder: number[] = [];
  const touchedNodes: number[] = [];
  const touch = (n: number, row: number): void => {
    if (n >= nodeStamp.length) {
      const size = n * 2 + 16;
      const s = new Int32Array(size).fill(-1);
      s.set(nodeStamp);
      nodeStamp = s;
      const i2 = new Float64Array(size);
      i2.set(nodeIn);
      nodeIn = i2;
      const o2 = new Float64Array(size);
      o2.set(nodeOut);
      nodeOut = o2;
    }
    if (nodeStamp[n] !== row) {
      nodeStamp[n] = row;
      nodeIn[n] = 0;
      nodeOut[n] = 0;
      touchedNodes.push(n);
    }
  };
  for (let i = 0; i < used.length; i++) {
    const row = used[i]!;
    touchedArcs.length = 0;
    touchedNodes.length = 0;
    for (const { arc, fraction } of row.arcs) {
      const a = arcIndex.get(arc);
      if (a === undefined) continue;
      if (arcStamp[a] !== i) {
        arcStamp[a] = i;
        arcShare[a] = 0;
        touchedArcs.push(a);
      }
      arcShare[a] = Math.min(1, arcShare[a]! + fraction);
    }
    // node order as met: the row's own list, then arc heads, then arc tails
    for (const n of row.nodes) touch(nodeOf(n), i);
    for (const a of touchedArcs) if (arcShare[a]! > 0) touch(to[a]!, i);
    for (const a of touchedArcs) if (arcShare[a]! > 0) touch(from[a]!, i);
    for (const a of touchedArcs) {
      const f = arcShare[a]!;
      if (f <= 0) continue;
      ePaths[a]!.push(i);
      eFractions[a]!.push(f);
      nodeOut[from[a]!] = nodeOut[from[a]!]! + f;
      nodeIn[to[a]!] = nodeIn[to[a]!]! + f;
    }
    const head = nodeIndex.get(row.headend);
    for (const n of touchedNodes) {
      const share = n === head ? 1 : Math.min(1, Math.max(nodeIn[n]!, nodeOut[n]!));
      if (share <= 0) continue;
      const e = nA + n;
      list(e);
      if (ePaths[e]!.length === 0) nodeOrder.push(n);
      ePaths[e]!.push(i);
      eFractions[e]!.push(share);
    }
  }
  const entries: Entry[] = [];
  const firstArc = new Map<ArcId, number>();
  const entry = (element: Element, e: number): Entry => ({
    key: elementKey(element),
    element,
    paths: ePaths[e]!,
    fractions: eFractions[e]!,
  });
  arcs.forEach((a, i) => {
    if (firstArc.has(a.arc)) return;
    firstArc.set(a.arc, i);
    entries.push(entry({ kind: 'link', id: a.link, arc: a.arc }, i));
  });
  for (const n of nodeOrder) entries.push(entry({ kind: 'node', id: nodeIds[n]! as NodeId }, nA + n));
  entries.push(...bothWays(arcs, firstArc, ePaths, eFractions));
  return { ...group(entries, pathKeys, priorOf), rows: used };
}

interface Entry {
  readonly key: string;
  readonly element: Element;
  readonly paths: readonly number[];
  readonly fractions: readonly number[];
}

/**
 * One element per link measured in both directions: its paths are those of either arc, its share on each the
 * sum of the two (at most 1). A fault on both ways of a link is then one hypothesis with one rate and one
 * prior, as the node at either end is; without it, two arc faults cost twice the prior and penalty of the
 * node, which then wins wherever few measured paths cross the node off that link (ADR 0163).
 */
function bothWays(
  arcs: readonly ArcInfo[],
  firstArc: ReadonlyMap<ArcId, number>,
  ePaths: readonly number[][],
  eFractions: readonly number[][],
): Entry[] {
  const out: Entry[] = [];
  const byLink = new Map<LinkId, number[]>();
  for (const i of firstArc.values()) {
    const list = byLink.get(arcs[i]!.link) ?? [];
    list.push(i);
    byLink.set(arcs[i]!.link, list);
  }
  for (const [link, list] of byLink) {
    if (list.length !== 2) continue;
    const [a, b] = list as [number, number];
    if (arcs[a]!.from !== arcs[b]!.to || arcs[a]!.to !== arcs[b]!.from) continue;
    if (ePaths[a]!.length === 0 || ePaths[b]!.length === 0) continue;
    // both lists ascend (rows are visited in order, each arc once per row): merge them
    const paths: number[] = [];
    const fractions: number[] = [];
    const pa = ePaths[a]!;
    const pb = ePaths[b]!;
    for (let i = 0, j = 0; i < pa.length || j < pb.length;) {
      const x = i < pa.length ? pa[i]! : Infinity;
      const y = j < pb.length ? pb[j]! : Infinity;
      const p = Math.min(x, y);
      let f = 0;
      if (x === p) f += eFractions[a]![i++]!;
      if (y === p) f += eFractions[b]![j++]!;
      paths.push(p);
      fractions.push(Math.min(1, f));
    }
    const element: Element = { kind: 'link', id: link, arc: arcs[a]!.arc, reverse: arcs[b]!.arc };
    out.push({ key: elementKey(element), element, paths, fractions });
  }
  return out;
}

/** Groups elements by their (path, share) signature: hashed, then compared exactly within a hash. */
function group(
  entries: readonly Entry[],
  pathKeys: readonly string[],
  priorOf: (key: string, element: Element) => number,
): Omit<Incidence, 'rows'> {
  type Group = { paths: readonly number[]; fractions: readonly number[]; members: Candidate[] };
  const byHash = new Map<string, Group[]>();
  const order: Group[] = [];
  for (const { key, element, paths, fractions } of entries) {
    if (paths.length === 0) continue;
    // Shares are compared to 1e-6.
    let h1 = 0x811c9dc5;
    let h2 = 17;
    for (let j = 0; j < paths.length; j++) {
      const f = fractions[j]!;
      const share = f === 1 ? 1e6 : Math.round(f * 1e6);
      h1 = Math.imul(h1 ^ paths[j]!, 16777619) ^ share;
      h2 = (Math.imul(h2, 31) + paths[j]! * 7 + share) | 0;
    }
    const hash = `${paths.length}:${h1}:${h2}`;
    const bucket = byHash.get(hash) ?? [];
    let cls = bucket.find((b) => same(b.paths, paths) && sameShares(b.fractions, fractions));
    if (!cls) {
      cls = { paths, fractions, members: [] };
      bucket.push(cls);
      byHash.set(hash, bucket);
      order.push(cls);
    }
    cls.members.push({ key, element, paths, fractions, prior: priorOf(key, element) });
  }
  const classes: EquivalenceClass[] = [];
  const classOf = new Map<string, number>();
  for (const { members } of order) {
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

function same(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameShares(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (Math.round(a[i]! * 1e6) !== Math.round(b[i]! * 1e6)) return false;
  return true;
}
