import type { IncidentClass } from '../../ports/event-bus.port';
import type { Suspect } from './incident-book';

/**
 * The seam between the assurance loop (app) and the fault models (core/assurance): what the loop gathers
 * every telemetry interval, and what it needs back. The app applies decisions; the engine only reads.
 */

/** One link direction as observed now (from the twin when it runs, else from the telemetry tap). */
export interface ObservedLink {
  readonly link: string;
  readonly arc: string;
  readonly from: string;
  readonly to: string;
  readonly status: 'up' | 'down' | 'unknown';
  readonly utilisation?: number;
  readonly errorsPs?: number;
  readonly discardsPs?: number;
  readonly stale: boolean;
}

export interface PathHop {
  readonly link: string;
  readonly arc: string;
  /** The node the arc arrives at. */
  readonly to: string;
  readonly share: number;
}

/** An SR policy by fingerprint, as deployed (store) or as a headend holds it (driver read-back). */
export interface PolicyPrint {
  readonly headend: string;
  readonly name: string;
  readonly fingerprint: string;
}

/** One round of comparing what the headends hold with what the controller deployed. */
export interface PolicyRound {
  readonly deployed: readonly PolicyPrint[];
  readonly held: readonly PolicyPrint[];
  /** Headends that answered the read-back this round (a silent one is a gap, not drift). */
  readonly reported: readonly string[];
  /** Policies being deployed right now (skipped). */
  readonly inFlight: readonly string[];
  /** Policy id → owning intent. */
  readonly owners: Readonly<Record<string, string>>;
}

/** One probed SR policy in the interval: its measurement and the links it crosses (its routing row). */
export interface ObservedPath {
  /** `<headend>/<policy>`. */
  readonly id: string;
  readonly headend: string;
  readonly policy: string;
  readonly intent?: string;
  readonly probeOnly: boolean;
  /** Arcs the active path crosses, ECMP expanded (each with its link and the share of probes crossing it). */
  readonly links: readonly PathHop[];
  /** Every node on any branch, headend and endpoint included. */
  readonly nodes: readonly string[];
  readonly probesSent: number;
  readonly probesLost: number;
  readonly delayUs: number | null;
  readonly jitterUs: number | null;
  readonly slo?: { readonly maxDelayUs?: number; readonly maxLossPct?: number };
}

export interface LoopObservation {
  /** Network-clock time of the interval (epoch ms). */
  readonly at: number;
  readonly intervalMs: number;
  readonly links: readonly ObservedLink[];
  readonly nodes: readonly { readonly id: string; readonly status: 'up' | 'down' | 'unknown' }[];
  readonly paths: readonly ObservedPath[];
  /** Policies a headend holds differently from the stored plan (or not at all), per the latest round. */
  readonly drift: readonly { readonly id: string; readonly headend: string; readonly intent: string }[];
  /** The latest read-back round, when one ran in this interval (drift checks run every few intervals). */
  readonly policyRound?: PolicyRound;
  /** NEs whose telemetry went silent (no sample for several intervals). */
  readonly silent: readonly string[];
}

/** A probe-only policy the localiser asks for: aim probes over `links` to split an equivalence class. */
export interface ProbeRequest {
  readonly headend: string;
  /** Links the probe path crosses, in order from the headend (its routing row). */
  readonly links: readonly string[];
  /** The segment list when the localiser built one; otherwise End.X SIDs along `links` are used. */
  readonly segments?: readonly string[];
}

/** One fault the engine sees in an interval (correlated: one finding per fault hypothesis). */
export interface Finding {
  readonly class: IncidentClass;
  /** Class confidence in [0, 1]; `classifier` says whether the learned model or the rules gave it. */
  readonly confidence: number;
  readonly classifier: 'model' | 'rules';
  readonly suspects: readonly Suspect[];
  /** Elements no measurement so far can tell apart (links, nodes or policies). */
  readonly equivalenceClass: readonly string[];
  /** Policies (`<headend>/<policy>`) whose measurements the fault explains. */
  readonly paths: readonly string[];
  readonly evidence: unknown;
  /** Probes that would narrow the class (empty when it cannot be narrowed or is already one element). */
  readonly probes: readonly ProbeRequest[];
}

export interface AssuranceEngine {
  /** Human name for the audit log ("core", "rules", …). */
  readonly name: string;
  analyse(observation: LoopObservation): readonly Finding[];
}

export const ASSURANCE_ENGINE = Symbol('AssuranceEngine');
