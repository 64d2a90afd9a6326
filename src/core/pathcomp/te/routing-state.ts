import type { Footprint, SrLegs } from './sr-legs';
import { shareOn } from './sr-legs';

/** A demand over dense node indices. */
export interface IndexedDemand {
  readonly from: number;
  readonly to: number;
  readonly mbps: number;
}

/**
 * The current SR placement and its arc loads, updated incrementally as demands move. Also holds the scratch
 * arrays that route evaluation uses: `removed` (the share of the demand being moved, per arc) and `added`.
 */
export class RoutingState {
  readonly loads: Float64Array;
  readonly capacity: Float64Array;
  readonly removed: Float64Array;
  readonly added: Float64Array;
  readonly touched: number[] = [];
  private readonly routes: number[][];
  private readonly footprints: Footprint[];
  /** Per arc, the demands that may cross it (appended on moves, compacted when read). */
  private readonly onArc: number[][];

  constructor(
    readonly legs: SrLegs,
    readonly demands: readonly IndexedDemand[],
  ) {
    const m = legs.ecmp.arcCount;
    this.capacity = legs.ecmp.arcCapacity;
    this.loads = new Float64Array(m);
    this.removed = new Float64Array(m);
    this.added = new Float64Array(m);
    this.onArc = Array.from({ length: m }, () => []);
    this.routes = demands.map(() => []);
    this.footprints = demands.map((d, i) => {
      const fp = legs.leg(d.from, d.to);
      if (!fp) throw new RangeError(`te: demand ${i} has no IGP path from node ${d.from} to node ${d.to}`);
      this.place(i, fp, 1);
      return fp;
    });
  }

  waypoints(demand: number): readonly number[] {
    return this.routes[demand]!;
  }

  footprint(demand: number): Footprint {
    return this.footprints[demand]!;
  }

  utilisation(arc: number): number {
    return this.loads[arc]! / this.capacity[arc]!;
  }

  /** The most utilised arc (lowest index on ties), -1 without arcs. */
  hottestArc(): number {
    let best = this.loads.length > 0 ? 0 : -1;
    for (let a = 1; a < this.loads.length; a++) if (this.utilisation(a) > this.utilisation(best)) best = a;
    return best;
  }

  mlu(): number {
    const hot = this.hottestArc();
    return hot < 0 ? 0 : this.utilisation(hot);
  }

  /** Demands crossing an arc, biggest share first (lower index on ties), at most `limit`. */
  biggestOn(arc: number, limit: number): number[] {
    const seen = new Set<number>();
    const live: number[] = [];
    const load: number[] = [];
    for (const d of this.onArc[arc]!) {
      if (seen.has(d)) continue;
      seen.add(d);
      const share = shareOn(this.footprints[d]!, arc);
      if (share <= 0) continue;
      live.push(d);
      load.push(this.demands[d]!.mbps * share);
    }
    this.onArc[arc] = live;
    const order = live.map((_, i) => i).sort((p, q) => load[q]! - load[p]! || live[p]! - live[q]!);
    return order.slice(0, limit).map((i) => live[i]!);
  }

  /** Writes a demand's current share into `removed` (as if it were lifted off the network). */
  lift(demand: number): void {
    const fp = this.footprints[demand]!;
    const mbps = this.demands[demand]!.mbps;
    for (let i = 0; i < fp.arcs.length; i++) this.removed[fp.arcs[i]!] = mbps * fp.fractions[i]!;
  }

  /** Clears what `lift` wrote. */
  unlift(demand: number): void {
    for (const a of this.footprints[demand]!.arcs) this.removed[a] = 0;
  }

  /**
   * Accumulates a route's load into `added`, listing the arcs in `touched`; the caller must reset `added` to
   * zero on every touched arc when done.
   */
  accumulate(legs: readonly Footprint[], mbps: number): number[] {
    const { added, touched } = this;
    touched.length = 0;
    for (const fp of legs) {
      for (let i = 0; i < fp.arcs.length; i++) {
        const a = fp.arcs[i]!;
        if (added[a] === 0) touched.push(a);
        added[a]! += mbps * fp.fractions[i]!;
      }
    }
    return touched;
  }

  /** Moves a demand to the route through `waypoints`. */
  move(demand: number, waypoints: number[]): void {
    const { from, to } = this.demands[demand]!;
    const fp = this.legs.route(from, waypoints, to);
    if (!fp) throw new RangeError(`te: demand ${demand} cannot take waypoints ${waypoints.join(',')}`);
    this.place(demand, this.footprints[demand]!, -1);
    this.footprints[demand] = fp;
    this.routes[demand] = waypoints;
    this.place(demand, fp, 1);
  }

  /** The current waypoints of every demand, to come back to with `restore`. */
  snapshot(): number[][] {
    return this.routes.map((r) => [...r]);
  }

  restore(routes: readonly (readonly number[])[]): void {
    routes.forEach((r, d) => {
      const now = this.routes[d]!;
      if (r.length !== now.length || r.some((w, i) => w !== now[i])) this.move(d, [...r]);
    });
    this.recompute();
  }

  /** Loads summed afresh from the routes, clearing the rounding drift of many incremental updates. */
  recompute(): void {
    this.loads.fill(0);
    this.footprints.forEach((fp, d) => {
      const mbps = this.demands[d]!.mbps;
      for (let i = 0; i < fp.arcs.length; i++) this.loads[fp.arcs[i]!]! += mbps * fp.fractions[i]!;
    });
  }

  private place(demand: number, fp: Footprint, sign: 1 | -1): void {
    const mbps = this.demands[demand]!.mbps;
    for (let i = 0; i < fp.arcs.length; i++) {
      const a = fp.arcs[i]!;
      this.loads[a]! += sign * mbps * fp.fractions[i]!;
      if (sign > 0) this.onArc[a]!.push(demand);
    }
  }
}
