import type { TwinIndex } from './twin-index';

/**
 * IGP forwarding state of one scenario: which arcs are usable, their metrics, and distances per destination.
 * A view derived from a parent by failures only (same metrics) reuses the parent's distances to a destination
 * whenever every newly failed arc on that destination's shortest-path DAG leaves its tail another equal-cost
 * next hop: then no distance changes, only next hops disappear. Otherwise it runs a reverse Dijkstra.
 */
export class RoutingView {
  readonly n: number;
  private readonly dists: (Float64Array | undefined)[];

  constructor(
    readonly index: TwinIndex,
    /** 1 where the arc forwards. */
    readonly up: Uint8Array,
    /** Per-arc IGP metrics (the topology's unless a change set overrides some). */
    readonly weights: Float64Array,
    /** For a view derived by failures: the parent and the arcs down here but up there. */
    private readonly parent: RoutingView | null = null,
    private readonly newlyDown: Int32Array = new Int32Array(0),
  ) {
    this.n = index.g.n;
    this.dists = new Array<Float64Array | undefined>(this.n);
  }

  static allUpMetrics(index: TwinIndex, up: Uint8Array): RoutingView {
    return new RoutingView(index, up, index.g.igp);
  }

  /** A view of this one with more arcs down (same metrics). */
  withFailures(up: Uint8Array, newlyDown: Int32Array): RoutingView {
    return new RoutingView(this.index, up, this.weights, this, newlyDown);
  }

  dist(dest: number): Float64Array {
    let d = this.dists[dest];
    if (!d) this.dists[dest] = d = this.compute(dest);
    return d;
  }

  private compute(dest: number): Float64Array {
    const ix = this.index;
    if (this.parent) {
      const pd = this.parent.dist(dest);
      if (this.unchangedBy(pd)) return pd;
      return ix.distUnder(dest, this.up, this.weights);
    }
    if (this.weights === ix.g.igp && this.up.every((x) => x === 1)) return ix.distAllUp(dest);
    return ix.distUnder(dest, this.up, this.weights);
  }

  /** True when removing newlyDown leaves every node of the parent's DAG toward dest an equal-cost next hop. */
  private unchangedBy(pd: Float64Array): boolean {
    const g = this.index.g;
    for (let i = 0; i < this.newlyDown.length; i++) {
      const a = this.newlyDown[i]!;
      const u = g.arcFrom[a]!;
      if (!onDag(pd, this.weights, g.arcTo[a]!, u, a)) continue;
      let alternative = false;
      for (let k = g.outStart[u]!; k < g.outStart[u + 1]! && !alternative; k++) {
        const b = g.outArc[k]!;
        alternative = this.up[b] === 1 && onDag(pd, this.weights, g.arcTo[b]!, u, b);
      }
      if (!alternative) return false;
    }
    return true;
  }

  /** Whether arc a (u → v) is an equal-cost next hop of u toward the destination of `dist`. */
  isNextHop(dist: Float64Array, a: number): boolean {
    const g = this.index.g;
    return this.up[a] === 1 && onDag(dist, this.weights, g.arcTo[a]!, g.arcFrom[a]!, a);
  }
}

function onDag(dist: Float64Array, w: Float64Array, v: number, u: number, a: number): boolean {
  const dv = dist[v]!;
  if (dv === Infinity) return false;
  const du = dist[u]!;
  const via = dv + w[a]!;
  return du === via || Math.abs(du - via) <= 1e-9 * Math.max(1, du);
}
