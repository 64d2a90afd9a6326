import type { CompactGraph } from './compact-graph';
import type { ConstrainedSearch } from './cspf';
import type { FoundPath } from './dijkstra';
import { distanceTree, pathCost } from './dijkstra';
import { KShortestPaths } from './k-shortest';
import type { Disjointness } from './path-types';
import { within } from './rcsp';
import { minCostPathPair } from './suurballe';

/** Elements a path pair has in common, as CompactGraph indices (links, transit nodes) and SRLG numbers. */
export interface SharedRisks {
  readonly links: number[];
  readonly nodes: number[];
  readonly srlgs: number[];
}

export interface PairOutcome {
  readonly primary: FoundPath;
  readonly backup: FoundPath;
  readonly shared: SharedRisks;
  /** False when the primary enumeration hit its limit before the bound proved the pair optimal. */
  readonly proven: boolean;
}

/** How many primaries the exact enumeration examines at most (see docs/adr/0010-disjoint-paths.md). */
export const PRIMARY_LIMIT = 128;

const sharedCount = (r: SharedRisks): number => r.links.length + r.nodes.length + r.srlgs.length;

export function sharedRisks(
  g: CompactGraph,
  mode: Disjointness,
  p: readonly number[],
  q: readonly number[],
): SharedRisks {
  const linksOf = (arcs: readonly number[]): Set<number> => new Set(arcs.map((a) => g.arcLink[a]!));
  const pl = linksOf(p);
  const links = [...linksOf(q)].filter((l) => pl.has(l));
  const transit = (arcs: readonly number[]): number[] => arcs.slice(0, -1).map((a) => g.arcTo[a]!);
  const pn = new Set(transit(p));
  const nodes = mode === 'node' ? transit(q).filter((v) => pn.has(v)) : [];
  let srlgs: number[] = [];
  if (mode === 'srlg') {
    const ps = new Set([...pl].flatMap((l) => g.linkSrlgs[l]!));
    srlgs = [...new Set([...linksOf(q)].flatMap((l) => g.linkSrlgs[l]!))].filter((s) => ps.has(s));
  }
  return { links, nodes, srlgs };
}

function ordered(
  g: CompactGraph,
  mode: Disjointness,
  w: Float64Array,
  a: number[],
  b: number[],
  proven: boolean,
): PairOutcome {
  const pa = { arcs: a, cost: pathCost(w, a) };
  const pb = { arcs: b, cost: pathCost(w, b) };
  const first = pa.cost < pb.cost || (pa.cost === pb.cost && a.length <= b.length);
  const [primary, backup] = first ? [pa, pb] : [pb, pa];
  return { primary, backup, shared: sharedRisks(g, mode, primary.arcs, backup.arcs), proven };
}

/**
 * The minimum-total-cost pair of disjoint paths meeting every constraint of `search` (both paths).
 * Link/node without bounds: Suurballe, exact. Otherwise Suurballe's pair is a lower bound (it relaxes the
 * bounds, and SRLG- to link-disjointness); when it already satisfies everything it is optimal, else primaries
 * are enumerated in cost order (Yen) with their best disjoint partner until 2 × primary cost reaches the best
 * total found. With `partial`, falls back to the pair sharing the fewest elements.
 */
export function findDisjointPair(
  search: ConstrainedSearch,
  source: number,
  mode: Disjointness,
  partial: boolean,
  /** Set to false when a primary enumeration stopped at PRIMARY_LIMIT (a null answer is then not a proof). */
  report: { exhaustive: boolean } = { exhaustive: true },
): PairOutcome | null {
  if (search.bounds.delay !== Infinity || search.bounds.hops !== Infinity) {
    search = search.restricted(usefulArcs(search, source));
  }
  const { g, w, allowed, target } = search;
  const flowMode = mode === 'node' ? 'node' : 'link';
  const relaxed = minCostPathPair(g, w, allowed, source, target, flowMode);
  if (relaxed) {
    const pair = ordered(g, mode, w, relaxed[0], relaxed[1], true);
    if (search.fits(pair.primary.arcs) && search.fits(pair.backup.arcs) && sharedCount(pair.shared) === 0) {
      return pair;
    }
  }
  const lower = relaxed ? pathCost(w, relaxed[0]) + pathCost(w, relaxed[1]) : 0;
  // Without a link-disjoint pair there is no node- or SRLG-disjoint pair either.
  const strict = relaxed ? enumeratePairs(search, source, mode, false, lower, report) : null;
  if (strict || !partial) return strict;
  if (search.bounds.delay === Infinity && search.bounds.hops === Infinity && mode !== 'srlg') {
    const p = minCostPathPair(g, w, allowed, source, target, flowMode, true);
    return p && ordered(g, mode, w, p[0], p[1], true);
  }
  return enumeratePairs(search, source, mode, true, 0, report);
}

