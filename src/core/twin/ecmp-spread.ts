import type { ArcAccumulator } from './arc-accumulator';
import type { SpreadView } from './next-hops';

/** Scratch space for spreading, sized to the node count and reused across calls. */
export class SpreadScratch {
  readonly share: Float64Array;
  readonly mark: Uint8Array;
  readonly nodes: Int32Array;
  /** Next hops of each visited node: hopBuf[hopAt[v] .. hopAt[v] + hopCount[v]). */
  readonly hopAt: Int32Array;
  readonly hopCount: Int32Array;
  readonly hopBuf: Int32Array;
  constructor(n: number, m: number) {
    this.share = new Float64Array(n);
    this.mark = new Uint8Array(n);
    this.nodes = new Int32Array(n);
    this.hopAt = new Int32Array(n);
    this.hopCount = new Int32Array(n);
    this.hopBuf = new Int32Array(m);
  }
}

/** Adds `amount` × the view's cached ECMP leg src → dest to `acc`; false (nothing added) if unreachable. */
export function spreadEcmp(
  view: SpreadView,
  src: number,
  dest: number,
  amount: number,
  acc: ArcAccumulator,
): boolean {
  if (src === dest) return view.dist(dest)[src] === 0;
  const leg = view.leg(src, dest);
  if (leg === null) return false;
  for (let i = 0; i < leg.arcs.length; i++) acc.add(leg.arcs[i]!, amount * leg.frac[i]!);
  return true;
}

/**
 * Sends `amount` from `src` to `dest` over every IGP shortest path, split evenly over the equal-cost next hops
 * at each node (parallel links are separate next hops), adding each arc's share to `acc`. Returns false, adding
 * nothing, when dest is unreachable from src in the view.
 */
export function spreadRaw(
  view: SpreadView,
  src: number,
  dest: number,
  amount: number,
  acc: ArcAccumulator,
  s: SpreadScratch,
): boolean {
  const source = view.nextHops(dest);
  const dist = source.dist;
  if (dist[src] === Infinity) return false;
  if (src === dest) return true;
  const arcTo = view.index.g.arcTo;
  let count = 1;
  let used = 0;
  const nodes = s.nodes;
  const buf = s.hopBuf;
  nodes[0] = src;
  s.mark[src] = 1;
  for (let i = 0; i < count; i++) {
    const u = nodes[i]!;
    const c = u === dest ? 0 : source.hops(u, buf, used);
    s.hopAt[u] = used;
    s.hopCount[u] = c;
    used += c;
    for (let k = s.hopAt[u]; k < used; k++) {
      const v = arcTo[buf[k]!]!;
      if (s.mark[v] === 0) {
        s.mark[v] = 1;
        nodes[count++] = v;
      }
    }
  }
  sortByDistDesc(nodes, count, dist);
  s.share[src] = amount;
  for (let i = 0; i < count; i++) {
    const u = nodes[i]!;
    s.mark[u] = 0;
    const flow = s.share[u]!;
    s.share[u] = 0;
    const hops = s.hopCount[u]!;
    if (u === dest || flow === 0 || hops === 0) continue;
    const part = flow / hops;
    for (let k = s.hopAt[u]!; k < s.hopAt[u]! + hops; k++) {
      const a = buf[k]!;
      acc.add(a, part);
      s.share[arcTo[a]!]! += part;
    }
  }
  return true;
}

/** Farthest from the destination first (a topological order of the DAG), ties by node index. */
function sortByDistDesc(nodes: Int32Array, count: number, dist: Float64Array): void {
  if (count > 64) {
    const sorted = Array.from(nodes.subarray(0, count)).sort((x, y) => dist[y]! - dist[x]! || x - y);
    nodes.set(sorted);
    return;
  }
  for (let i = 1; i < count; i++) {
    const v = nodes[i]!;
    const dv = dist[v]!;
    let j = i - 1;
    while (j >= 0 && (dist[nodes[j]!]! < dv || (dist[nodes[j]!]! === dv && nodes[j]! > v))) {
      nodes[j + 1] = nodes[j]!;
      j--;
    }
    nodes[j + 1] = v;
  }
}
