import { MinHeapLite } from './min-heap-lite';
import type { TwinIndex } from './twin-index';

/** Scratch space for repairs on one index (reused; `epoch` avoids clearing between calls). */
export class RepairScratch {
  readonly cnt: Int32Array;
  readonly cntEpoch: Int32Array;
  /** How many nodes were affected when a node's count was taken (its count already excludes those). */
  readonly cntAt: Int32Array;
  readonly affected: Int32Array;
  readonly list: Int32Array;
  readonly heap: MinHeapLite;
  epoch = 0;
  constructor(n: number, m: number) {
    this.cnt = new Int32Array(n);
    this.cntEpoch = new Int32Array(n).fill(-1);
    this.cntAt = new Int32Array(n);
    this.affected = new Int32Array(n).fill(-1);
    this.list = new Int32Array(n);
    this.heap = new MinHeapLite(n + m + 1);
  }
}

const onDag = (dist: Float64Array, w: Float64Array, u: number, v: number, a: number): boolean => {
  const dv = dist[v]!;
  if (dv === Infinity) return false;
  const du = dist[u]!;
  const via = dv + w[a]!;
  return du === via || Math.abs(du - via) <= 1e-9 * Math.max(1, du);
};

/**
 * Distances to a destination after some arcs went down, repaired from the distances before (incremental
 * SPF): the affected nodes are those left with no equal-cost next hop to an unaffected node (found by
 * counting, propagating up the old DAG); only they are re-settled by a Dijkstra seeded from their arcs into
 * unaffected nodes. Returns `before` itself when no distance changes.
 */
export function repairDistances(
  index: TwinIndex,
  before: Float64Array,
  up: Uint8Array,
  w: Float64Array,
  newlyDown: Int32Array,
  s: RepairScratch,
  /** Receives the nodes whose distance was re-settled (only called when some were). */
  onAffected?: (nodes: Int32Array) => void,
): Float64Array {
  const g = index.g;
  const e = ++s.epoch;
  let count = 0;
  const goodHops = (x: number): number => {
    let c = 0;
    for (let k = g.outStart[x]!; k < g.outStart[x + 1]!; k++) {
      const b = g.outArc[k]!;
      const y = g.arcTo[b]!;
      if (up[b] === 1 && s.affected[y] !== e && onDag(before, w, x, y, b)) c++;
    }
    return c;
  };
  const markIfDead = (x: number): void => {
    if (s.affected[x] === e) return;
    if (s.cntEpoch[x] !== e) {
      s.cntEpoch[x] = e;
      s.cntAt[x] = count;
      s.cnt[x] = goodHops(x);
    }
    if (s.cnt[x] === 0) {
      s.affected[x] = e;
      s.list[count++] = x;
    }
  };
  for (const a of newlyDown) {
    if (onDag(before, w, g.arcFrom[a]!, g.arcTo[a]!, a)) markIfDead(g.arcFrom[a]!);
  }
  for (let i = 0; i < count; i++) {
    const y = s.list[i]!;
    for (let k = g.inStart[y]!; k < g.inStart[y + 1]!; k++) {
      const b = g.inArc[k]!;
      const x = g.arcFrom[b]!;
      if (up[b] === 0 || s.affected[x] === e || !onDag(before, w, x, y, b)) continue;
      // a count taken after y was affected already left out every arc into y (parallel arcs included)
      if (s.cntEpoch[x] === e && i >= s.cntAt[x]!) s.cnt[x]!--;
      markIfDead(x);
    }
  }
  if (count === 0) return before;
  onAffected?.(s.list.slice(0, count));
  const d = before.slice();
  for (let i = 0; i < count; i++) d[s.list[i]!] = Infinity;
  const heap = s.heap;
  heap.clear();
  for (let i = 0; i < count; i++) {
    const x = s.list[i]!;
    let best = Infinity;
    for (let k = g.outStart[x]!; k < g.outStart[x + 1]!; k++) {
      const b = g.outArc[k]!;
      const y = g.arcTo[b]!;
      if (up[b] === 1 && s.affected[y] !== e) best = Math.min(best, w[b]! + before[y]!);
    }
    if (best < Infinity) {
      d[x] = best;
      heap.push(best, x);
    }
  }
  while (heap.size > 0) {
    const key = heap.peekKey();
    const x = heap.pop();
    if (key > d[x]!) continue;
    for (let k = g.inStart[x]!; k < g.inStart[x + 1]!; k++) {
      const b = g.inArc[k]!;
      const z = g.arcFrom[b]!;
      if (up[b] === 0 || s.affected[z] !== e) continue;
      const nd = key + w[b]!;
      if (nd < d[z]!) {
        d[z] = nd;
        heap.push(nd, z);
      }
    }
  }
  return d;
}
