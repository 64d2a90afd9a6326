import type { BasePlan } from './base-plan';
import type { ArcPrediction } from './prediction';
import type { Scenario } from './scenario';

/** What changed for one policy in a scenario. */
export interface TouchedPolicy {
  readonly policy: number;
  readonly route: number;
  /** True when the route's forwarding was recomputed (delay/loss must be recomputed from its new vector). */
  readonly rerouted: boolean;
  /** For routes that kept their forwarding: their new delay and Σ fraction · ln(1 − loss), by delta. */
  readonly delayUs: number;
  readonly logKeep: number;
}

/**
 * Finds the policies a scenario can affect, arc-major: a policy's delay and loss change only if its route was
 * rerouted or crosses an arc whose predicted delay or loss changed, and for an unrerouted route the change is
 * Σ over those arcs of fraction × arc change (exact, since path delay and log-delivery are linear in arc
 * values). One pass over the changed arcs' route lists, no per-policy path walk.
 */
export class SloDelta {
  private readonly baseDelay: Float64Array;
  private readonly baseLog: Float64Array;
  private readonly polStart: Int32Array;
  private readonly polList: Int32Array;
  private readonly seen: Int32Array;
  private readonly accD: Float64Array;
  private readonly accL: Float64Array;
  private readonly touched: Int32Array;
  private epoch = 0;
  private static readonly cache = new WeakMap<BasePlan, SloDelta>();

  /** The change finder of a plan (built on first use, then cached with it). */
  static of(plan: BasePlan): SloDelta {
    let d = SloDelta.cache.get(plan);
    if (!d) SloDelta.cache.set(plan, (d = new SloDelta(plan)));
    return d;
  }

  private constructor(private readonly plan: BasePlan) {
    const routes = plan.vectors.length;
    this.baseDelay = new Float64Array(routes);
    this.baseLog = new Float64Array(routes);
    plan.vectors.forEach((v, r) => {
      for (let i = 0; i < v.arcs.length; i++) {
        this.baseDelay[r]! += v.frac[i]! * plan.arcs.delay[v.arcs[i]!]!;
        this.baseLog[r]! += v.frac[i]! * plan.arcs.logKeep[v.arcs[i]!]!;
      }
    });
    this.polStart = new Int32Array(routes + 1);
    for (const r of plan.set.policyRoute.slice(0, plan.set.policies.length)) this.polStart[r + 1]!++;
    for (let r = 0; r < routes; r++) this.polStart[r + 1]! += this.polStart[r]!;
    const fill = this.polStart.slice(0, routes);
    this.polList = new Int32Array(plan.set.policies.length);
    plan.set.policyRoute.forEach((r, i) => {
      this.polList[fill[r]!++] = i;
    });
    this.seen = new Int32Array(routes).fill(-1);
    this.accD = new Float64Array(routes);
    this.accL = new Float64Array(routes);
    this.touched = new Int32Array(routes);
  }

  /**
   * Per arc, its routes sorted by delay slack (how far the tightest delay bound of the route's policies is
   * from its base delay; 0 for routes with a bandwidth bound, +∞ without a delay bound), built on first use.
   */
  private slackOrder: { routes: Int32Array; frac: Float64Array; slack: Float64Array } | undefined;
  /** The largest fraction of any route on any arc (> 1 when a segment list crosses an arc twice). */
  private maxFrac = 1;

  private order(): { routes: Int32Array; frac: Float64Array; slack: Float64Array } {
    if (this.slackOrder) return this.slackOrder;
    const plan = this.plan;
    const slackOf = new Float64Array(plan.vectors.length).fill(Infinity);
    plan.set.policyRoute.forEach((r, i) => {
      const slo = plan.set.policies[i]?.policy.slo;
      if (!slo || r >= slackOf.length) return;
      if (slo.bandwidthMbps !== undefined) slackOf[r] = 0;
      else if (slo.maxDelayUs !== undefined) {
        slackOf[r] = Math.min(slackOf[r]!, Math.abs(slo.maxDelayUs - this.baseDelay[r]!));
      }
    });
    const routes = plan.arcRoutes.slice();
    const frac = plan.arcRouteFrac.slice();
    const slack = new Float64Array(routes.length);
    for (let a = 0; a + 1 < plan.arcRouteStart.length; a++) {
      const from = plan.arcRouteStart[a]!;
      const to = plan.arcRouteStart[a + 1]!;
      const idx = Array.from({ length: to - from }, (_, i) => from + i).sort(
        (x, y) => slackOf[plan.arcRoutes[x]!]! - slackOf[plan.arcRoutes[y]!]!,
      );
      idx.forEach((k, i) => {
        routes[from + i] = plan.arcRoutes[k]!;
        frac[from + i] = plan.arcRouteFrac[k]!;
        slack[from + i] = slackOf[plan.arcRoutes[k]!]!;
      });
    }
    this.maxFrac = frac.reduce((m, f) => Math.max(m, f), 1);
    this.slackOrder = { routes, frac, slack };
    return this.slackOrder;
  }

