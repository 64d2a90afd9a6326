import { ArcAccumulator } from './arc-accumulator';
import { SpreadScratch, spreadRaw } from './ecmp-spread';
import { RepairScratch, repairDistances } from './spf-repair';
import type { TwinIndex } from './twin-index';

/** Next-hop arcs of node v toward one destination: arcs[start[v] .. start[v+1]), with the distances. */
export interface NextHops {
  readonly dist: Float64Array;
  readonly start: Int32Array;
  readonly arcs: Int32Array;
}

/** Where one unit from src to dest goes under IGP ECMP: arcs and fractions, or null when unreachable. */
export type Leg = { readonly arcs: Int32Array; readonly frac: Float64Array } | null;

/**
 * IGP forwarding state of one scenario: which arcs are usable, their metrics, distances per destination and
 * ECMP legs (src → dest spreads), each computed on first use and cached. A view derived from a parent by
 * failures only (same metrics) repairs the parent's distances incrementally (spf-repair) and reuses every
 * parent leg that crosses no arc that went down (its shortest paths, hence its split, are unchanged).
 */
export class RoutingView {
  readonly n: number;
  private readonly dists: (Float64Array | undefined)[];
  private readonly legs = new Map<number, Leg>();
  private readonly hops: (NextHops | undefined)[];
  private work: { acc: ArcAccumulator; scratch: SpreadScratch; repair: RepairScratch } | undefined;

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
    this.hops = new Array<NextHops | undefined>(this.n);
  }

  /** The equal-cost next-hop arcs of every node toward dest (CSR over nodes), cached. */
  nextHops(dest: number): NextHops {
    let h = this.hops[dest];
    if (!h) this.hops[dest] = h = this.buildHops(this.dist(dest));
    return h;
  }

  private buildHops(dist: Float64Array): NextHops {
    const { n, m, arcFrom, arcTo } = this.index.g;
    const w = this.weights;
    const up = this.up;
    const start = new Int32Array(n + 1);
    const on = new Uint8Array(m);
    let total = 0;
    for (let a = 0; a < m; a++) {
      if (up[a] === 0) continue;
      const dv = dist[arcTo[a]!]!;
      if (dv === Infinity) continue;
      const du = dist[arcFrom[a]!]!;
      const via = dv + w[a]!;
      if (du === via || Math.abs(du - via) <= 1e-9 * Math.max(1, du)) {
        on[a] = 1;
        start[arcFrom[a]! + 1]!++;
        total++;
      }
    }
    for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, n);
    const arcs = new Int32Array(total);
    for (let a = 0; a < m; a++) if (on[a] === 1) arcs[fill[arcFrom[a]!]!++] = a;
    return { dist, start, arcs };
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

  /** The ECMP spread of one unit from src to dest (cached). */
  leg(src: number, dest: number): Leg {
    const key = src * this.n + dest;
    let leg = this.legs.get(key);
    if (leg !== undefined) return leg;
    const inherited = this.parent?.leg(src, dest);
    if (inherited !== undefined && inherited !== null && this.allUp(inherited.arcs)) leg = inherited;
    else {
      const w = this.scratch();
      leg = spreadRaw(this, src, dest, 1, w.acc, w.scratch) ? w.acc.drain() : (w.acc.clear(), null);
    }
    this.legs.set(key, leg);
    return leg;
  }

  private allUp(arcs: Int32Array): boolean {
    for (let i = 0; i < arcs.length; i++) if (this.up[arcs[i]!] === 0) return false;
    return true;
  }

  private scratch(): { acc: ArcAccumulator; scratch: SpreadScratch; repair: RepairScratch } {
    const { n, m } = this.index.g;
    this.work ??= {
      acc: new ArcAccumulator(m),
      scratch: new SpreadScratch(n),
      repair: new RepairScratch(n, m),
    };
    return this.work;
  }

  private compute(dest: number): Float64Array {
    const ix = this.index;
    if (this.parent) {
      const pd = this.parent.dist(dest);
      return repairDistances(ix, pd, this.up, this.weights, this.newlyDown, this.scratch().repair);
    }
    if (this.weights === ix.g.igp && this.up.every((x) => x === 1)) return ix.distAllUp(dest);
    return ix.distUnder(dest, this.up, this.weights);
  }
}
