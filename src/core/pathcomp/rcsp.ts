import type { CompactGraph } from './compact-graph';
import type { FoundPath } from './dijkstra';
import { MinHeap } from './min-heap';

/** Lower bounds on what is still needed to reach the target from each node (reverse Dijkstra distances). */
export interface TargetBounds {
  readonly cost: Float64Array;
  readonly delay: Float64Array;
  readonly hops: Float64Array;
}

export interface Budget {
  readonly delay: number;
  readonly hops: number;
}

/** Resource bounds tolerate floating-point rounding of summed delays. */
export const within = (x: number, bound: number): boolean => x <= bound + 1e-9 * Math.max(1, Math.abs(bound));

/** Growable label storage: one label = a path prefix ending at `node`, linked to its predecessor label. */
class Labels {
  node = new Int32Array(256);
  cost = new Float64Array(256);
  delay = new Float64Array(256);
  hops = new Int32Array(256);
  prev = new Int32Array(256);
  arc = new Int32Array(256);
  next = new Int32Array(256);
  dead = new Uint8Array(256);
  size = 0;

  add(
    node: number,
    cost: number,
    delay: number,
    hops: number,
    prev: number,
    arc: number,
    next: number,
  ): number {
    if (this.size === this.node.length) this.grow();
    const i = this.size++;
    this.node[i] = node;
    this.cost[i] = cost;
    this.delay[i] = delay;
    this.hops[i] = hops;
    this.prev[i] = prev;
    this.arc[i] = arc;
    this.next[i] = next;
    this.dead[i] = 0;
    return i;
  }

  private grow(): void {
    const n = this.node.length * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.node = g(this.node, (k) => new Int32Array(k));
    this.cost = g(this.cost, (k) => new Float64Array(k));
    this.delay = g(this.delay, (k) => new Float64Array(k));
    this.hops = g(this.hops, (k) => new Int32Array(k));
    this.prev = g(this.prev, (k) => new Int32Array(k));
    this.arc = g(this.arc, (k) => new Int32Array(k));
    this.next = g(this.next, (k) => new Int32Array(k));
    this.dead = g(this.dead, (k) => new Uint8Array(k));
  }
}

/**
 * Exact resource-constrained shortest path: minimum cost (weights w) from source to target with total delay
 * and hop count within the budget. Label setting in A* order (key = cost + lower bound of the remaining cost,
 * which is admissible, so the first label settled at the target is optimal), Pareto dominance over
 * (cost, delay, hops) per node, and pruning of every label that cannot meet a bound even on its fastest /
 * shortest completion, or whose cost plus remaining lower bound cannot beat a known feasible path. Weights must
 * be >= 0; with dominance on all tracked resources no cycle survives.
 */
export function labelSetting(
  g: CompactGraph,
  w: Float64Array,
  allowed: Uint8Array | null,
  banned: Uint8Array | null,
  source: number,
  target: number,
  budget: Budget,
  lb: TargetBounds,
  /** Cost of a known feasible path: labels that cannot beat it are pruned (null then means "none better"). */
  upper = Infinity,
): FoundPath | null {
  const useDelay = budget.delay !== Infinity;
  const useHops = budget.hops !== Infinity;
  if (lb.cost[source] === Infinity) return null;
  if (useDelay && !within(lb.delay[source]!, budget.delay)) return null;
  if (useHops && lb.hops[source]! > budget.hops) return null;
  const L = new Labels();
  const head = new Int32Array(g.n).fill(-1);
  const heap = new MinHeap(256);
  head[source] = L.add(source, 0, 0, 0, -1, -1, -1);
  heap.push(lb.cost[source]!, head[source]);
  const { outStart, outArc, arcTo } = g;
  while (heap.size > 0) {
    const k = heap.pop();
    if (L.dead[k]) continue;
    const u = L.node[k]!;
    if (u === target) return trace(L, k);
    for (let i = outStart[u]!; i < outStart[u + 1]!; i++) {
      const a = outArc[i]!;
      if (allowed !== null && allowed[a] === 0) continue;
      const v = arcTo[a]!;
      if ((banned !== null && banned[v] !== 0) || lb.cost[v] === Infinity) continue;
      const c = L.cost[k]! + w[a]!;
      const d = L.delay[k]! + g.delay[a]!;
      const h = L.hops[k]! + 1;
      if (useDelay && !within(d + lb.delay[v]!, budget.delay)) continue;
      if (useHops && h + lb.hops[v]! > budget.hops) continue;
      if (c + lb.cost[v]! >= upper) continue;
      if (!admit(L, head, v, c, useDelay ? d : 0, useHops ? h : 0, useDelay, useHops)) continue;
      head[v] = L.add(v, c, d, h, k, a, head[v]!);
      heap.push(c + lb.cost[v]!, head[v]);
    }
  }
  return null;
}

/** False when a label at v already dominates (c, d, h); otherwise retires the labels the new one dominates. */
function admit(
  L: Labels,
  head: Int32Array,
  v: number,
  c: number,
  d: number,
  h: number,
  useDelay: boolean,
  useHops: boolean,
): boolean {
  for (let j = head[v]!; j !== -1; j = L.next[j]!) {
    if (L.dead[j]) continue;
    if (L.cost[j]! <= c && (!useDelay || L.delay[j]! <= d) && (!useHops || L.hops[j]! <= h)) return false;
  }
  let prev = -1;
  for (let j = head[v]!; j !== -1; j = L.next[j]!) {
    if (!L.dead[j] && L.cost[j]! >= c && (!useDelay || L.delay[j]! >= d) && (!useHops || L.hops[j]! >= h)) {
      L.dead[j] = 1;
    }
    if (L.dead[j]) {
      if (prev === -1) head[v] = L.next[j]!;
      else L.next[prev] = L.next[j]!;
    } else prev = j;
  }
  return true;
}

function trace(L: Labels, k: number): FoundPath {
  const arcs: number[] = [];
  for (let j = k; L.prev[j] !== -1; j = L.prev[j]!) arcs.push(L.arc[j]!);
  arcs.reverse();
  return { arcs, cost: L.cost[k]! };
}
