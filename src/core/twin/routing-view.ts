import { ArcAccumulator } from './arc-accumulator';
import { CsrHops, RepairedHops } from './next-hops';
import type { HopSource, Leg, SpreadView } from './next-hops';

export type { Leg };
import { SpreadScratch, spreadRaw } from './ecmp-spread';
import { RepairScratch, repairDistances } from './spf-repair';
import type { TwinIndex } from './twin-index';

/**
 * Scratch space shared by every view of an index: spreading and repairs run synchronously and never nest
 * (a parent's leg is computed before the child's spread starts), so one set per index suffices and scenarios
 * allocate none.
 */
const SCRATCH = new WeakMap<
  TwinIndex,
  { acc: ArcAccumulator; scratch: SpreadScratch; repair: RepairScratch }
>();

/**
 * IGP forwarding state of one scenario: which arcs are usable, their metrics, distances per destination and
 * ECMP legs (src → dest spreads), each computed on first use and cached. A view derived from a parent by
 * failures only (same metrics) repairs the parent's distances incrementally (spf-repair) and reuses every
 * parent leg that crosses no arc that went down (its shortest paths, hence its split, are unchanged).
 */
export class RoutingView implements SpreadView {
  readonly n: number;
  private readonly dists: (Float64Array | undefined)[];
  private readonly legs = new Map<number, Leg>();
  private readonly hops: (HopSource | undefined)[];
  /** Per destination, the nodes whose distance the repair changed (failure views only). */
  private readonly affected = new Map<number, Int32Array>();
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
    this.hops = new Array<HopSource | undefined>(this.n);
  }

  /** The equal-cost next hops toward dest, cached: CSR in a root view, derived lazily in a failure view. */
  nextHops(dest: number): HopSource {
    let h = this.hops[dest];
    if (!h) {
      const dist = this.dist(dest);
      if (!this.parent) h = CsrHops.build(this.index.g, dist, this.up, this.weights);
      else if (dist === this.parent.dist(dest) && !this.failedOnDag(dist)) h = this.parent.nextHops(dest);
      else {
        const affected = this.affected.get(dest) ?? new Int32Array(0);
        h = new RepairedHops(dist, this.parent.nextHops(dest), affected, this.index.g, this.up, this.weights);
      }
      this.hops[dest] = h;
    }
    return h;
  }

  /** Whether a newly failed arc was a next hop under these (parent) distances. */
  private failedOnDag(pd: Float64Array): boolean {
    const g = this.index.g;
    for (const a of this.newlyDown) {
      const dv = pd[g.arcTo[a]!]!;
      const du = pd[g.arcFrom[a]!]!;
      const via = dv + this.weights[a]!;
      if (dv !== Infinity && (du === via || Math.abs(du - via) <= 1e-9 * Math.max(1, du))) return true;
    }
    return false;
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
    let work = this.work ?? SCRATCH.get(this.index);
    if (!work) {
      work = {
        acc: new ArcAccumulator(m),
        scratch: new SpreadScratch(n, m),
        repair: new RepairScratch(n, m),
      };
      SCRATCH.set(this.index, work);
    }
    this.work = work;
    return this.work;
  }

  private compute(dest: number): Float64Array {
    const ix = this.index;
    if (this.parent) {
      const pd = this.parent.dist(dest);
      return repairDistances(ix, pd, this.up, this.weights, this.newlyDown, this.scratch().repair, (nodes) =>
        this.affected.set(dest, nodes),
      );
    }
    if (this.weights === ix.g.igp && this.up.every((x) => x === 1)) return ix.distAllUp(dest);
    return ix.distUnder(dest, this.up, this.weights);
  }
}
