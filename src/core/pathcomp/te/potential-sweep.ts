import type { RouteCost, ScanOptions } from './route-scan';
import { cheapestRoute } from './route-scan';
import type { RoutingState } from './routing-state';

export interface SweepOptions extends ScanOptions {
  /** Exponent p = 2^k of the potential Σ (utilisation / MLU)^p; large p approaches the MLU itself. */
  readonly log2Power: number;
  readonly maxSweeps: number;
  /** Only demands crossing an arc at least this fraction of the MLU are reconsidered. */
  readonly hotFraction: number;
  /** Stop when a sweep lowers the MLU by less than this fraction. */
  readonly minGain: number;
}

/**
 * Best-response sweeps on a smooth surrogate of the MLU: Φ = Σ_arcs (u / M)^p, M the MLU when the sweep
 * starts. Each demand in turn (biggest first) moves to the route that lowers Φ most, if any. Unlike the
 * hot-arc search, this also cools arcs just below the maximum, which makes room for later moves off the
 * hottest one. Φ is convex per arc, so costing legs one by one is a lower bound, used to cut the scan short.
 * A sweep that ends with a higher MLU is undone, so the MLU never rises. Returns the number of moves kept.
 */
export function potentialSweeps(state: RoutingState, options: SweepOptions): number {
  const order = state.demands
    .map((_, i) => i)
    .sort((a, b) => state.demands[b]!.mbps - state.demands[a]!.mbps || a - b);
  let moves = 0;
  for (let sweep = 0; sweep < options.maxSweeps; sweep++) {
    const before = state.mlu();
    if (!(before > 0)) break;
    const saved = state.snapshot();
    const made = new Sweep(state, options.log2Power, before).run(order, options);
    state.recompute();
    if (state.mlu() > before) {
      state.restore(saved);
      break;
    }
    moves += made;
    if (made === 0 || state.mlu() > before * (1 - options.minGain)) break;
  }
  return moves;
}

/** One sweep at a fixed scale M, with Φ per arc cached and refreshed on every move. */
class Sweep {
  /** Per arc: 1 / (M · capacity), so that u / M = load · weight. */
  private readonly weight: Float64Array;
  /** Per arc: Φ of its current load. */
  private readonly phiLoad: Float64Array;

  constructor(
    private readonly state: RoutingState,
    private readonly k: number,
    mlu: number,
  ) {
    this.weight = state.capacity.map((c) => 1 / (mlu * c));
    this.phiLoad = state.loads.map((l, a) => this.phi(a, l));
  }

  run(order: readonly number[], options: SweepOptions): number {
    const { state } = this;
    let moves = 0;
    for (const d of order) {
      if (!this.crossesHotArc(d, options.hotFraction)) continue;
      state.lift(d);
      const now = this.liftedDelta(d);
      const best = cheapestRoute(state, d, options, this.cost(state.demands[d]!.mbps));
      state.unlift(d);
      if (best && best.cost < now - 1e-12 && !sameRoute(best.waypoints, state.waypoints(d))) {
        const old = state.footprint(d).arcs;
        state.move(d, best.waypoints);
        for (const a of old) this.phiLoad[a] = this.phi(a, state.loads[a]!);
        for (const a of state.footprint(d).arcs) this.phiLoad[a] = this.phi(a, state.loads[a]!);
        moves++;
      }
    }
    return moves;
  }

  /** ((load / (M · capacity))^(2^k), by repeated squaring. */
  private phi(a: number, load: number): number {
    let y = load * this.weight[a]!;
    for (let i = 0; i < this.k; i++) y *= y;
    return y;
  }

  private crossesHotArc(d: number, fraction: number): boolean {
    const arcs = this.state.footprint(d).arcs;
    for (let i = 0; i < arcs.length; i++)
      if (this.state.loads[arcs[i]!]! * this.weight[arcs[i]!]! >= fraction) return true;
    return false;
  }

  /** What the demand's current route adds to Φ (the cost the scan gives that route). */
  private liftedDelta(d: number): number {
    const { loads, removed } = this.state;
    let sum = 0;
    for (const a of this.state.footprint(d).arcs)
      sum += this.phiLoad[a]! - this.phi(a, loads[a]! - removed[a]!);
    return sum;
  }

  private cost(mbps: number): RouteCost {
    const { loads, removed, added } = this.state;
    const base = (a: number): number =>
      removed[a] === 0 ? this.phiLoad[a]! : this.phi(a, loads[a]! - removed[a]!);
    return (legs, cutoff) => {
      let bound = 0;
      for (const fp of legs) {
        for (let i = 0; i < fp.arcs.length; i++) {
          const a = fp.arcs[i]!;
          bound += this.phi(a, loads[a]! - removed[a]! + mbps * fp.fractions[i]!) - base(a);
        }
        if (bound >= cutoff) return bound;
      }
      if (legs.length === 1) return bound;
      let exact = 0;
      for (const a of this.state.accumulate(legs, mbps)) {
        exact += this.phi(a, loads[a]! - removed[a]! + added[a]!) - base(a);
        added[a] = 0;
      }
      return exact;
    };
  }
}

function sameRoute(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
