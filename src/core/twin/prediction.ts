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
  for (let a = 0; a < g.m; a++) {
    const cap = g.capacity[a]!;
    const rho = cap > 0 ? loads[a]! / cap : 0;
    util[a] = rho;
    delay[a] = Math.max(0, g.delay[a]! + queueDelayUs(rho, cap, model) + base.correctionUs[a]!);
    loss[a] = up[a] === 1 ? congestionLossPct(rho, model) : 100;
  }
  return { up, loads, util, delay, loss };
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
  const name = intentName(rp);
  const violations: SloViolation[] = [];
  const slo = rp.policy.slo;
  const head = { name, headend: rp.policy.headend, policy: rp.policy.name, activePath: vec.active };
  if (vec.active === null) {
    violations.push({ slo: 'reachability', predicted: 0, bound: 1 });
    return { ...head, sloOk: false, delayUs: null, lossPct: 100, violations };
  }
  let delay = 0;
  let logKeep = 0;
  let room = Infinity;
  for (let i = 0; i < vec.arcs.length; i++) {
    const a = vec.arcs[i]!;
    const f = vec.frac[i]!;
    delay += f * p.delay[a]!;
    logKeep += f * Math.log(Math.max(1e-12, 1 - p.loss[a]! / 100));
    const other = p.loads[a]! - ownMbps * f;
    room = Math.min(room, (index.g.capacity[a]! - other) / f);
  }
  const lossPct = 100 * (1 - Math.exp(logKeep));
  if (slo?.maxDelayUs !== undefined && delay > slo.maxDelayUs) {
    violations.push({ slo: 'maxDelayUs', predicted: delay, bound: slo.maxDelayUs });
  }
  if (slo?.maxLossPct !== undefined && lossPct > slo.maxLossPct) {
    violations.push({ slo: 'maxLossPct', predicted: lossPct, bound: slo.maxLossPct });
  }
  if (slo?.bandwidthMbps !== undefined && room < slo.bandwidthMbps) {
    violations.push({ slo: 'bandwidthMbps', predicted: Math.max(0, room), bound: slo.bandwidthMbps });
  }
  return { ...head, sloOk: violations.length === 0, delayUs: delay, lossPct, violations };
}
