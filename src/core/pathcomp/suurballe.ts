import type { CompactGraph } from './compact-graph';
import { MinHeap } from './min-heap';

/**
 * Suurballe / Bhandari as a two-unit min-cost flow: the cheapest pair of link-disjoint (or, with node
 * splitting, node-disjoint) s→t paths minimising their total cost. Two Dijkstra runs with Johnson potentials
 * on the residual network. A link's two directions are separate unit arcs; when the flow uses both, they are
 * cancelled (with non-negative weights that never raises the cost), so the pair shares no link in any direction.
 *
 * With `partial`, every arc (and node) gets a second unit at a penalty M larger than any path pair's cost,
 * so the flow always exists and minimises first the number of shared elements, then the total cost.
 */
export function minCostPathPair(
  g: CompactGraph,
  w: Float64Array,
  allowed: Uint8Array,
  s: number,
  t: number,
  mode: 'link' | 'node',
  partial = false,
): [number[], number[]] | null {
  const copies = partial ? 2 : 1;
  const net = new FlowNetwork(mode === 'node' ? 2 * g.n : g.n, copies * (g.m + (mode === 'node' ? g.n : 0)));
  let total = 0;
  for (let a = 0; a < g.m; a++) if (allowed[a]) total += w[a]!;
  const penalty = 2 * total + 1;
  const out = (v: number): number => (mode === 'node' ? v + g.n : v);
  if (mode === 'node') {
    for (let v = 0; v < g.n; v++) {
      const ends = v === s || v === t;
      net.add(v, v + g.n, ends ? 2 : 1, 0, -1);
      if (partial && !ends) net.add(v, v + g.n, 1, penalty, -1);
    }
  }
  for (let a = 0; a < g.m; a++) {
    if (!allowed[a]) continue;
    net.add(out(g.arcFrom[a]!), g.arcTo[a]!, 1, w[a]!, a);
    if (partial) net.add(out(g.arcFrom[a]!), g.arcTo[a]!, 1, w[a]! + penalty, a);
  }
  net.freeze();
  if (!net.augment(out(s), t) || !net.augment(out(s), t)) return null;
  const flow = net.arcFlow(g.m);
  for (let a = 0; a < g.m; a++) {
    const b = g.arcTwin[a]!;
    if (b > a && flow[a]! > 0 && flow[b]! > 0) {
      const k = Math.min(flow[a]!, flow[b]!);
      flow[a]! -= k;
      flow[b]! -= k;
    }
  }
  const p = walk(g, flow, s, t);
  const q = p && walk(g, flow, s, t);
  return p && q ? [p, q] : null;
}

/** Follows flow from s to t, consuming it and cutting any loop it runs into. */
function walk(g: CompactGraph, flow: Int32Array, s: number, t: number): number[] | null {
  const path: number[] = [];
  const at = new Map<number, number>([[s, 0]]);
  for (let u = s, steps = 0; u !== t; steps++) {
    if (steps > g.m) return null;
    let next = -1;
    for (let i = g.outStart[u]!; i < g.outStart[u + 1]! && next < 0; i++) {
      if (flow[g.outArc[i]!]! > 0) next = g.outArc[i]!;
    }
    if (next < 0) return null;
    flow[next]!--;
    path.push(next);
    u = g.arcTo[next]!;
    const seen = at.get(u);
    if (seen === undefined) at.set(u, path.length);
    else {
      for (const a of path.splice(seen)) if (g.arcTo[a] !== u) at.delete(g.arcTo[a]!);
    }
  }
  return path;
}

/** A residual network: edge e and its reverse e ^ 1 (capacity 0, negated cost), in preallocated typed arrays. */
class FlowNetwork {
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly cost: Float64Array;
  private readonly arc: Int32Array;
  private readonly cap: Int32Array;
  private size = 0;
  private start!: Int32Array;
  private list!: Int32Array;
  private readonly pi: Float64Array;

  constructor(
    private readonly n: number,
    maxEdges: number,
  ) {
    this.pi = new Float64Array(n);
    this.from = new Int32Array(2 * maxEdges);
    this.to = new Int32Array(2 * maxEdges);
    this.cost = new Float64Array(2 * maxEdges);
    this.arc = new Int32Array(2 * maxEdges);
    this.cap = new Int32Array(2 * maxEdges);
  }

  add(u: number, v: number, cap: number, cost: number, arc: number): void {
    const e = this.size;
    this.size += 2;
    this.from[e] = u;
    this.to[e] = v;
    this.cost[e] = cost;
    this.arc[e] = arc;
    this.cap[e] = cap;
    this.from[e + 1] = v;
    this.to[e + 1] = u;
    this.cost[e + 1] = -cost;
    this.arc[e + 1] = -1;
    this.cap[e + 1] = 0;
  }

  freeze(): void {
    this.start = new Int32Array(this.n + 1);
    for (let e = 0; e < this.size; e++) this.start[this.from[e]! + 1]!++;
    for (let v = 0; v < this.n; v++) this.start[v + 1]! += this.start[v]!;
    const fill = this.start.slice(0, this.n);
    this.list = new Int32Array(this.size);
    for (let e = 0; e < this.size; e++) this.list[fill[this.from[e]!]!++] = e;
  }

  /** One unit along the cheapest residual path (Dijkstra on reduced costs); false when t is unreachable. */
  augment(s: number, t: number): boolean {
    const dist = new Float64Array(this.n).fill(Infinity);
    const pred = new Int32Array(this.n).fill(-1);
    const heap = new MinHeap(this.size + 1);
    dist[s] = 0;
    heap.push(0, s);
    while (heap.size > 0) {
      const key = heap.peekKey();
      const u = heap.pop();
      if (key > dist[u]!) continue;
      if (u === t) break;
      for (let i = this.start[u]!; i < this.start[u + 1]!; i++) {
        const e = this.list[i]!;
        if (this.cap[e]! <= 0) continue;
        const v = this.to[e]!;
        const d = key + Math.max(0, this.cost[e]! + this.pi[u]! - this.pi[v]!);
        if (d < dist[v]!) {
          dist[v] = d;
          pred[v] = e;
          heap.push(d, v);
        }
      }
    }
    if (dist[t] === Infinity) return false;
    // Johnson potentials; nodes not settled before t keep a valid (capped) potential.
    const dt = dist[t]!;
    for (let v = 0; v < this.n; v++) this.pi[v]! += Math.min(dist[v]!, dt);
    for (let v = t; v !== s; v = this.from[pred[v]!]!) {
      this.cap[pred[v]!]!--;
      this.cap[pred[v]! ^ 1]!++;
    }
    return true;
  }

  /** Units of flow on each original arc. */
  arcFlow(m: number): Int32Array {
    const flow = new Int32Array(m);
    for (let e = 0; e < this.size; e += 2) if (this.arc[e]! >= 0) flow[this.arc[e]!]! += this.cap[e + 1]!;
    return flow;
  }
}
