import type { RoutingState } from './routing-state';
import type { Footprint } from './sr-legs';

/**
 * The cost of sending the lifted demand along `legs`. Once it knows the cost is at least `cutoff` it may stop
 * early and return any value >= `cutoff`.
 */
export type RouteCost = (legs: readonly Footprint[], cutoff: number) => number;

export interface ScanOptions {
  /** Segments per route, the destination's End SID included (1–3). */
  readonly maxSegments: 1 | 2 | 3;
  /** With three segments: how many of the best one-waypoint routes get a second waypoint tried. */
  readonly pairSeeds: number;
}

export interface Candidate {
  readonly waypoints: number[];
  readonly cost: number;
}

/**
 * The cheapest route for one demand among: no waypoint, every single waypoint and (K = 3) a second waypoint
 * before or after each of the best single ones. Deterministic: ties keep the earlier route (fewer waypoints,
 * lower node indices).
 */
export function cheapestRoute(
  state: RoutingState,
  demand: number,
  options: ScanOptions,
  cost: RouteCost,
): Candidate | undefined {
  const { from, to } = state.demands[demand]!;
  const direct = state.legs.leg(from, to);
  let best: Candidate | undefined = direct ? { waypoints: [], cost: cost([direct], Infinity) } : undefined;
  if (options.maxSegments === 1) return best;
  const n = state.legs.ecmp.nodeCount;
  const singleCost = new Float64Array(n).fill(Infinity);
  const pair: Footprint[] = [];
  for (let w = 0; w < n; w++) {
    if (w === from || w === to) continue;
    const first = state.legs.leg(from, w);
    const second = first && state.legs.leg(w, to);
    if (!first || !second) continue;
    pair[0] = first;
    pair[1] = second;
    const c = cost(pair, best ? best.cost : Infinity);
    singleCost[w] = c;
    if (!best || c < best.cost) best = { waypoints: [w], cost: c };
  }
  if (options.maxSegments === 3) best = bestPair(state, demand, singleCost, options.pairSeeds, cost, best);
  return best;
}

/** Tries a second waypoint before or after each of the `seeds` best single waypoints. */
function bestPair(
  state: RoutingState,
  demand: number,
  singleCost: Float64Array,
  seeds: number,
  cost: RouteCost,
  incumbent: Candidate | undefined,
): Candidate | undefined {
  const { from, to } = state.demands[demand]!;
  const n = singleCost.length;
  const order = Array.from({ length: n }, (_, w) => w)
    .filter((w) => singleCost[w]! < Infinity)
    .sort((p, q) => singleCost[p]! - singleCost[q]! || p - q)
    .slice(0, seeds);
  let best = incumbent;
  for (const w of order) {
    for (let v = 0; v < n; v++) {
      if (v === from || v === to || v === w) continue;
      for (const waypoints of [
        [v, w],
        [w, v],
      ]) {
        const legs = state.legs.legs(from, waypoints, to);
        if (!legs) continue;
        const c = cost(legs, best ? best.cost : Infinity);
        if (!best || c < best.cost) best = { waypoints, cost: c };
      }
    }
  }
  return best;
}
