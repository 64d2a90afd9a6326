import type { RouteCost, ScanOptions } from './route-scan';
import { cheapestRoute } from './route-scan';
import type { RoutingState } from './routing-state';

export interface HotArcOptions extends ScanOptions {
  readonly maxMoves: number;
  /** How many of the biggest demands on the hottest arc are tried per move. */
  readonly demandsPerMove: number;
}

/**
 * Local search on the MLU itself (DEFO/SRLS style): take the hottest arc, try the biggest demands crossing
 * it on every route with up to K-1 waypoints, and apply the route whose worst utilisation over the arcs it
 * touches (the hot arc included) is lowest, if that is below the current MLU. The MLU never rises and the hot
 * arc strictly cools; it stops when no demand can cool the hottest arc without heating another as much.
 */
export function hotArcSearch(
  state: RoutingState,
  options: HotArcOptions,
): { moves: number; converged: boolean } {
  for (let moves = 0; moves < options.maxMoves; moves++) {
    const hot = state.hottestArc();
    if (hot < 0) return { moves, converged: true };
    const mlu = state.utilisation(hot);
    let best: { demand: number; waypoints: number[]; cost: number } | undefined;
    for (const d of state.biggestOn(hot, options.demandsPerMove)) {
      state.lift(d);
      const route = cheapestRoute(state, d, options, worstUtilisation(state, state.demands[d]!.mbps, hot));
      state.unlift(d);
      if (route && (!best || route.cost < best.cost)) best = { demand: d, ...route };
    }
    if (!best || !(best.cost < mlu * (1 - 1e-9))) return { moves, converged: true };
    state.move(best.demand, best.waypoints);
  }
  return { moves: options.maxMoves, converged: false };
}

/** Worst utilisation after the move over the touched arcs and the hot arc; leg by leg first, to cut short. */
function worstUtilisation(state: RoutingState, mbps: number, hot: number): RouteCost {
  const { loads, removed, added, capacity } = state;
  return (legs, cutoff) => {
    let bound = (loads[hot]! - removed[hot]!) / capacity[hot]!;
    if (bound >= cutoff) return bound;
    for (const fp of legs) {
      for (let i = 0; i < fp.arcs.length; i++) {
        const a = fp.arcs[i]!;
        bound = Math.max(bound, (loads[a]! - removed[a]! + mbps * fp.fractions[i]!) / capacity[a]!);
      }
      if (bound >= cutoff) return bound;
    }
    if (legs.length === 1) return bound;
    let worst = (loads[hot]! - removed[hot]!) / capacity[hot]!;
    for (const a of state.accumulate(legs, mbps)) {
      worst = Math.max(worst, (loads[a]! - removed[a]! + added[a]!) / capacity[a]!);
      added[a] = 0;
    }
    return worst;
  };
}
