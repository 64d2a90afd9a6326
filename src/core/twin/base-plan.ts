import { predictArcs, predictPolicy } from './prediction';
import type { ArcPrediction } from './prediction';
import { RouteComputer, RouteSet } from './route-table';
import type { RouteVector } from './route-table';
import { RoutingView } from './routing-view';
import type { TwinIndex } from './twin-index';
import type { WhatIfBase } from './what-if-base';
import type { IntentPrediction } from './twin-types';

/**
 * The forwarding of a base snapshot, computed once and shared by every scenario predicted from it: flow
 * aggregates and their route vectors, per-arc loads, the arc → routes index used to find the routes a
 * failure touches, and the base prediction that diffs are taken against.
 */
export class BasePlan {
  private static readonly cache = new WeakMap<WhatIfBase, BasePlan>();
  /** The latest plan per index: a new snapshot with the same structure reuses its forwarding. */
  private static readonly latest = new WeakMap<TwinIndex, BasePlan>();
  readonly set: RouteSet;
  readonly view: RoutingView;
  readonly computer: RouteComputer;
  readonly vectors: RouteVector[];
  readonly loads: Float64Array;
  /** Routes crossing arc a: arcRoutes[arcRouteStart[a] .. arcRouteStart[a+1]). */
  readonly arcRouteStart: Int32Array;
  readonly arcRoutes: Int32Array;
  /** The fraction of route arcRoutes[k]'s flow on that arc. */
  readonly arcRouteFrac: Float64Array;
  readonly arcs: ArcPrediction;
  readonly intents: IntentPrediction[];

  private byRoute: Map<number, number[]> | undefined;

  /** The policies whose own (endpoint) route is route r. */
  policiesOfRoute(r: number): readonly number[] {
    if (!this.byRoute) {
      this.byRoute = new Map();
      this.set.policyRoute.forEach((route, i) => {
        const list = this.byRoute!.get(route);
        if (list) list.push(i);
        else this.byRoute!.set(route, [i]);
      });
    }
    return this.byRoute.get(r) ?? [];
  }

  static of(index: TwinIndex, base: WhatIfBase): BasePlan {
    let plan = BasePlan.cache.get(base);
    if (!plan || plan.index !== index) {
      const prev = BasePlan.latest.get(index);
      plan = new BasePlan(index, base, prev && sameStructure(prev.base, base) ? prev : undefined);
      BasePlan.cache.set(base, plan);
      BasePlan.latest.set(index, plan);
    }
    return plan;
  }

  private constructor(
    readonly index: TwinIndex,
    readonly base: WhatIfBase,
    same?: BasePlan,
  ) {
    const g = index.g;
    if (same) {
      ({
        view: this.view,
        set: this.set,
        computer: this.computer,
        vectors: this.vectors,
        loads: this.loads,
      } = same);
      [this.arcRouteStart, this.arcRoutes, this.arcRouteFrac] = [
        same.arcRouteStart,
        same.arcRoutes,
        same.arcRouteFrac,
      ];
    } else {
      this.view = RoutingView.allUpMetrics(index, effectiveUp(index, base.arcUp, base.nodeUp));
      this.set = new RouteSet(index);
      for (const p of base.policies) this.set.addPolicy(p);
      for (const d of base.demands) this.set.addDemand(d);
      this.computer = new RouteComputer(index, this.set.policies);
      this.vectors = this.set.specs.map((s) => this.computer.compute(this.view, s));
      this.loads = new Float64Array(g.m);
      this.vectors.forEach((v, r) => addScaled(this.loads, v, this.set.mbps[r]!));
      [this.arcRouteStart, this.arcRoutes, this.arcRouteFrac] = invert(g.m, this.vectors);
    }
    this.arcs = predictArcs(index, base, this.view.up, this.loads);
    this.intents = this.set.policies.map((rp, i) => {
      const r = this.set.policyRoute[i]!;
      return predictPolicy(index, rp, this.vectors[r]!, this.set.mbps[r]!, this.arcs);
    });
  }
}

function sameStructure(a: WhatIfBase, b: WhatIfBase): boolean {
  return a.arcUp === b.arcUp && a.nodeUp === b.nodeUp && a.policies === b.policies && a.demands === b.demands;
}

/** Arc up-mask with the arcs of down nodes removed. */
export function effectiveUp(index: TwinIndex, arcUp: Uint8Array, nodeUp: Uint8Array): Uint8Array {
  const g = index.g;
  const up = arcUp.slice();
  for (let a = 0; a < g.m; a++) if (nodeUp[g.arcFrom[a]!] === 0 || nodeUp[g.arcTo[a]!] === 0) up[a] = 0;
  return up;
}

export function addScaled(loads: Float64Array, v: RouteVector, x: number): void {
  if (x === 0) return;
  for (let i = 0; i < v.arcs.length; i++) loads[v.arcs[i]!]! += x * v.frac[i]!;
}

function invert(m: number, vectors: readonly RouteVector[]): [Int32Array, Int32Array, Float64Array] {
  const start = new Int32Array(m + 1);
  for (const v of vectors) for (const a of v.arcs) start[a + 1]!++;
  for (let a = 0; a < m; a++) start[a + 1]! += start[a]!;
  const fill = start.slice(0, m);
  const list = new Int32Array(start[m]!);
  const frac = new Float64Array(start[m]!);
  vectors.forEach((v, r) => {
    for (let i = 0; i < v.arcs.length; i++) {
      const k = fill[v.arcs[i]!]!++;
      list[k] = r;
      frac[k] = v.frac[i]!;
    }
  });
  return [start, list, frac];
}
