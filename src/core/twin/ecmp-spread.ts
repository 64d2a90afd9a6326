import type { ArcAccumulator } from './arc-accumulator';
import type { RoutingView } from './routing-view';

/** Scratch space for spreading, sized to the node count and reused across calls. */
export class SpreadScratch {
  readonly share: Float64Array;
  readonly mark: Uint8Array;
  readonly nodes: Int32Array;
  constructor(n: number) {
    this.share = new Float64Array(n);
    this.mark = new Uint8Array(n);
    this.nodes = new Int32Array(n);
  }
}

/**
 * Sends `amount` from `src` to `dest` over every IGP shortest path, split evenly over the equal-cost next hops
 * at each node (parallel links are separate next hops), adding each arc's share to `acc`. Returns false, adding
 * nothing, when dest is unreachable from src in the view.
 */
export function spreadEcmp(
  view: RoutingView,
  src: number,
  dest: number,
  amount: number,
  acc: ArcAccumulator,
  s: SpreadScratch,
): boolean {
  const dist = view.dist(dest);
  if (dist[src] === Infinity) return false;
  if (src === dest) return true;
  const g = view.index.g;
  let count = 1;
  s.nodes[0] = src;
  s.mark[src] = 1;
  for (let i = 0; i < count; i++) {
    const u = s.nodes[i]!;
    if (u === dest) continue;
    for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++) {
      const a = g.outArc[k]!;
      const v = g.arcTo[a]!;
      if (s.mark[v] === 0 && view.isNextHop(dist, a)) {
        s.mark[v] = 1;
        s.nodes[count++] = v;
      }
    }
  }
  const order = Array.from(s.nodes.subarray(0, count)).sort((x, y) => dist[y]! - dist[x]! || x - y);
  s.share[src] = amount;
  for (const u of order) {
    s.mark[u] = 0;
    const flow = s.share[u]!;
    s.share[u] = 0;
    if (u === dest || flow === 0) continue;
    let hops = 0;
    for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++) if (view.isNextHop(dist, g.outArc[k]!)) hops++;
    const part = flow / hops;
    for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++) {
      const a = g.outArc[k]!;
      if (!view.isNextHop(dist, a)) continue;
      acc.add(a, part);
      s.share[g.arcTo[a]!]! += part;
    }
  }
  return true;
}
