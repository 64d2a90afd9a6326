import { DEFAULT_LINK_MODEL, congestionLossPct, queueDelayUs } from './link-model';
import type { LinkModel } from './link-model';
import type { ResolvedPolicy } from './policy-route';
import type { RouteVector } from './route-table';
import type { TwinIndex } from './twin-index';
import type { WhatIfBase } from './what-if-base';
import type { IntentPrediction, LinkState, SloViolation } from './twin-types';

/** Per-arc predicted state (index order). */
export interface ArcPrediction {
  readonly up: Uint8Array;
  readonly loads: Float64Array;
  readonly util: Float64Array;
  readonly delay: Float64Array;
  readonly loss: Float64Array;
  /** ln(1 − loss/100) per arc, so a path's delivery ratio is exp(Σ fraction · logKeep). */
  readonly logKeep: Float64Array;
}

export function predictArcs(
  index: TwinIndex,
  base: WhatIfBase,
  up: Uint8Array,
  loads: Float64Array,
  model: LinkModel = DEFAULT_LINK_MODEL,
): ArcPrediction {
  const g = index.g;
  const util = new Float64Array(g.m);
  const delay = new Float64Array(g.m);
  const loss = new Float64Array(g.m);
  const logKeep = new Float64Array(g.m);
  for (let a = 0; a < g.m; a++) {
    const cap = g.capacity[a]!;
    const rho = cap > 0 ? loads[a]! / cap : 0;
    util[a] = rho;
    delay[a] = Math.max(0, g.delay[a]! + queueDelayUs(rho, cap, model) + base.correctionUs[a]!);
    loss[a] = up[a] === 1 ? congestionLossPct(rho, model) : 100;
    logKeep[a] = loss[a] === 0 ? 0 : Math.log(Math.max(1e-12, 1 - loss[a]! / 100));
  }
  return { up, loads, util, delay, loss, logKeep };
}

export function maxUtilisation(p: ArcPrediction): number {
  let max = 0;
  for (let a = 0; a < p.util.length; a++) if (p.up[a] === 1 && p.util[a]! > max) max = p.util[a]!;
  return max;
}

export function linkStates(index: TwinIndex, base: WhatIfBase, p: ArcPrediction): LinkState[] {
  const g = index.g;
  const out: LinkState[] = new Array<LinkState>(g.m);
  for (let a = 0; a < g.m; a++) {
    out[a] = {
      link: g.linkIds[g.arcLink[a]!]!,
      from: g.nodeIds[g.arcFrom[a]!]!,
      to: g.nodeIds[g.arcTo[a]!]!,
      arc: g.arcIds[a]!,
      status: p.up[a] === 1 ? 'up' : 'down',
      capacityMbps: g.capacity[a]!,
      loadMbps: p.loads[a]!,
      utilisation: p.util[a]!,
      delayUs: p.delay[a]!,
      lossPct: p.loss[a]!,
      reservedMbps: base.reservedMbps[a]!,
      stale: false,
      lastSampleMs: null,
    };
  }
  return out;
}

export const intentName = (rp: ResolvedPolicy): string =>
  rp.policy.intent ?? `${rp.policy.headend}/${rp.policy.name}`;

/**
 * A policy's predicted delay (fraction-weighted over its ECMP/weighted paths), loss (1 − Π(1 − l)^fraction)
 * and SLO verdict. The bandwidth check is the most policy traffic its paths can carry given everyone else's
 * load: min over its arcs of (capacity − other load) / fraction.
 */
export function predictPolicy(
  index: TwinIndex,
  rp: ResolvedPolicy,
  vec: RouteVector,
  ownMbps: number,
  p: ArcPrediction,
): IntentPrediction {
  let delay = 0;
  let logKeep = 0;
  for (let i = 0; i < vec.arcs.length; i++) {
    delay += vec.frac[i]! * p.delay[vec.arcs[i]!]!;
    logKeep += vec.frac[i]! * p.logKeep[vec.arcs[i]!]!;
  }
  return intentOf(index, rp, vec, ownMbps, p, delay, logKeep);
}

/** The prediction of a policy whose path delay and Σ fraction · ln(1 − loss) are already known. */
export function intentOf(
  index: TwinIndex,
  rp: ResolvedPolicy,
  vec: RouteVector,
  ownMbps: number,
  p: ArcPrediction,
  delay: number,
  logKeep: number,
): IntentPrediction {
  const name = intentName(rp);
  const violations: SloViolation[] = [];
  const slo = rp.policy.slo;
  const { headend, name: policy } = rp.policy;
  if (vec.active === null) {
    violations.push({ slo: 'reachability', predicted: 0, bound: 1 });
    return { name, headend, policy, activePath: null, sloOk: false, delayUs: null, lossPct: 100, violations };
  }
  const lossPct = 100 * (1 - Math.exp(logKeep));
  if (slo?.maxDelayUs !== undefined && delay > slo.maxDelayUs) {
    violations.push({ slo: 'maxDelayUs', predicted: delay, bound: slo.maxDelayUs });
  }
  if (slo?.maxLossPct !== undefined && lossPct > slo.maxLossPct) {
    violations.push({ slo: 'maxLossPct', predicted: lossPct, bound: slo.maxLossPct });
  }
  if (slo?.bandwidthMbps !== undefined) {
    let room = Infinity;
    for (let i = 0; i < vec.arcs.length; i++) {
      const a = vec.arcs[i]!;
      const f = vec.frac[i]!;
      room = Math.min(room, (index.g.capacity[a]! - p.loads[a]! + ownMbps * f) / f);
    }
    if (room < slo.bandwidthMbps) {
      violations.push({ slo: 'bandwidthMbps', predicted: Math.max(0, room), bound: slo.bandwidthMbps });
    }
  }
  const activePath = vec.active;
  return {
    name,
    headend,
    policy,
    activePath,
    sloOk: violations.length === 0,
    delayUs: delay,
    lossPct,
    violations,
  };
}

/** predictPolicy's verdict alone, without allocating (the N-1 scan evaluates it millions of times). */
export function policySloOk(
  index: TwinIndex,
  rp: ResolvedPolicy,
  vec: RouteVector,
  ownMbps: number,
  p: ArcPrediction,
): boolean {
  if (vec.active === null) return false;
  const slo = rp.policy.slo;
  if (!slo) return true;
  const { arcs, frac } = vec;
  let delay = 0;
  let logKeep = 0;
  let room = Infinity;
  const bw = slo.bandwidthMbps;
  for (let i = 0; i < arcs.length; i++) {
    const a = arcs[i]!;
    const f = frac[i]!;
    delay += f * p.delay[a]!;
    logKeep += f * p.logKeep[a]!;
    if (bw !== undefined) room = Math.min(room, (index.g.capacity[a]! - p.loads[a]! + ownMbps * f) / f);
  }
  if (slo.maxDelayUs !== undefined && delay > slo.maxDelayUs) return false;
  if (slo.maxLossPct !== undefined && 100 * (1 - Math.exp(logKeep)) > slo.maxLossPct) return false;
  return bw === undefined || room >= bw;
}
