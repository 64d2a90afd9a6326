import type { CompactGraph } from './compact-graph';
import type { ResolvedQuery } from './path-query';

/** Why an arc is unusable for a query; 0 means usable. The order is the order reasons are checked in. */
export const PRUNE_REASONS = [
  'usable',
  'exclude-nodes',
  'exclude-links',
  'exclude-srlgs',
  'exclude-any-affinity',
  'include-any-affinity',
  'bandwidth',
] as const;
export type PruneReason = (typeof PRUNE_REASONS)[number];

/** Bandwidth comparisons tolerate rounding in the caller's free-bandwidth arithmetic. */
const BANDWIDTH_EPSILON = 1e-9;

export interface ArcFilter {
  /** 1 where the arc may be used. */
  readonly allowed: Uint8Array;
  /** Index into PRUNE_REASONS per arc (first reason that removes it). */
  readonly reason: Uint8Array;
  /** Every reason that removes the arc, as bits (1 << index). */
  readonly reasons: Uint8Array;
  /** Free bandwidth per arc, Mbit/s (the capacity when the engine was given no ledger). */
  readonly free: Float64Array;
}

/** Applies every prune-type constraint (exclusions, affinities, bandwidth) of a query to every arc. */
export function filterArcs(g: CompactGraph, q: ResolvedQuery, free: Float64Array): ArcFilter {
  const badNode = new Uint8Array(g.n);
  for (const v of q.excludeNodes) badNode[v] = 1;
  const badLink = new Uint8Array(g.linkIds.length);
  for (const l of q.excludeLinks) badLink[l] = 1;
  const srlgs = new Set(q.excludeSrlgs);
  const linkBits = new Uint8Array(g.linkIds.length);
  for (let l = 0; l < g.linkIds.length; l++) linkBits[l] = linkVerdict(g, q, l, badLink, srlgs);
  const reasons = new Uint8Array(g.m);
  const reason = new Uint8Array(g.m);
  const allowed = new Uint8Array(g.m);
  for (let a = 0; a < g.m; a++) {
    let bits = linkBits[g.arcLink[a]!]!;
    if (badNode[g.arcFrom[a]!] || badNode[g.arcTo[a]!]) bits |= 1 << 1;
    if (free[a]! + BANDWIDTH_EPSILON < q.bandwidthMbps) bits |= 1 << 6;
    reasons[a] = bits;
    reason[a] = bits === 0 ? 0 : 31 - Math.clz32(bits & -bits);
    allowed[a] = bits === 0 ? 1 : 0;
  }
  return { allowed, reason, reasons, free };
}

function linkVerdict(
  g: CompactGraph,
  q: ResolvedQuery,
  l: number,
  badLink: Uint8Array,
  srlgs: ReadonlySet<number>,
): number {
  let bits = badLink[l] ? 1 << 2 : 0;
  if (srlgs.size > 0 && g.linkSrlgs[l]!.some((s) => srlgs.has(s))) bits |= 1 << 3;
  const aff = g.linkAffinities[l]!;
  if (q.excludeAnyAffinity.length > 0 && aff.some((x) => q.excludeAnyAffinity.includes(x))) bits |= 1 << 4;
  if (q.includeAnyAffinity.length > 0 && !aff.some((x) => q.includeAnyAffinity.includes(x))) bits |= 1 << 5;
  return bits;
}
