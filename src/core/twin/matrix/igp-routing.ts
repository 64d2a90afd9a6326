import type { TwinIndex } from '../index';

/** Relative tolerance of the equal-cost test (metrics are sums of integers in practice). */
const EPS = 1e-9;

/**
 * IGP routing-matrix column of one (src, dest) pair: the fraction of src→dest traffic on each arc under
 * shortest-path ECMP (even split over equal-cost next hops, parallel links separate), as arc → fraction.
 * `dist` are the IGP distances to dest; `up` masks failed arcs (null: all up). Empty when unreachable.
 */
export function ecmpColumn(
  index: TwinIndex,
  src: number,
  dest: number,
  dist: Float64Array,
  up: Uint8Array | null,
): Map<number, number> {
  const out = new Map<number, number>();
  if (src === dest || !Number.isFinite(dist[src]!)) return out;
  const g = index.g;
  const isHop = (a: number): boolean => {
    if (up && up[a] === 0) return false;
    const via = g.igp[a]! + dist[g.arcTo[a]!]!;
    return Number.isFinite(via) && Math.abs(dist[g.arcFrom[a]!]! - via) <= EPS * Math.max(1, via);
  };
  const share = new Map<number, number>([[src, 1]]);
  const seen = new Set<number>([src]);
  const order: number[] = [src];
  for (let i = 0; i < order.length; i++) {
    const u = order[i]!;
    if (u === dest) continue;
    for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++) {
      const v = g.arcTo[g.outArc[k]!]!;
      if (isHop(g.outArc[k]!) && !seen.has(v)) {
        seen.add(v);
        order.push(v);
      }
    }
  }
  order.sort((x, y) => dist[y]! - dist[x]! || x - y);
  for (const u of order) {
    const flow = share.get(u) ?? 0;
    if (u === dest || flow === 0) continue;
    const hops: number[] = [];
    for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++)
      if (isHop(g.outArc[k]!)) hops.push(g.outArc[k]!);
    for (const a of hops) {
      const part = flow / hops.length;
      out.set(a, (out.get(a) ?? 0) + part);
      share.set(g.arcTo[a]!, (share.get(g.arcTo[a]!) ?? 0) + part);
    }
  }
  return out;
}
