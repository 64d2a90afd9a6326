import type { CompactGraph } from './compact-graph';
import { MinHeap } from './min-heap';

/** A path as arc indices of a CompactGraph, with its cost under the weights it was found with. */
export interface FoundPath {
  readonly arcs: readonly number[];
  readonly cost: number;
}

/** Per-graph scratch arrays, stamped with an epoch so a search never has to clear them. */
class Workspace {
  readonly dist: Float64Array;
  readonly pred: Int32Array;
  readonly stamp: Uint32Array;
  readonly heap: MinHeap;
  epoch = 0;

  constructor(n: number, m: number) {
    this.dist = new Float64Array(n);
    this.pred = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.heap = new MinHeap(m + 1);
  }

  next(): number {
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    this.heap.clear();
    return ++this.epoch;
  }
}

const workspaces = new WeakMap<CompactGraph, Workspace>();

function workspace(g: CompactGraph): Workspace {
  let ws = workspaces.get(g);
  if (!ws) {
    ws = new Workspace(g.n, g.m);
    workspaces.set(g, ws);
  }
  return ws;
}

/**
 * Point-to-point Dijkstra (binary heap, lazy deletion, stops when the target is settled) over the arcs with
 * allowed[a] = 1 (all when null), never entering a node with banned[v] = 1. Weights must be >= 0.
 */
export function shortestPath(
  g: CompactGraph,
  w: Float64Array,
  allowed: Uint8Array | null,
  source: number,
  target: number,
  banned: Uint8Array | null = null,
): FoundPath | null {
  const ws = workspace(g);
  const epoch = ws.next();
  const { dist, pred, stamp, heap } = ws;
  const { outStart, outArc, arcTo } = g;
  stamp[source] = epoch;
  dist[source] = 0;
  pred[source] = -1;
  heap.push(0, source);
  while (heap.size > 0) {
    const key = heap.peekKey();
    const u = heap.pop();
    if (key > dist[u]!) continue;
    if (u === target) break;
    const end = outStart[u + 1]!;
    for (let i = outStart[u]!; i < end; i++) {
      const a = outArc[i]!;
      if (allowed !== null && allowed[a] === 0) continue;
      const v = arcTo[a]!;
      if (banned !== null && banned[v] !== 0) continue;
      const d = key + w[a]!;
      if (stamp[v] !== epoch || d < dist[v]!) {
        stamp[v] = epoch;
        dist[v] = d;
        pred[v] = a;
        heap.push(d, v);
      }
    }
  }
  if (stamp[target] !== epoch) return null;
  const arcs: number[] = [];
  for (let v = target; v !== source; v = g.arcFrom[pred[v]!]!) arcs.push(pred[v]!);
  arcs.reverse();
  return { arcs, cost: dist[target]! };
}

/**
 * Single-source distances over the allowed arcs: from `root` along arcs, or (reverse) to `root` against them.
 * Unreachable nodes get Infinity. With a `limit`, the search stops once it would settle a node farther than
 * that, and every unsettled node gets the distance it stopped at: still a valid lower bound, which is all
 * the constrained search needs from far-away nodes.
 */
export function distanceTree(
  g: CompactGraph,
  w: Float64Array,
  allowed: Uint8Array | null,
  root: number,
  reverse = false,
  /** When given, filled with each node's tree arc (towards the root when reverse), -1 for none. */
  tree: Int32Array | null = null,
  limit = Infinity,
): Float64Array {
  const dist = new Float64Array(g.n).fill(Infinity);
  const settled = new Uint8Array(g.n);
  tree?.fill(-1);
  const heap = new MinHeap(g.m + 1);
  const start = reverse ? g.inStart : g.outStart;
  const list = reverse ? g.inArc : g.outArc;
  const other = reverse ? g.arcFrom : g.arcTo;
  dist[root] = 0;
  heap.push(0, root);
  while (heap.size > 0) {
    const key = heap.peekKey();
    const u = heap.pop();
    if (key > dist[u]! || settled[u]) continue;
    if (key > limit) {
      for (let v = 0; v < g.n; v++) if (!settled[v]) dist[v] = key;
      break;
    }
    settled[u] = 1;
    const end = start[u + 1]!;
    for (let i = start[u]!; i < end; i++) {
      const a = list[i]!;
      if (allowed !== null && allowed[a] === 0) continue;
      const v = other[a]!;
      const d = key + w[a]!;
      if (d < dist[v]!) {
        dist[v] = d;
        if (tree !== null) tree[v] = a;
        heap.push(d, v);
      }
    }
  }
  return dist;
}

/** Nodes reachable from `root` (or, reverse, that reach it) over the allowed arcs. */
export function reachable(
  g: CompactGraph,
  allowed: Uint8Array | null,
  root: number,
  reverse = false,
): Uint8Array {
  const seen = new Uint8Array(g.n);
  const start = reverse ? g.inStart : g.outStart;
  const list = reverse ? g.inArc : g.outArc;
  const other = reverse ? g.arcFrom : g.arcTo;
  const stack = [root];
  seen[root] = 1;
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let i = start[u]!; i < start[u + 1]!; i++) {
      const a = list[i]!;
      if (allowed !== null && allowed[a] === 0) continue;
      const v = other[a]!;
      if (seen[v] === 0) {
        seen[v] = 1;
        stack.push(v);
      }
    }
  }
  return seen;
}

/** Sum of weights over a path's arcs. */
export function pathCost(w: Float64Array, arcs: readonly number[]): number {
  let c = 0;
  for (const a of arcs) c += w[a]!;
  return c;
}
