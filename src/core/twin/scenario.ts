import { InvalidQueryError, NotFoundError, UnknownLinkError, UnknownNodeError } from '../errors';
import { addScaled } from './base-plan';
import type { BasePlan } from './base-plan';
import { RouteComputer, policyKey } from './route-table';
import type { RouteSet, RouteVector } from './route-table';
import { RoutingView } from './routing-view';
import type { WhatIfChange } from './twin-types';

/** A change set applied to a base plan: the scenario's arcs, flows and loads. */
export interface Scenario {
  readonly up: Uint8Array;
  readonly newlyDown: Int32Array;
  readonly set: RouteSet;
  readonly removed: ReadonlySet<number>;
  /** Routes whose forwarding was recomputed (route index → vector), including every new route. */
  readonly rerouted: ReadonlyMap<number, RouteVector>;
  readonly loads: Float64Array;
  readonly scale: number;
}

export function vectorOf(plan: BasePlan, sc: Scenario, r: number): RouteVector {
  return sc.rerouted.get(r) ?? plan.vectors[r]!;
}

function failMask(plan: BasePlan, change: WhatIfChange): Uint8Array {
  const { index } = plan;
  const g = index.g;
  const up = plan.view.up.slice();
  for (const id of change.failLinks ?? []) {
    const l = g.link(id);
    if (l === undefined) throw new UnknownLinkError(id, 'twin what-if');
    for (const a of index.arcsOfLink(l)) up[a] = 0;
  }
  for (const id of change.failNodes ?? []) {
    const v = g.node(id);
    if (v === undefined) throw new UnknownNodeError(id, 'twin what-if');
    for (let k = g.outStart[v]!; k < g.outStart[v + 1]!; k++) up[g.outArc[k]!] = 0;
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) up[g.inArc[k]!] = 0;
  }
  for (const s of change.failSrlgs ?? []) {
    const arcs = index.srlgArcs.get(s);
    if (!arcs)
      throw new InvalidQueryError(`twin what-if: no link belongs to SRLG ${s}`, { path: 'failSrlgs' });
    for (const a of arcs) up[a] = 0;
  }
  return up;
}

function routingView(
  plan: BasePlan,
  up: Uint8Array,
  newlyDown: Int32Array,
  change: WhatIfChange,
): RoutingView {
  const metrics = change.igpMetrics ?? [];
  if (metrics.length === 0) return newlyDown.length ? plan.view.withFailures(up, newlyDown) : plan.view;
  const weights = plan.index.g.igp.slice();
  for (const { arc, metric } of metrics) {
    const a = plan.index.g.arc(arc);
    if (a === undefined) throw new UnknownLinkError(arc, 'twin what-if');
    if (!(metric > 0)) throw new InvalidQueryError(`twin what-if: IGP metric of ${arc} must be > 0`);
    weights[a] = metric;
  }
  return new RoutingView(plan.index, up, weights);
}

export function applyChange(plan: BasePlan, change: WhatIfChange): Scenario {
  const g = plan.index.g;
  const up = failMask(plan, change);
  const down: number[] = [];
  for (let a = 0; a < g.m; a++) if (plan.view.up[a] === 1 && up[a] === 0) down.push(a);
  const newlyDown = Int32Array.from(down);
  const view = routingView(plan, up, newlyDown, change);
  const baseRoutes = plan.vectors.length;
  const extends_ = (change.addPolicies?.length ?? 0) + (change.addDemands?.length ?? 0) > 0;
  const set = extends_ ? plan.set.clone() : plan.set;
  const policyChanged = new Set<number>();
  const removed = new Set<number>();
  for (const ref of change.removePolicies ?? []) {
    const i = set.policyIndex.get(policyKey(ref.headend, ref.name));
    if (i === undefined) throw new NotFoundError(`twin what-if: no policy '${ref.name}' at '${ref.headend}'`);
    removed.add(i);
    policyChanged.add(i);
  }
  const mbpsChanged = new Set<number>();
  for (const p of change.addPolicies ?? []) {
    const existing = set.policyIndex.get(policyKey(p.headend, p.name));
    if (existing !== undefined) {
      set.replacePolicy(existing, p);
      policyChanged.add(existing);
      removed.delete(existing);
    } else set.addPolicy(p);
  }
  for (const d of change.addDemands ?? []) {
    const r = set.addDemand(d);
    if (r >= 0) mbpsChanged.add(r);
  }
  for (const p of change.addPolicies ?? []) {
    const named = (change.addDemands ?? []).some(
      (d) => d.policy?.headend === p.headend && d.policy.name === p.name,
    );
    const bw = p.slo?.bandwidthMbps;
    if (!named && !p.probeOnly && bw !== undefined && bw > 0) {
      const r = set.addDemand({ from: p.headend, to: p.endpoint, mbps: bw, policy: p, estimated: true });
      if (r >= 0) mbpsChanged.add(r);
    }
  }
  const affected = new Set<number>();
  if (view.weights !== plan.view.weights) for (let r = 0; r < set.specs.length; r++) affected.add(r);
  for (const a of newlyDown) {
    for (let k = plan.arcRouteStart[a]!; k < plan.arcRouteStart[a + 1]!; k++)
      affected.add(plan.arcRoutes[k]!);
  }
  if (policyChanged.size) set.specs.forEach((s, r) => policyChanged.has(s.policy) && affected.add(r));
  for (let r = baseRoutes; r < set.specs.length; r++) affected.add(r);

  const computer = set === plan.set ? plan.computer : new RouteComputer(plan.index, set.policies);
  const rerouted = new Map<number, RouteVector>();
  const loads = plan.loads.slice();
  for (const r of affected) {
    if (r < baseRoutes) addScaled(loads, plan.vectors[r]!, -plan.set.mbps[r]!);
    const spec = set.specs[r]!;
    const v = computer.compute(view, spec, removed.has(spec.policy));
    rerouted.set(r, v);
    addScaled(loads, v, set.mbps[r]!);
  }
  for (const r of mbpsChanged) {
    if (r >= baseRoutes || affected.has(r)) continue;
    addScaled(loads, plan.vectors[r]!, set.mbps[r]! - plan.set.mbps[r]!);
  }
  const scale = change.demandScale ?? 1;
  if (!(scale >= 0))
    throw new InvalidQueryError('twin what-if: demandScale must be >= 0', { path: 'demandScale' });
  for (let a = 0; a < g.m; a++) {
    const x = loads[a]! * scale;
    loads[a] = x < 1e-9 ? 0 : x;
  }
  return { up, newlyDown, set, removed, rerouted, loads, scale };
}
