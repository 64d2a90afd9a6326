import type { AdmissionView, PlanVerifier, Verification } from '../../core/intent';
import type { IntentPlan, IntentSpec } from '../../core/model/intent';
import type { TopologyGraph } from '../../core/topology';
import { assessPlan } from './plan-assessment';
import type { PlanPrediction } from './plan-assessment';
import type { TwinService } from './twin.service';

/** A verification with the twin's prediction for the plan (absent when the twin had nothing measured). */
export interface TwinVerification extends Verification {
  readonly prediction?: PlanPrediction;
  readonly twin: 'checked' | 'no-measurements' | 'skipped';
}

/**
 * Verifies plans in the twin (issue 8 item 4): the topology checks first (continuity, SIDs, reservations,
 * static delay, protection), then — when they pass and the twin has fresh measurements — the twin's
 * prediction of the network with the plan, now and under each single-link failure of its primary paths for a
 * protected intent: refused when an arc is pushed above the ceiling or an admitted intent's SLO breaks.
 */
export class TwinPlanVerifier implements PlanVerifier {
  private skipping = 0;

  constructor(
    private readonly topologyChecks: PlanVerifier,
    private readonly twin: TwinService,
  ) {}

  /** Runs `fn` with the twin checks off (the what-if compiles intents it only predicts, never admits). */
  withoutTwinChecks<T>(fn: () => T): T {
    this.skipping++;
    try {
      return fn();
    } finally {
      this.skipping--;
    }
  }

  verify(
    plan: IntentPlan,
    spec: IntentSpec,
    topology: TopologyGraph,
    ledger: AdmissionView,
  ): TwinVerification {
    const v = this.topologyChecks.verify(plan, spec, topology, ledger);
    if (this.skipping > 0 || !v.ok) return { ...v, twin: 'skipped' };
    if (!this.twin.hasMeasurements()) return { ...v, twin: 'no-measurements' };
    const base = this.twin.base();
    const a = assessPlan(this.twin.index, base, this.twin.background(base), plan, spec, this.twin.ceiling);
    const checks = [...v.checks, ...a.checks];
    return { ok: checks.every((c) => c.ok), checks, prediction: a.prediction, twin: 'checked' };
  }
}
