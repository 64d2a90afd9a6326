import type { FaultType } from '../simulators/engine';

/** One injected fault and what the controller made of it, measured against the simulator's fault registry. */
export interface Outcome {
  readonly topology: string;
  /** Scenario number within its topology's campaign. */
  readonly scenario: number;
  /** Incidents the loop opened during the scenario (all of them, related or not). */
  readonly incidentsOpened: number;
  readonly cls: FaultType;
  /** Faults injected together in this scenario (1–3). */
  readonly k: number;
  readonly target: string;
  readonly params: Record<string, number>;
  /** Latency: σ of the per-interval probe delay of the policies crossing the link (last 30 intervals). */
  readonly measuredSigmaUs?: number;
  /** A side campaign (reported apart from the main table), e.g. latency at the raw measured σ. */
  readonly variant?: string;
  /** Network ms from the fault's start (GET /faults) to the first related incident; null = missed. */
  readonly detectMs: number | null;
  readonly locateMs: number | null;
  readonly repairMs: number | null;
  /** An incident of the fault's class whose equivalence class holds the faulty element. */
  readonly correct: boolean;
  /** The class of the best related incident (for the confusion matrix), null when missed. */
  readonly reported: string | null;
  readonly eqSize: number | null;
  readonly finalState: string | null;
  readonly rolledBack: boolean;
  /** The simulator could not apply the fault (a drift with no replacement SID): excluded from the figures. */
  readonly noEffect?: boolean;
  /** No new incident, but one still open from before the fault names its element (it may have absorbed it). */
  readonly absorbed: boolean;
  /**
   * False when no reroute could repair the fault: a policy over the faulty link or node ends at it or has no
   * way around it in the topology (judged on the simulator's ground truth before injection; see
   * `assurance-repairable.ts`). Drift and telemetry gaps are repaired in place: always true.
   */
  readonly repairable: boolean;
  /** The loop applied a repair by itself (reroute, re-push, resync, or nothing to move). */
  readonly applied: boolean;
  /** The incident resolved (signals gone) while the fault was still active in the simulator. */
  readonly resolvedWhileActive: boolean;
  readonly classifier: string | null;
  /** Why an L4 repair waits for a human (guardrail), when it does. */
  readonly waitingFor?: string;
  /**
   * Diagnostic: the best related incident's actions (`kind → result: detail`, detail cut to 300 chars) and
   * its equivalence class, to tell why a repair failed or rolled back without rerunning the scenario.
   */
  readonly trail?: readonly string[];
}
