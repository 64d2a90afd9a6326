import type { LinkId } from '../model/ids';
import { BasePlan } from './base-plan';
import {
  intentName,
  intentOf,
  linkStates,
  maxUtilisation,
  policySloOk,
  predictArcs,
  predictPolicy,
} from './prediction';
import type { ArcPrediction } from './prediction';
import { applyChange, vectorOf } from './scenario';
import { SloDelta } from './slo-delta';
import type { Scenario } from './scenario';
import type { ResolvedPolicy } from './policy-route';
import type { TwinIndex } from './twin-index';
import type { WhatIfBase } from './what-if-base';
import type { IntentPrediction, N1Outcome, WhatIfChange, WhatIfDiff, WhatIfResult } from './twin-types';

export interface ScanN1Options {
  /** Only these links (default: every link of the topology). */
  readonly links?: readonly LinkId[];
}

/** Utilisation changes smaller than this are not reported as changed. */
const UTIL_EPSILON = 0.005;

/**
 * Predicts the network under a change set (ADR 0090): IGP ECMP and SR-policy forwarding recomputed only for
 * the flows the change touches, per-arc load/utilisation/delay/loss, per-policy delay/loss/SLO verdict, and the
 * differences from the unchanged base prediction.
 */
export function predictWhatIf(index: TwinIndex, base: WhatIfBase, change: WhatIfChange): WhatIfResult {
  const plan = BasePlan.of(index, base);
  const sc = applyChange(plan, change);
  const arcs = predictArcs(index, base, sc.up, sc.loads);
  const now: (IntentPrediction | undefined)[] = plan.intents.slice();
  SloDelta.of(plan).forEachTouched(sc, arcs, (t) => {
    if (t.rerouted) return;
    const r = t.route;
    const own = sc.set.mbps[r]! * sc.scale;
    now[t.policy] = intentOf(
      index,
      sc.set.policies[t.policy]!,
      plan.vectors[r]!,
      own,
      arcs,
      t.delayUs,
      t.logKeep,
    );
  });
  for (const r of sc.rerouted.keys()) {
    for (const i of plan.policiesOfRoute(r)) now[i] = policyVerdict(plan, sc, arcs, i);
  }
  for (let i = plan.intents.length; i < sc.set.policies.length; i++)
    now[i] = policyVerdict(plan, sc, arcs, i);
  const intents: IntentPrediction[] = [];
  const before: (IntentPrediction | undefined)[] = [];
  now.forEach((p, i) => {
    if (sc.removed.has(i) || !p) return;
    intents.push(p);
    before.push(plan.intents[i]);
  });
  return {
    links: linkStates(index, base, arcs),
    intents,
    maxUtilisation: maxUtilisation(arcs),
    changed: diff(plan, arcs, intents, before, sc),
  };
}

function policyVerdict(plan: BasePlan, sc: Scenario, arcs: ArcPrediction, i: number): IntentPrediction {
  const r = sc.set.policyRoute[i]!;
  return predictPolicy(
    plan.index,
    sc.set.policies[i]!,
    vectorOf(plan, sc, r),
    sc.set.mbps[r]! * sc.scale,
    arcs,
  );
}

function diff(
  plan: BasePlan,
  arcs: ArcPrediction,
  intents: readonly IntentPrediction[],
  before: readonly (IntentPrediction | undefined)[],
  sc: Scenario,
): WhatIfDiff[] {
  const g = plan.index.g;
  const out: WhatIfDiff[] = [];
  const b = plan.arcs;
  for (let a = 0; a < g.m; a++) {
    const where = { link: g.linkIds[g.arcLink[a]!]!, arc: g.arcIds[a]! };
    if (b.up[a] !== arcs.up[a]) {
      out.push({
        ...where,
        field: 'status',
        before: b.up[a] ? 'up' : 'down',
        after: arcs.up[a] ? 'up' : 'down',
      });
    }
    if (Math.abs(b.util[a]! - arcs.util[a]!) >= UTIL_EPSILON) {
      out.push({ ...where, field: 'utilisation', before: b.util[a]!, after: arcs.util[a]! });
    }
  }
  intents.forEach((now, k) => {
    const was = before[k];
    if (was === now) return;
    const policy = `${now.headend}/${now.policy}`;
    if (!was) {
      out.push({ policy, field: 'added', before: '', after: now.sloOk ? 'sloOk' : 'violated' });
      return;
    }
    if (was.activePath !== now.activePath) {
      out.push({
        policy,
        field: 'activePath',
        before: String(was.activePath),
        after: String(now.activePath),
      });
    }
    if (was.sloOk !== now.sloOk)
      out.push({ policy, field: 'sloOk', before: String(was.sloOk), after: String(now.sloOk) });
    const d0 = was.delayUs ?? -1;
    const d1 = now.delayUs ?? -1;
    if (Math.abs(d1 - d0) > Math.max(1, 0.01 * Math.abs(d0)))
      out.push({ policy, field: 'delayUs', before: d0, after: d1 });
  });
  for (const i of sc.removed) {
    const rp = plan.set.policies[i]!;
    out.push({
      policy: `${rp.policy.headend}/${rp.policy.name}`,
      field: 'removed',
      before: intentName(rp),
      after: '',
    });
  }
  return out;
}

/**
 * Every single-link failure (or the given links): the maximum utilisation and the intents whose SLO would
 * not hold. Only policies whose forwarding changes or whose arcs' load changes are re-evaluated; the rest
 * keep their base verdict.
 */
export function scanN1(
  index: TwinIndex,
  base: WhatIfBase,
  options: ScanN1Options = {},
): (N1Outcome & { newlyBroken: string[] })[] {
  const plan = BasePlan.of(index, base);
  const delta = SloDelta.of(plan);
  const baseOk = plan.intents.map((p) => p.sloOk);
  const names = plan.set.policies.map(intentName);
  const links = options.links ?? index.g.linkIds;
  return links.map((link) => {
    const sc = applyChange(plan, { failLinks: [link] });
    const arcs = predictArcs(index, base, sc.up, sc.loads);
    const flipped: number[] = [];
    delta.forEachFlipCandidate(sc, arcs, (t) => {
      const rp = plan.set.policies[t.policy]!;
      const ok =
        t.rerouted || rp.policy.slo?.bandwidthMbps !== undefined
          ? policySloOk(index, rp, vectorOf(plan, sc, t.route), plan.set.mbps[t.route]!, arcs)
          : verdictOf(rp, t.delayUs, t.logKeep);
      if (ok !== baseOk[t.policy]) flipped.push(t.policy);
    });
    const broken = new Set<number>();
    baseOk.forEach((ok, i) => !ok && broken.add(i));
    for (const i of flipped)
      if (baseOk[i]) broken.add(i);
      else broken.delete(i);
    const named = (ids: Iterable<number>): string[] => [...new Set([...ids].map((i) => names[i]!))].sort();
    return {
      link,
      maxUtilisation: maxUtilisation(arcs),
      brokenIntents: named(broken),
      newlyBroken: named([...broken].filter((i) => baseOk[i])),
    };
  });
}

function verdictOf(rp: ResolvedPolicy, delayUs: number, logKeep: number): boolean {
  const slo = rp.policy.slo;
  if (slo?.maxDelayUs !== undefined && delayUs > slo.maxDelayUs) return false;
  return !(slo?.maxLossPct !== undefined && 100 * (1 - Math.exp(logKeep)) > slo.maxLossPct);
}
