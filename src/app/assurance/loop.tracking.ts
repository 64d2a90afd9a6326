import type { IntentStore, StoredIntent } from '../../ports/intent-store.port';
import type { LoopObservation } from './assurance-engine';
import type { GuardrailOptions } from './guardrails';
import type { IncidentBook, IncidentRecord } from './incident-book';
import type { WatchStreak } from './loop.checks';
import type { ObservationBuilder } from './observation.builder';
import type { ProbeManager } from './probe.manager';
import type { RepairExecutor } from './repair.executor';

export type AutonomyLevel = 'off' | 'L3' | 'L4';

export interface LoopOptions {
  readonly autonomy: AutonomyLevel;
  /** Telemetry interval on the network clock. */
  readonly intervalMs: number;
  /** Intervals of fresh probes a repair must pass before it is `repaired`. */
  readonly verifyIntervals: number;
  /** Intervals without the incident's signals before it resolves. */
  readonly clearIntervals: number;
  /** Intervals the localiser may spend on disambiguation probes before the incident counts as located. */
  readonly probeIntervals: number;
  /** Compare what the headends hold with the store every this many intervals. */
  readonly driftEveryIntervals: number;
  /** An NE not heard for this many intervals is silent. */
  readonly silentAfterIntervals: number;
  readonly guardrails: GuardrailOptions;
}

/** Per incident, what the loop keeps beside the public record. */
export interface Tracking {
  lastSeen: number;
  probeRounds: number;
  verifyLeft: number;
  /** Network time the repair was applied: verification uses only later intervals. */
  appliedAt: number;
  /** The plans the repair replaced (one per moved intent, the oldest kept across re-applications). */
  previous: StoredIntent[];
  /**
   * Per moved intent, the key (see `planKey`) of the plan this repair installed. Verification and rollback
   * cover only intents still on that plan: one moved since (another incident's repair, an operator) is that
   * change's business now (ADR 0174). Empty after a restart: every intent of `previous` is then verified and
   * restored, as before.
   */
  installed: Map<string, string>;
  paths: Set<string>;
  declined: boolean;
  /** Incidents merged into this one (their exclusions are released with it). */
  merged: string[];
  /**
   * Affected intents no reroute can repair, and why: one that ends at a suspect node (a dead endpoint has
   * no way around), or one for which the path engine found no path avoiding the suspects. They stay
   * degraded and are left out of verification, so they never roll back the intents that did move.
   */
  unrepairable: Map<string, string>;
  /** Times verification extended the repair to intents that joined the incident after it was applied. */
  reapplied: number;
  /**
   * Set once a reroute moved traffic off a gray fault's suspects and watch probes cover them: the incident
   * resolves only after these probes show the suspects back at their pre-fault expectation.
   */
  watch?: WatchStreak;
  /**
   * Read back after a restart with traffic moved off a gray fault's suspects: the watch probes are installed
   * again on the next interval (the probe manager's memory is lost with the process).
   */
  rewatch?: { readonly links: readonly string[]; readonly nodes: readonly string[] };
  /**
   * A failed repair to plan again at the next interval its fault is seen: another incident released what it
   * held since (see AssuranceLoop.retryFailed).
   */
  retry?: boolean;
  /** Why the suspects were first seen unhealthy after the repair (recorded once, as the reason it waits). */
  held?: string;
}

export const newTracking = (lastSeen: number, paths: Iterable<string> = []): Tracking => ({
  lastSeen,
  probeRounds: 0,
  verifyLeft: 0,
  appliedAt: 0,
  previous: [],
  installed: new Map(),
  paths: new Set(paths),
  declined: false,
  merged: [],
  unrepairable: new Map(),
  reapplied: 0,
});

/** What the loop's parts (correlation, repair, verification) share with the loop that drives them. */
export interface LoopParts {
  readonly options: LoopOptions;
  readonly book: IncidentBook;
  readonly store: IntentStore;
  readonly repair: RepairExecutor;
  readonly probes: ProbeManager;
  readonly observer: ObservationBuilder;
  /** The observation of the interval being run (undefined before the first). */
  last(): LoopObservation | undefined;
  track(r: IncidentRecord): Tracking;
  forget(id: string): void;
  audit(action: string, target: string, detail: unknown): void;
  /** `<headend>/<policy>` of every policy these intents hold now. */
  policyIds(names: readonly string[]): string[];
}

export const ACTOR = 'assurance';
