import { Inject, Injectable, Optional } from '@nestjs/common';
import { InvalidQueryError } from '../../core/errors';
import type { PlanVerifier } from '../../core/intent';
import type { LinkId, NodeId } from '../../core/model/ids';
import type { IntentSpec } from '../../core/model/intent';
import type {
  IntentPrediction,
  LinkState,
  PolicyRef,
  SloViolation,
  TwinPolicy,
  WhatIfChange,
  WhatIfDiff,
  WhatIfResult,
} from '../../core/twin';
import { ComputeService } from '../compute';
import { IntentPlanner } from '../intent/intent-planner';
import type { PrePlan } from '../intent/intent-planner';
import { backgroundLoad, withBackground } from './background-load';
import { NETWORK_MODEL, PLAN_VERIFIER } from '../intent/intent.tokens';
import type { NetworkModel } from '../intent/intent.tokens';
import { TwinPlanVerifier } from './twin-plan.verifier';
import { twinPoliciesOf } from './twin-policies';
import { TwinService } from './twin.service';

/** POST /twin/what-if, after the API checked its shape (intent specs already validated). */
export interface WhatIfRequest {
  readonly failLinks?: readonly string[];
  readonly failNodes?: readonly string[];
  readonly failSrlgs?: readonly number[];
  readonly demandScale?: number;
  readonly addIntents?: readonly IntentSpec[];
  readonly removeIntents?: readonly string[];
}

/** Per intent (its policies together): the issue-8 what-if contract. */
export interface IntentWhatIf {
  readonly name: string;
  readonly sloOk: boolean;
  readonly delayUs: number | null;
  readonly lossPct: number | null;
  readonly violations: SloViolation[];
}

export interface WhatIfResponse {
  readonly links: LinkState[];
  readonly intents: IntentWhatIf[];
  readonly maxUtilisation: number;
  readonly changed: WhatIfDiff[];
}

/**
 * The what-if service: checks a change set against the network model, compiles added intents with the intent
 * planner (without admitting them and without the twin's own admission checks, so a plan the twin would refuse
 * can still be predicted), and predicts it in the live twin.
 */
@Injectable()
export class TwinWhatIf {
  constructor(
    private readonly twin: TwinService,
    private readonly planner: IntentPlanner,
    @Inject(PLAN_VERIFIER) private readonly verifier: PlanVerifier,
    @Inject(NETWORK_MODEL) private readonly network: NetworkModel,
    @Optional() private readonly compute?: ComputeService,
  ) {}

  predict(req: WhatIfRequest): WhatIfResponse {
    return responseOf(this.twin.whatIf(this.changeOf(req)));
  }

  /**
   * The prediction of a checked change set on the compute pool (issue 10), off the event loop: the twin's
   * base is snapshotted here and the two predictions (unchanged and changed) run on a worker. Without a pool,
   * as `predict`. Rejects with a `ComputeRefusal` when the pool is full or the budget runs out.
   */
  async predictChange(change: WhatIfChange): Promise<WhatIfResponse> {
    if (!this.compute) return responseOf(this.twin.whatIf(change));
    const base = this.twin.base();
    const { result, baseline } = await this.compute.whatIf(base, change);
    return responseOf(withBackground(result, backgroundLoad(base, baseline)));
  }

  /** `changeOf` with the added intents' path search on the compute pool first (issue 10). */
  async changeOffLoop(req: WhatIfRequest): Promise<WhatIfChange> {
    const pre = new Map<IntentSpec, PrePlan | undefined>();
    for (const spec of req.addIntents ?? []) pre.set(spec, await this.planner.prePlan(spec));
    return this.changeOf(req, pre);
  }

  changeOf(req: WhatIfRequest, pre?: ReadonlyMap<IntentSpec, PrePlan | undefined>): WhatIfChange {
    const topo = this.network.topology;
    req.failLinks?.forEach((l, i) => {
      if (!topo.hasLink(l)) throw bad(`unknown link '${l}'`, `failLinks/${i}`, l);
    });
    req.failNodes?.forEach((n, i) => {
      if (!topo.hasNode(n)) throw bad(`unknown node '${n}'`, `failNodes/${i}`, n);
    });
    req.failSrlgs?.forEach((s, i) => {
      if (!this.twin.index.srlgArcs.has(s)) throw bad(`no link is in SRLG ${s}`, `failSrlgs/${i}`, String(s));
    });
    const d = req.demandScale;
    if (d !== undefined && !(Number.isFinite(d) && d >= 0 && d <= 1000))
      throw bad('demandScale must be a number from 0 to 1000', 'demandScale', String(d));
    const base = this.twin.base();
    const removing = new Set<string>();
    req.removeIntents?.forEach((name, i) => {
      if (!base.policies.some((p) => p.intent === name))
        throw bad(`no intent '${name}' is in the network`, `removeIntents/${i}`, name);
      removing.add(name);
    });
    const added: TwinPolicy[] = [];
    for (const spec of req.addIntents ?? []) {
      const planned = this.compile(spec, pre?.get(spec));
      removing.add(spec.name);
      added.push(...twinPoliciesOf(planned.spec, planned.plan));
    }
    const removePolicies: PolicyRef[] = base.policies
      .filter((p) => p.intent !== undefined && removing.has(p.intent))
      .map((p) => ({ headend: p.headend, name: p.name }));
    return {
      ...(req.failLinks && { failLinks: req.failLinks as LinkId[] }),
      ...(req.failNodes && { failNodes: req.failNodes as NodeId[] }),
      ...(req.failSrlgs && { failSrlgs: req.failSrlgs }),
      ...(d !== undefined && { demandScale: d }),
      ...(added.length > 0 && { addPolicies: added }),
      ...(removePolicies.length > 0 && { removePolicies }),
    };
  }

  private compile(spec: IntentSpec, pre?: PrePlan): ReturnType<IntentPlanner['plan']> {
    const v = this.verifier;
    return v instanceof TwinPlanVerifier
      ? v.withoutTwinChecks(() => this.planner.plan(spec, pre))
      : this.planner.plan(spec, pre);
  }
}

function responseOf(r: WhatIfResult): WhatIfResponse {
  return {
    links: r.links,
    intents: byIntent(r.intents),
    maxUtilisation: r.maxUtilisation,
    changed: r.changed,
  };
}

function bad(message: string, path: string, element: string): InvalidQueryError {
  return new InvalidQueryError(`twin what-if: ${message}`, { path: `/${path}`, element });
}

/** Folds per-policy predictions into one per intent: SLO ok only if every policy keeps it; worst delay/loss. */
export function byIntent(predictions: readonly IntentPrediction[]): IntentWhatIf[] {
  const out = new Map<
    string,
    { sloOk: boolean; delayUs: number | null; lossPct: number | null; violations: SloViolation[] }
  >();
  for (const p of predictions) {
    const cur = out.get(p.name) ?? { sloOk: true, delayUs: null, lossPct: null, violations: [] };
    cur.sloOk &&= p.sloOk;
    cur.delayUs = worst(cur.delayUs, p.delayUs);
    cur.lossPct = worst(cur.lossPct, p.lossPct);
    cur.violations.push(...p.violations);
    out.set(p.name, cur);
  }
  return [...out].map(([name, v]) => ({ name, ...v })).sort((a, b) => a.name.localeCompare(b.name));
}

const worst = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);
