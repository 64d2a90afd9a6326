import type { VerificationCheck } from '../../core/intent';
import type { LinkId } from '../../core/model/ids';
import type { IntentPlan, IntentSpec } from '../../core/model/intent';
import { predictWhatIf } from '../../core/twin';
import type { TwinIndex, WhatIfBase, WhatIfChange, WhatIfResult } from '../../core/twin';
import { withBackground } from './background-load';
import { twinPoliciesOf } from './twin-policies';

/** What a passing (or refused) plan is predicted to do, shown with the verification. */
export interface PlanPrediction {
  readonly ceiling: number;
  readonly maxUtilisation: number;
  readonly intents: readonly {
    readonly name: string;
    readonly policy: string;
    readonly delayUs: number | null;
    readonly lossPct: number | null;
    readonly sloOk: boolean;
  }[];
  /** The arcs the plan's policies use, with their predicted utilisation and delay. */
  readonly arcs: readonly { readonly arc: string; readonly utilisation: number; readonly delayUs: number }[];
  /** Single-link failures checked because the intent asks for protection. */
  readonly failuresChecked: number;
}

export interface PlanAssessment {
  readonly checks: VerificationCheck[];
  readonly prediction: PlanPrediction;
}

interface Problems {
  readonly hot: string[];
  readonly hotArcs: string[];
  readonly broken: string[];
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Runs a plan through the twin (ADR 0097): the network with the plan's policies (replacing the intent's
 * current ones) against the network without, now and, for protected intents, under each single failure of a
 * link of a primary path. Only what the plan makes worse counts: an arc pushed (further) above the ceiling, an
 * admitted intent whose SLO held and breaks, or the new intent's own SLO.
 */
export function assessPlan(
  index: TwinIndex,
  base: WhatIfBase,
  background: Float64Array,
  plan: IntentPlan,
  spec: IntentSpec,
  ceiling: number,
): PlanAssessment {
  const change: WhatIfChange = {
    addPolicies: twinPoliciesOf(spec, plan),
    removePolicies: base.policies
      .filter((p) => p.intent === spec.name)
      .map((p) => ({ headend: p.headend, name: p.name })),
  };
  const run = (c: WhatIfChange): WhatIfResult => withBackground(predictWhatIf(index, base, c), background);
  const before = run({});
  const after = run(change);
  const now = problems(before, after, spec.name, ceiling);
  const checks: VerificationCheck[] = [
    now.hot.length === 0
      ? { check: 'capacity', ok: true, detail: `twin: no arc above the ${ceiling} utilisation ceiling` }
      : {
          check: 'capacity',
          ok: false,
          detail: `twin: predicted utilisation above the ${ceiling} ceiling on ${now.hot.join(', ')}`,
          elements: now.hotArcs,
        },
    now.broken.length === 0
      ? { check: 'delay', ok: true, detail: 'twin: every admitted intent keeps its SLO' }
      : {
          check: 'delay',
          ok: false,
          detail: `twin: SLO broken: ${now.broken.join('; ')}`,
          elements: now.hotArcs,
        },
  ];
  const links = primaryLinks(plan, spec);
  if (links.length > 0) checks.push(protectionCheck(links, change, run, spec.name, ceiling));
  return { checks, prediction: predictionOf(after, plan, spec, ceiling, links.length, index) };
}

function protectionCheck(
  links: readonly LinkId[],
  change: WhatIfChange,
  run: (c: WhatIfChange) => WhatIfResult,
  intent: string,
  ceiling: number,
): VerificationCheck {
  const exposed: string[] = [];
  const elements = new Set<string>();
  for (const link of links) {
    const p = problems(run({ failLinks: [link] }), run({ ...change, failLinks: [link] }), intent, ceiling);
    if (p.hot.length === 0 && p.broken.length === 0) continue;
    exposed.push(`link ${link} down: ${[...p.hot, ...p.broken].join(', ')}`);
    elements.add(link);
    p.hotArcs.forEach((a) => elements.add(a));
  }
  return exposed.length === 0
    ? {
        check: 'protection',
        ok: true,
        detail: `twin: each of ${links.length} single-link failures on the primary paths stays under the ceiling with every SLO kept`,
      }
    : { check: 'protection', ok: false, detail: `twin: ${exposed.join('; ')}`, elements: [...elements] };
}

function problems(before: WhatIfResult, after: WhatIfResult, intent: string, ceiling: number): Problems {
  const hot: string[] = [];
  const hotArcs: string[] = [];
  after.links.forEach((l, a) => {
    const was = before.links[a]!.utilisation;
    if (l.status === 'up' && l.utilisation > ceiling && l.utilisation > was + 1e-6) {
      hot.push(`${l.arc} (${r3(was)} → ${r3(l.utilisation)})`);
      hotArcs.push(l.arc);
    }
  });
  const okBefore = new Map(before.intents.map((i) => [`${i.headend}/${i.policy}`, i.sloOk]));
  const broken = after.intents
    .filter((i) => !i.sloOk && (i.name === intent || okBefore.get(`${i.headend}/${i.policy}`) === true))
    .map(
      (i) =>
        `${i.name} (${i.headend}/${i.policy}): ` +
        (i.violations.map((v) => `${v.slo} ${r3(v.predicted)} > ${v.bound}`).join(', ') || 'unreachable'),
    );
  return { hot, hotArcs, broken };
}

function primaryLinks(plan: IntentPlan, spec: IntentSpec): LinkId[] {
  if (spec.sle.protection === 'none') return [];
  const out = new Set<LinkId>();
  for (const p of plan.policies)
    for (const cp of p.candidatePaths) if (cp.role === 'primary') cp.links.forEach((l) => out.add(l));
  return [...out].sort();
}

function predictionOf(
  after: WhatIfResult,
  plan: IntentPlan,
  spec: IntentSpec,
  ceiling: number,
  failuresChecked: number,
  index: TwinIndex,
): PlanPrediction {
  const used = new Set<number>();
  for (const p of plan.policies)
    for (const cp of p.candidatePaths)
      cp.links.forEach((link, i) => {
        const arc = index.topology.link(link).arcs.find((a) => a.from === cp.nodes[i]);
        const k = arc && index.g.arc(arc.id);
        if (k !== undefined) used.add(k);
      });
  return {
    ceiling,
    maxUtilisation: r3(after.maxUtilisation),
    intents: after.intents
      .filter((i) => i.name === spec.name)
      .map((i) => ({
        name: i.name,
        policy: `${i.headend}/${i.policy}`,
        delayUs: i.delayUs === null ? null : Math.round(i.delayUs),
        lossPct: i.lossPct,
        sloOk: i.sloOk,
      })),
    arcs: [...used]
      .sort((x, y) => x - y)
      .map((a) => ({
        arc: after.links[a]!.arc,
        utilisation: r3(after.links[a]!.utilisation),
        delayUs: Math.round(after.links[a]!.delayUs),
      })),
    failuresChecked,
  };
}