  /**
   * Like forEachTouched, but only for policies whose SLO verdict can flip (for the N-1 scan): when no arc's
   * loss changed, a route's delay moves by at most maxFraction × Σ over changed arcs of |Δdelay|, so routes
   * whose delay slack exceeds that are skipped, and since the test is per route, every route kept is kept on
   * all its arcs and its accumulated change stays exact.
   */
  forEachFlipCandidate(sc: Scenario, arcs: ArcPrediction, visit: (t: TouchedPolicy) => void): void {
    const before = this.plan.arcs;
    let total = 0;
    for (let a = 0; a < arcs.delay.length; a++) {
      if (arcs.up[a] === 0) continue; // only rerouted routes crossed it
      if (arcs.logKeep[a] !== before.logKeep[a]) return this.forEachTouched(sc, arcs, visit);
      total += Math.abs(arcs.delay[a]! - before.delay[a]!);
    }
    const o = this.order();
    this.walk(sc, arcs, visit, o.routes, o.frac, o.slack, total * this.maxFrac);
  }

  forEachTouched(sc: Scenario, arcs: ArcPrediction, visit: (t: TouchedPolicy) => void): void {
    this.walk(sc, arcs, visit, this.plan.arcRoutes, this.plan.arcRouteFrac, null, Infinity);
  }

  private walk(
    sc: Scenario,
    arcs: ArcPrediction,
    visit: (t: TouchedPolicy) => void,
    arcRoutes: Int32Array,
    arcFrac: Float64Array,
    slack: Float64Array | null,
    maxSlack: number,
  ): void {
    const plan = this.plan;
    const routes = plan.vectors.length;
    const e = ++this.epoch;
    const rerouted = -2 - e;
    for (const r of sc.rerouted.keys()) if (r < routes) this.seen[r] = rerouted;
    let count = 0;
    const before = plan.arcs;
    for (let a = 0; a < arcs.delay.length; a++) {
      const dD = arcs.delay[a]! - before.delay[a]!;
      const dL = arcs.logKeep[a]! - before.logKeep[a]!;
      if (dD === 0 && dL === 0) continue;
      for (let k = plan.arcRouteStart[a]!; k < plan.arcRouteStart[a + 1]!; k++) {
        if (slack !== null && slack[k]! > maxSlack) break;
        const r = arcRoutes[k]!;
        const s = this.seen[r]!;
        if (s === rerouted) continue;
        if (s !== e) {
          this.seen[r] = e;
          this.accD[r] = 0;
          this.accL[r] = 0;
          this.touched[count++] = r;
        }
        const f = arcFrac[k]!;
        this.accD[r]! += f * dD;
        this.accL[r]! += f * dL;
      }
    }
    for (let i = 0; i < count; i++) {
      const r = this.touched[i]!;
      const delayUs = this.baseDelay[r]! + this.accD[r]!;
      const logKeep = this.baseLog[r]! + this.accL[r]!;
      for (let k = this.polStart[r]!; k < this.polStart[r + 1]!; k++) {
        visit({ policy: this.polList[k]!, route: r, rerouted: false, delayUs, logKeep });
      }
    }
    for (const r of sc.rerouted.keys()) {
      if (r >= routes) continue;
      for (let k = this.polStart[r]!; k < this.polStart[r + 1]!; k++) {
        visit({ policy: this.polList[k]!, route: r, rerouted: true, delayUs: NaN, logKeep: NaN });
      }
    }
  }
}