/**
 * The allowed arcs that lie on at least one path meeting the delay and hop bounds (fastest / fewest-hop
 * distance from the source to the arc, plus the arc, plus the remaining distance to the target). Dropping the
 * others changes no feasible pair but tightens Suurballe's lower bound, often until its pair is feasible.
 */
function usefulArcs(search: ConstrainedSearch, source: number): Uint8Array {
  const { g, allowed, target, bounds } = search;
  const useful = allowed.slice();
  const check = (w: Float64Array, bound: number): void => {
    if (bound === Infinity) return;
    const from = distanceTree(g, w, allowed, source);
    const to = distanceTree(g, w, allowed, target, true);
    for (let a = 0; a < g.m; a++) {
      if (useful[a] && !within(from[g.arcFrom[a]!]! + w[a]! + to[g.arcTo[a]!]!, bound)) useful[a] = 0;
    }
  };
  check(g.delay, bounds.delay);
  check(g.hops, bounds.hops);
  return useful;
}

/** Exact branch and bound over primaries in cost order (optimal unless PRIMARY_LIMIT is reached). */
function enumeratePairs(
  search: ConstrainedSearch,
  source: number,
  mode: Disjointness,
  partial: boolean,
  lowerBound: number,
  report: { exhaustive: boolean },
): PairOutcome | null {
  const { g, w } = search;
  const primaries = new KShortestPaths(search, source);
  let best: PairOutcome | null = null;
  let bestKey: [number, number] = [Infinity, Infinity];
  for (let k = 0; k < PRIMARY_LIMIT; k++) {
    if (best && !partial && bestKey[1] <= lowerBound) return { ...best, proven: true };
    const p = primaries.next();
    if (p === null) return best && { ...best, proven: true };
    if (best && !partial && 2 * p.cost >= bestKey[1]) return { ...best, proven: true };
    const b = partner(search, source, mode, p.arcs, partial);
    if (b === null) continue;
    const pair = ordered(g, mode, w, [...p.arcs], [...b], false);
    const key: [number, number] = [sharedCount(pair.shared), pair.primary.cost + pair.backup.cost];
    if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
      best = pair;
      bestKey = key;
    }
  }
  report.exhaustive = false;
  return best;
}

/** The best path disjoint from `p` (or, partial, sharing the fewest elements with it) under the same bounds. */
function partner(
  search: ConstrainedSearch,
  source: number,
  mode: Disjointness,
  p: readonly number[],
  partial: boolean,
): number[] | null {
  const { g, w } = search;
  const risky = riskyArcs(g, mode, p);
  const allowed = search.allowed.slice();
  let weights = w;
  if (partial) {
    let total = 0;
    for (let a = 0; a < g.m; a++) if (allowed[a]) total += w[a]!;
    weights = w.map((x, a) => x + risky[a]! * (2 * total + 1));
  } else {
    for (let a = 0; a < g.m; a++) if (risky[a]) allowed[a] = 0;
  }
  const found = search.restricted(allowed, weights).best(source);
  return found && [...found.arcs];
}

/** Per arc: how many of p's risks it carries (its link, a transit node of p, or a shared SRLG). */
function riskyArcs(g: CompactGraph, mode: Disjointness, p: readonly number[]): Uint8Array {
  const links = new Set(p.map((a) => g.arcLink[a]!));
  const nodes = new Set(p.slice(0, -1).map((a) => g.arcTo[a]!));
  const srlgs = new Set([...links].flatMap((l) => g.linkSrlgs[l]!));
  const risky = new Uint8Array(g.m);
  for (let a = 0; a < g.m; a++) {
    const l = g.arcLink[a]!;
    let r = links.has(l) ? 1 : 0;
    if (mode === 'node' && nodes.has(g.arcTo[a]!)) r++;
    if (mode === 'srlg') r += g.linkSrlgs[l]!.filter((s) => srlgs.has(s)).length;
    risky[a] = r;
  }
  return risky;
}
