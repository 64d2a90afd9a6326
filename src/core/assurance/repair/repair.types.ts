import type { IncidentClass, IncidentSuspect } from '../incident';

/** Names a policy as the assurance core does: `${headend}/${name}`. */
export type PolicyKey = string;

/** A policy the incident affects, with what the path engine needs to recompute it. */
export interface AffectedPolicy {
  readonly key: PolicyKey;
  readonly headend: string;
  readonly name: string;
  readonly endpoint: string;
  readonly intent?: string;
  /** Opaque path constraints of the intent (metric, SRLG/affinity exclusions, delay bound …). */
  readonly constraints?: unknown;
  /** Whether its SLO is violated now (measured); only these move in the minimal reroute. */
  readonly degraded: boolean;
}

/** Path engine callback (bound by the app to src/core/pathcomp): new segment lists, or null when none. */
export type PathFinder = (request: {
  readonly policy: AffectedPolicy;
  readonly excludeLinks: readonly string[];
  readonly excludeNodes: readonly string[];
}) => readonly (readonly string[])[] | null;

/** What a candidate changes, as the evaluator (the twin's what-if) needs it. */
export interface RepairChange {
  readonly reroute?: readonly {
    readonly policy: AffectedPolicy;
    readonly segmentLists: readonly (readonly string[])[];
  }[];
  /** Links taken out of service (cost-out / disable). */
  readonly costOutLinks?: readonly string[];
}

/** The twin's verdict on a change (a projection of `predictWhatIf`'s result). */
export interface RepairPrediction {
  readonly intents: readonly {
    readonly name: string;
    readonly sloOk: boolean;
    readonly violations: readonly { readonly slo: string }[];
  }[];
  readonly maxUtilisation: number;
}

/** Seam to the twin: the app binds `predict` to `predictWhatIf(index, base, change)`. */
export interface RepairEvaluator {
  predict(change: RepairChange): RepairPrediction;
}

export type RepairKind = 'reroute' | 'reroute-degraded' | 'cost-out' | 're-push' | 'resync' | 'reoptimise';

export interface RepairCandidate {
  readonly kind: RepairKind;
  readonly detail: string;
  readonly change: RepairChange;
  /** Policies to re-push as deployed (drift). */
  readonly repush?: readonly PolicyKey[];
  /** NEs to resynchronise (telemetry gap): re-subscribe and re-read state, no forwarding change. */
  readonly resync?: readonly string[];
  /** Policies whose forwarding this candidate changes. */
  readonly policiesMoved: number;
}

export interface CandidateEvaluation {
  readonly candidate: RepairCandidate;
  /** Intents that would violate an SLO after the change and do not now. */
  readonly newViolations: readonly string[];
  readonly maxUtilisation: number;
  readonly feasible: boolean;
  readonly reason: string;
}

/** What the planner proposes for one incident; the app applies (or asks), then verifies. */
export interface RepairProposal {
  readonly incidentId: string;
  readonly class: IncidentClass;
  /** Ids of the incident's suspects (flap damping keys on them). */
  readonly suspects: readonly string[];
  readonly chosen: CandidateEvaluation | null;
  /** Every candidate considered, best first (the evidence for the choice). */
  readonly ranked: readonly CandidateEvaluation[];
  readonly reason: string;
}

/** What the planner needs to know about an incident. */
export interface RepairInput {
  readonly incidentId: string;
  readonly class: IncidentClass;
  readonly suspects: readonly IncidentSuspect[];
  /** Ids of the suspect equivalence class: links and nodes (a repair must avoid all of them). */
  readonly equivalenceClass: readonly string[];
  readonly affected: readonly AffectedPolicy[];
}

export interface PlannerOptions {
  /** Highest acceptable predicted link utilisation. */
  readonly utilisationCeiling: number;
}

export const DEFAULT_PLANNER_OPTIONS: PlannerOptions = { utilisationCeiling: 0.85 };
