import type { SimNetwork } from './sim-network';

const INF = Number.POSITIVE_INFINITY;

/**
 * The simulated routers' IGP: shortest paths on igpMetric over the arcs that are up, computed per
 * destination (reverse Dijkstra) on demand and cached until a topology change can affect that destination. ECMP next hops of a node
 * towards a destination are all up arcs on a shortest path, in arc-id order.
 */
export class IgpRouting {
  /** 1 while an arc (and both its end nodes) can carry traffic. */
  readonly arcUsable: Uint8Array;
  private readonly cache = new Map<number, Float64Array>();
  private readonly version: Uint32Array;
  private readonly heapKey: Float64Array;
  private readonly heapVal: Int32Array;

  constructor(private readonly net: SimNetwork) {
    this.arcUsable = new Uint8Array(net.arcCount).fill(1);
    this.version = new Uint32Array(net.nodeCount);
    this.heapKey = new Float64Array(net.arcCount + net.nodeCount + 1);
    this.heapVal = new Int32Array(net.arcCount + net.nodeCount + 1);
  }

  /**
   * Sets which arcs are usable (arc up and both end nodes up). Only destinations whose shortest-path DAG the
   * change can alter are recomputed: a lost arc that was on a shortest path, or a new arc that is at least as
   * short as the current route. Returns whether anything changed.
   */
  update(arcUp: Uint8Array, nodeUp: Uint8Array): boolean {
    const changed: number[] = [];
    for (let a = 0; a < this.net.arcCount; a++) {
      const u = arcUp[a]! & nodeUp[this.net.arcFrom[a]!]! & nodeUp[this.net.arcTo[a]!]!;
      if (u !== this.arcUsable[a]) {
        this.arcUsable[a] = u;
        changed.push(a);
      }
    }
    if (changed.length === 0) return false;
    for (const [dest, dist] of this.cache) {
      if (this.affects(changed, dist)) {
        this.cache.delete(dest);
        this.version[dest]!++;
      }
    }
    return true;
  }

  /** Bumped whenever the routes towards `dest` may have changed. */
  destVersion(dest: number): number {
    return this.version[dest]!;
  }

  private affects(changed: readonly number[], dist: Float64Array): boolean {
    const { arcFrom, arcTo, arcMetric } = this.net;
    for (const a of changed) {
      const viaTo = arcMetric[a]! + dist[arcTo[a]!]!;
      const from = dist[arcFrom[a]!]!;
      if (this.arcUsable[a] ? viaTo <= from && viaTo !== INF : viaTo === from && from !== INF) return true;
    }
    return false;
  }

  /** IGP distance of every node to `dest` (Infinity when unreachable). */
  distancesTo(dest: number): Float64Array {
    let dist = this.cache.get(dest);
    if (!dist) {
      dist = this.dijkstraTo(dest);
      this.cache.set(dest, dist);
    }
    return dist;
  }

  /** Writes the ECMP next-hop arcs of `node` towards `dest` into `out`; returns how many. */
  nextHops(node: number, dest: number, out: Int32Array): number {
    const dist = this.distancesTo(dest);
    const d = dist[node]!;
    if (node === dest || d === INF) return 0;
    const { outStart, outArcs, arcTo, arcMetric } = this.net;
    let k = 0;
    for (let i = outStart[node]!; i < outStart[node + 1]!; i++) {
      const a = outArcs[i]!;
      if (this.arcUsable[a] && arcMetric[a]! + dist[arcTo[a]!]! === d && k < out.length) out[k++] = a;
    }
    return k;
  }

  private dijkstraTo(dest: number): Float64Array {
    const { inStart, inArcs, arcFrom, arcMetric } = this.net;
    const dist = new Float64Array(this.net.nodeCount).fill(INF);
    const keys = this.heapKey;
    const vals = this.heapVal;
    let size = 0;
    const push = (k: number, v: number): void => {
      let i = size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (keys[p]! <= k) break;
        keys[i] = keys[p]!;
        vals[i] = vals[p]!;
        i = p;
      }
      keys[i] = k;
      vals[i] = v;
    };
    const pop = (): number => {
      const top = vals[0]!;
      const k = keys[--size]!;
      const v = vals[size]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && keys[c + 1]! < keys[c]!) c++;
        if (keys[c]! >= k) break;
        keys[i] = keys[c]!;
        vals[i] = vals[c]!;
        i = c;
      }
      keys[i] = k;
      vals[i] = v;
      return top;
    };
    dist[dest] = 0;
    push(0, dest);
    const done = new Uint8Array(this.net.nodeCount);
    while (size > 0) {
      const u = pop();
      if (done[u]) continue;
      done[u] = 1;
      const du = dist[u]!;
      for (let i = inStart[u]!; i < inStart[u + 1]!; i++) {
        const a = inArcs[i]!;
        if (!this.arcUsable[a]) continue;
        const x = arcFrom[a]!;
        const nd = du + arcMetric[a]!;
        if (nd < dist[x]!) {
          dist[x] = nd;
          push(nd, x);
        }
      }
    }
    return dist;
  }
}
