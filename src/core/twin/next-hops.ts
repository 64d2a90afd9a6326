import type { CompactGraph } from '../pathcomp';

/** Where one unit from src to dest goes under IGP ECMP: arcs and fractions, or null when unreachable. */
export type Leg = { readonly arcs: Int32Array; readonly frac: Float64Array } | null;

/** What spreading needs of a routing view (kept here so spreading and the view do not import each other). */
export interface SpreadView {
  readonly index: { readonly g: CompactGraph };
  dist(dest: number): Float64Array;
  nextHops(dest: number): HopSource;
  leg(src: number, dest: number): Leg;
}

/** Equal-cost next hops toward one destination, node by node, with the distances they follow. */
export interface HopSource {
  readonly dist: Float64Array;
  /** Writes node x's next-hop arcs into `out` and returns how many. */
  hops(x: number, out: Int32Array, at: number): number;
}

/** Next hops of every node in CSR form (built once per destination in an unrepaired view). */
export class CsrHops implements HopSource {
  constructor(
    readonly dist: Float64Array,
    private readonly start: Int32Array,
    private readonly arcs: Int32Array,
  ) {}

  static build(g: CompactGraph, dist: Float64Array, up: Uint8Array, w: Float64Array): CsrHops {
    const { n, m, arcFrom, arcTo } = g;
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
    return new CsrHops(dist, start, arcs);
  }

  hops(x: number, out: Int32Array, at: number): number {
    let c = 0;
    for (let i = this.start[x]!; i < this.start[x + 1]!; i++) out[at + c++] = this.arcs[i]!;
    return c;
  }
}

/**
 * Next hops after arcs failed, derived lazily from the parent's: a node whose distance did not change keeps
 * its old next hops whose arc is up and whose head's distance did not change either (heads' distances only
 * grow, so it gains none); a re-settled node is rescanned. Costs only the nodes a spread visits.
 */
export class RepairedHops implements HopSource {
  private readonly hit: Uint8Array;

  constructor(
    readonly dist: Float64Array,
    private readonly parent: HopSource,
    affected: Int32Array,
    private readonly g: CompactGraph,
    private readonly up: Uint8Array,
    private readonly w: Float64Array,
  ) {
    this.hit = new Uint8Array(g.n);
    for (const x of affected) this.hit[x] = 1;
  }

  hops(x: number, out: Int32Array, at: number): number {
    const { up, hit, g, dist, w } = this;
    let c = 0;
    if (hit[x] === 0) {
      const k = this.parent.hops(x, out, at);
      for (let i = 0; i < k; i++) {
        const a = out[at + i]!;
        if (up[a] === 1 && hit[g.arcTo[a]!] === 0) out[at + c++] = a;
      }
      return c;
    }
    const du = dist[x]!;
    if (du === Infinity) return 0;
    for (let i = g.outStart[x]!; i < g.outStart[x + 1]!; i++) {
      const a = g.outArc[i]!;
      if (up[a] === 0) continue;
      const dv = dist[g.arcTo[a]!]!;
      if (dv === Infinity) continue;
      const via = dv + w[a]!;
      if (du === via || Math.abs(du - via) <= 1e-9 * Math.max(1, du)) out[at + c++] = a;
    }
    return c;
  }
}
