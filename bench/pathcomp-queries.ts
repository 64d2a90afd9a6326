import { distanceTree, shortestPath } from '../src/core/pathcomp';
import type { CompactGraph } from '../src/core/pathcomp';

/** Seeded query generation for bench/pathcomp.bench.ts: the same pairs for Autonet and every peer. */
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

/** `count` random ordered pairs (s ≠ t) with a path from s to t. */
export function randomPairs(g: CompactGraph, count: number, seed: number): [number, number][] {
  const rnd = mulberry32(seed);
  const out: [number, number][] = [];
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const s = Math.floor(rnd() * g.n);
    const t = Math.floor(rnd() * g.n);
    if (s !== t && shortestPath(g, g.hops, null, s, t)) out.push([s, t]);
  }
  return out;
}

/**
 * A delay bound per pair halfway between the minimum achievable delay and the delay of the path that is
 * cheapest under weights w: binding (the cheapest path is too slow) whenever those differ, always feasible.
 */
export function delayBounds(g: CompactGraph, w: Float64Array, pairs: readonly [number, number][]): number[] {
  return pairs.map(([s, t]) => {
    const fastest = distanceTree(g, g.delay, null, s)[t]!;
    const cheapest = shortestPath(g, w, null, s, t)!;
    let d = 0;
    for (const a of cheapest.arcs) d += g.delay[a]!;
    return Math.floor(fastest + (d - fastest) / 2);
  });
}
