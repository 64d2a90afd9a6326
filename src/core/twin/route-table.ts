import { ArcAccumulator } from './arc-accumulator';
import { spreadEcmp } from './ecmp-spread';
import { resolvePolicy, routePolicy } from './policy-route';
import type { ActivePath, ResolvedPolicy } from './policy-route';
import type { RoutingView } from './routing-view';
import type { TwinIndex } from './twin-index';
import type { DemandEntry, TwinPolicy } from './twin-types';

/** Where a unit of a flow goes: arcs (each once) and the fraction of the flow each carries. */
export interface RouteVector {
  readonly arcs: Int32Array;
  readonly frac: Float64Array;
  readonly active: ActivePath;
}

/** A flow aggregate: all demands from src to dst that take the same forwarding (one policy, or IGP). */
export interface RouteSpec {
  readonly src: number;
  readonly dst: number;
  /** Index into the policy list, or -1 for IGP. */
  readonly policy: number;
}

export const policyKey = (headend: string, name: string): string => `${headend}\u0000${name}`;
export const routeKey = (r: RouteSpec): string => `${r.policy}:${r.src}:${r.dst}`;

/** Computes route vectors in one scenario's view, with reusable scratch space. */
export class RouteComputer {
  private readonly acc: ArcAccumulator;

  constructor(
    readonly index: TwinIndex,
    readonly policies: readonly ResolvedPolicy[],
  ) {
    this.acc = new ArcAccumulator(index.g.m);
  }

  compute(view: RoutingView, r: RouteSpec, policyRemoved = false): RouteVector {
    let active: ActivePath;
    if (r.policy >= 0 && !policyRemoved) {
      active = routePolicy(view, this.policies[r.policy]!, r.dst, 1, this.acc);
    } else {
      const ok = r.src >= 0 && r.dst >= 0 && spreadEcmp(view, r.src, r.dst, 1, this.acc);
      active = ok ? 'igp' : null;
    }
    if (active === null) {
      this.acc.clear();
      return { arcs: new Int32Array(0), frac: new Float64Array(0), active };
    }
    return { ...this.acc.drain(), active };
  }
}

/** Flow aggregates of a set of policies and demands: one per (policy or IGP, src, dst), with total Mbit/s. */
export class RouteSet {
  readonly specs: RouteSpec[] = [];
  readonly mbps: number[] = [];
  readonly byKey = new Map<string, number>();
  /** Per policy: the route of its own endpoint (its probe path, what its SLO is judged on). */
  readonly policyRoute: number[] = [];
  readonly policies: ResolvedPolicy[] = [];
  readonly policyIndex = new Map<string, number>();

  constructor(readonly index: TwinIndex) {}

  /** A copy that can be extended without touching this one (resolved policies are shared, immutable). */
  clone(): RouteSet {
    const c = new RouteSet(this.index);
    c.specs.push(...this.specs);
    c.mbps.push(...this.mbps);
    for (const [k, v] of this.byKey) c.byKey.set(k, v);
    c.policyRoute.push(...this.policyRoute);
    c.policies.push(...this.policies);
    for (const [k, v] of this.policyIndex) c.policyIndex.set(k, v);
    return c;
  }

  /** Replaces a policy's forwarding in place (same index, so the demands it steers follow the new one). */
  replacePolicy(i: number, p: TwinPolicy): void {
    this.policies[i] = resolvePolicy(this.index, p);
  }

  addPolicy(p: TwinPolicy): number {
    const i = this.policies.length;
    const rp = resolvePolicy(this.index, p);
    this.policies.push(rp);
    this.policyIndex.set(policyKey(p.headend, p.name), i);
    this.policyRoute.push(this.route({ src: rp.headend, dst: rp.endpoint, policy: i }));
    return i;
  }

  /** Adds a demand to its aggregate; returns the route index (or -1 for an unknown endpoint). */
  addDemand(d: DemandEntry, scale = 1): number {
    const src = this.index.g.node(d.from);
    const dst = this.index.g.node(d.to);
    if (src === undefined || dst === undefined) return -1;
    const pi = d.policy ? this.policyIndex.get(policyKey(d.policy.headend, d.policy.name)) : undefined;
    const policy = pi !== undefined && this.policies[pi]!.headend === src ? pi : -1;
    const r = this.route({ src, dst, policy });
    this.mbps[r]! += d.mbps * scale;
    return r;
  }

  route(spec: RouteSpec): number {
    const key = routeKey(spec);
    let r = this.byKey.get(key);
    if (r === undefined) {
      r = this.specs.length;
      this.specs.push(spec);
      this.mbps.push(0);
      this.byKey.set(key, r);
    }
    return r;
  }
}
