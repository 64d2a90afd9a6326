import { hotArcSearch } from './hot-arc-search';
import { potentialSweeps } from './potential-sweep';
import { RoutingState } from './routing-state';
import type { IndexedDemand } from './routing-state';
import type { SrLegs } from './sr-legs';

export type { IndexedDemand };

export interface SearchOptions {
  /** Segments per demand, the destination's End SID included: 1 = plain ECMP, K = up to K-1 waypoints. */
  readonly maxSegments: 1 | 2 | 3;
  /** Upper bound on the moves of the hot-arc phase. */
  readonly maxIterations: number;
  /** How many of the biggest demands on the hottest arc are tried per hot-arc move. */
  readonly demandsPerIteration: number;
  /** With three segments: how many of the best one-waypoint routes get a second waypoint tried. */
  readonly pairSeeds: number;
  /** Sweeps of the potential phase (0 skips it). */
  readonly maxSweeps: number;
  /** Exponent 2^k of the potential phase. */
  readonly log2Power: number;
  /** The potential phase reconsiders demands crossing an arc at least this fraction of the MLU. */
  readonly hotFraction: number;
  /** The potential phase stops when a sweep lowers the MLU by less than this fraction. */
  readonly minGain: number;
}

/**
 * SR waypoint placement: starts from ECMP (no waypoint), lowers the surrogate Σ (u/MLU)^p with best-response
 * sweeps over one-waypoint routes, then the MLU itself with hot-arc local search over routes with up to K-1
 * waypoints (so K = 3 starts from the K = 2 sweeps and can only improve on them). Every phase only accepts improving moves, so the
 * result is never worse than ECMP; bounded and deterministic.
 */
export class WaypointSearch {
  private readonly state: RoutingState;

  constructor(legs: SrLegs, demands: readonly IndexedDemand[]) {
    this.state = new RoutingState(legs, demands);
  }

  waypoints(demand: number): readonly number[] {
    return this.state.waypoints(demand);
  }

  hottestArc(): number {
    return this.state.hottestArc();
  }

  mlu(): number {
    return this.state.mlu();
  }

  /** Runs both phases; returns the number of moves and whether the hot-arc phase ran out of improving moves. */
  run(options: SearchOptions): { iterations: number; converged: boolean } {
    if (options.maxSegments === 1) return { iterations: 0, converged: true };
    const swept = potentialSweeps(this.state, { ...options, maxSegments: 2 });
    let moves = swept;
    let converged = true;
    for (let k = 2; k <= options.maxSegments; k++) {
      if (k === 3) moves += this.pairSweeps(options);
      const hot = hotArcSearch(this.state, {
        ...options,
        maxSegments: k as 2 | 3,
        maxMoves: options.maxIterations,
        demandsPerMove: options.demandsPerIteration,
      });
      moves += hot.moves;
      converged = hot.converged;
    }
    this.state.recompute();
    return { iterations: moves, converged };
  }

  /** Potential sweeps over two-waypoint routes on the hottest arcs (never raising the MLU). */
  private pairSweeps(options: SearchOptions): number {
    return potentialSweeps(this.state, {
      ...options,
      maxSegments: 3,
      hotFraction: 0.95,
      maxSweeps: Math.min(3, options.maxSweeps),
    });
  }
}
