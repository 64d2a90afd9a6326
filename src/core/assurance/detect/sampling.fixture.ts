import { arcId, linkId, nodeId } from '../../model/ids';
import type { ArcInfo, PathRow } from '../observation';

/** Seeded randomness and small networks for the assurance specs and the localisation benchmark. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A binomial draw: exact inversion for small means, a normal approximation above a mean of 30. */
export function binomial(rng: () => number, n: number, p: number): number {
  if (p <= 0 || n <= 0) return 0;
  if (p >= 1) return n;
  const mean = n * p;
  if (mean > 30)
    return Math.max(0, Math.min(n, Math.round(mean + gaussian(rng) * Math.sqrt(mean * (1 - p)))));
  let k = 0;
  let prob = Math.pow(1 - p, n);
  let cdf = prob;
  const u = rng();
  while (u > cdf && k < n) {
    prob *= ((n - k) / (k + 1)) * (p / (1 - p));
    k++;
    cdf += prob;
  }
  return k;
}

export function gaussian(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Arcs `${a}>${b}` of link `${a}-${b}` (both directions) for an undirected edge list. */
export function arcsOf(edges: readonly [string, string][]): ArcInfo[] {
  return edges.flatMap(([a, b]) => [
    { arc: arcId(`${a}>${b}`), link: linkId(`${a}-${b}`), from: nodeId(a), to: nodeId(b) },
    { arc: arcId(`${b}>${a}`), link: linkId(`${a}-${b}`), from: nodeId(b), to: nodeId(a) },
  ]);
}

/** A single-branch routing row over a node sequence. */
export function rowOf(policy: string, hops: readonly string[]): PathRow {
  const arcs = hops.slice(1).map((to, i) => ({ arc: arcId(`${hops[i]!}>${to}`), fraction: 1 }));
  return { policy, headend: nodeId(hops[0]!), arcs, nodes: hops.map(nodeId) };
}
