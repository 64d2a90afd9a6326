import type { CompactGraph } from './compact-graph';
import { distanceTree, pathCost, shortestPath } from './dijkstra';
import type { FoundPath } from './dijkstra';
import { labelSetting, within } from './rcsp';
import type { Budget, TargetBounds } from './rcsp';

/**
 * Exact constrained shortest paths to one target: minimum cost under weights `w` over the allowed arcs, with
 * end-to-end delay and hop bounds. A plain Dijkstra answers first; only when its path breaks a bound does the
 * label-setting search run, with lower bounds from reverse Dijkstra (computed once, reused by every call:
 * they stay valid when callers ban more nodes or clear more `allowed` entries, as Yen's algorithm does).
 */
export class ConstrainedSearch {
  /** Reverse delay / hop distances (zeros when unbounded), each search stopped at its bound. */
  private resources: { delay: Float64Array; hops: Float64Array } | undefined;
  private cost: Float64Array | undefined;
  /** Per node, its arc on the fastest path to the target (from the reverse delay tree). */
  private readonly towardTarget: Int32Array;
  /** The arcs allowed at construction: lower bounds are computed on these, whatever callers clear later. */
  private readonly base: Uint8Array;
  /** The unbounded Dijkstra answer of the latest `best` call (the plain optimum over the allowed arcs). */
  lastUnbounded: FoundPath | null = null;

  constructor(
    readonly g: CompactGraph,
    readonly w: Float64Array,
    /** Callers may clear and restore entries between calls (never set entries that were 0 at construction). */
    readonly allowed: Uint8Array,
    readonly target: number,
    readonly bounds: Budget,
  ) {
    this.base = allowed.slice();
    this.towardTarget = new Int32Array(g.n).fill(-1);
  }

  /**
   * The same search over fewer arcs (a subset of this one's) and/or heavier weights (each >= this one's):
   * every lower bound computed here stays valid there, so it is shared instead of recomputed.
   */
  restricted(allowed: Uint8Array, w: Float64Array = this.w): ConstrainedSearch {
    const child = new ConstrainedSearch(this.g, w, allowed, this.target, this.bounds);
    child.resources = this.resourceBounds();
    child.towardTarget.set(this.towardTarget);
    child.cost = this.cost;
    return child;
  }

  /** Best path from `source` within `budget` (default: the full bounds) avoiding `banned` nodes. */
  best(source: number, banned: Uint8Array | null = null, budget: Budget = this.bounds): FoundPath | null {
    if (budget.delay < 0 || budget.hops < 0) return null;
    const p = shortestPath(this.g, this.w, this.allowed, source, this.target, banned);
    this.lastUnbounded = p;
    if (p === null) return null;
    if (this.fits(p.arcs, budget)) return p;
    const r = this.resourceBounds();
    if (!within(r.delay[source]!, budget.delay) || r.hops[source]! > budget.hops) return null;
    // An incumbent to prune against: the fastest path, when it also meets the hop bound.
    const fastest = budget.delay === Infinity ? null : this.fastest(source, banned);
    const incumbent =
      fastest && this.fits(fastest, budget) ? { arcs: fastest, cost: pathCost(this.w, fastest) } : null;
    const lb = this.targetBounds(incumbent?.cost ?? Infinity);
    const { g, w, allowed, target } = this;
    return labelSetting(g, w, allowed, banned, source, target, budget, lb, incumbent?.cost) ?? incumbent;
  }

  fits(arcs: readonly number[], budget: Budget = this.bounds): boolean {
    if (arcs.length > budget.hops) return false;
    if (budget.delay === Infinity) return true;
    let d = 0;
    for (const a of arcs) d += this.g.delay[a]!;
    return within(d, budget.delay);
  }

  /**
   * Lower bounds to the target for the label-setting search. The cost search stops at `costLimit` (the first
   * incumbent's cost); stopped searches still give valid lower bounds, so every later call can reuse them.
   */
  targetBounds(costLimit = Infinity): TargetBounds {
    this.cost ??= distanceTree(this.g, this.w, this.base, this.target, true, null, costLimit);
    return { cost: this.cost, ...this.resourceBounds() };
  }

  private resourceBounds(): { delay: Float64Array; hops: Float64Array } {
    if (!this.resources) {
      const { g, target, base, bounds } = this;
      const zero = new Float64Array(g.n);
      const slack = bounds.delay + 1e-9 * Math.max(1, bounds.delay);
      this.resources = {
        delay:
          bounds.delay === Infinity
            ? zero
            : distanceTree(g, g.delay, base, target, true, this.towardTarget, slack),
        hops:
          bounds.hops === Infinity ? zero : distanceTree(g, g.hops, base, target, true, null, bounds.hops),
      };
    }
    return this.resources;
  }

  /** The fastest path from source: read off the reverse delay tree, or searched when it crosses a ban. */
  private fastest(source: number, banned: Uint8Array | null): readonly number[] | null {
    const arcs: number[] = [];
    for (let v = source; v !== this.target; v = this.g.arcTo[arcs[arcs.length - 1]!]!) {
      const a = this.towardTarget[v]!;
      if (a < 0 || this.allowed[a] === 0 || (banned !== null && banned[this.g.arcTo[a]!] !== 0)) {
        return shortestPath(this.g, this.g.delay, this.allowed, source, this.target, banned)?.arcs ?? null;
      }
      arcs.push(a);
    }
    return arcs;
  }
}
