/**
 * Shared input and output contract of the assurance core (detect → locate → classify → repair).
 * Everything here is plain data: the app layer builds it from the twin and telemetry, passes `atMs` of the
 * network clock, and reads results back. No I/O, no clocks (ADR 0100).
 */
import type { ArcId, LinkId, NodeId } from '../model/ids';

/** `${headend}/${name}`: how signals, measurements and localisation name a policy (probe-only ones too). */
export type PolicyKey = string;
export const policyKey = (headend: NodeId | string, name: string): PolicyKey => `${headend}/${name}`;

/**
 * One routing-matrix row from the twin: the arcs a policy's traffic crosses, segment lists expanded through
 * ECMP, `fraction` = share of the policy's packets crossing that arc (1 on a single path). `nodes` are all
 * nodes on any branch, headend and endpoint included.
 */
export interface PathRow {
  readonly policy: string;
  readonly headend: NodeId;
  readonly arcs: readonly { readonly arc: ArcId; readonly fraction: number }[];
  readonly nodes: readonly NodeId[];
  /**
   * The path's stated propagation delay (µs): the fraction-weighted sum of its arcs' topology delays, when
   * the topology gives them. The latency detector anchors a new baseline to it (ADR 0160).
   */
  readonly nominalUs?: number;
  /**
   * The path's delay as the twin's link model gives it this interval (µs): propagation plus queueing at the
   * measured utilisations, fraction-weighted, no learned correction (ADR 0090, 0173). The latency detector
   * carries a path's offset from it across a route change, so a shift on the new route is not learned (ADR 0173).
   */
  readonly modelUs?: number;
}

/** One arc of the topology as assurance needs it: which physical link it belongs to, and its ends. */
export interface ArcInfo {
  readonly arc: ArcId;
  readonly link: LinkId;
  readonly from: NodeId;
  readonly to: NodeId;
}

/** Per-policy probe result for one interval (STAMP-like): packet counts, not a loss fraction. */
export interface ProbeObservation {
  readonly headend: NodeId;
  readonly policy: string;
  readonly atMs: number;
  readonly probesSent: number;
  readonly probesLost: number;
  readonly delayUs: number;
  readonly jitterUs: number;
}

/** Per-arc interface state for one interval; rates are per second; `null` = not reported. */
export interface LinkObservation {
  readonly arc: ArcId;
  readonly link: LinkId;
  readonly atMs: number;
  readonly up: boolean | null;
  readonly utilisation: number | null;
  readonly inErrorsPs?: number;
  readonly inFcsErrorsPs?: number;
  readonly outDiscardsPs?: number;
  readonly stale: boolean;
}

export interface NodeObservation {
  readonly node: NodeId;
  readonly atMs: number;
  readonly status: 'up' | 'down' | 'unknown';
  /** No telemetry from this NE for more than 3 sampling intervals. */
  readonly silent: boolean;
}

/** An SR policy as a headend holds it (or as the controller deployed it): compared by fingerprint. */
export interface HeldPolicy {
  readonly headend: NodeId;
  readonly name: string;
  readonly fingerprint: string;
}

export type SignalKind =
  'link-down' | 'node-down' | 'loss' | 'latency' | 'errors' | 'discards' | 'drift' | 'telemetry-gap' | 'flap';

/** One detector finding. `score` is detector-specific evidence strength (LLR in nats, pooled z in σ, …). */
export interface Signal {
  readonly kind: SignalKind;
  readonly atMs: number;
  readonly arcs?: ArcId[];
  readonly nodes?: NodeId[];
  /** `${headend}/${name}` */
  readonly policies?: string[];
  readonly score: number;
  readonly detail: string;
  readonly evidence: Record<string, number | string>;
}

// ---------------------------------------------------------------------------------------------- locate

/** What the localiser is told about one measured path in the current window. */
export interface PathMeasurement {
  readonly key: PolicyKey;
  readonly sent: number;
  readonly lost: number;
  /** Delay above the path's baseline, in µs (latency localisation); omit when unknown. */
  readonly delayExcessUs?: number;
  /** Robust σ of the path's delay residual, in µs; a path is "delayed" when excess > 3σ. */
  readonly delaySigmaUs?: number;
  /** The path's learned healthy loss rate (from the loss detector); a default per arc applies when absent. */
  readonly baselineLoss?: number;
}

/**
 * A hypothesis element: one direction of a link (`arc`), a whole link both ways (`arc` and `reverse`: one
 * fault with one rate, as a bad optic or a long fibre detour is), or a node.
 */
export type Element =
  | { readonly kind: 'link'; readonly id: LinkId; readonly arc: ArcId; readonly reverse?: ArcId }
  | { readonly kind: 'node'; readonly id: NodeId };

/** The arcs an element covers: none for a node, both for a link taken both ways. */
export function elementArcs(e: Element): ArcId[] {
  if (e.kind !== 'link') return [];
  return e.reverse === undefined ? [e.arc] : [e.arc, e.reverse];
}

export interface Hypothesis {
  readonly elements: readonly Element[];
  /** Normalised posterior over the hypotheses listed. */
  readonly probability: number;
  /** Per-element fitted loss rate (profile likelihood MLE), same order as elements. */
  readonly lossRates?: readonly number[];
}

export interface Suspect {
  readonly kind: 'link' | 'node';
  readonly id: string;
  readonly arc?: ArcId;
  /** Marginal posterior that this element is faulty. */
  readonly probability: number;
}

/** A probe-only SR policy the app may install to split an equivalence class. */
export interface ProbeRequest {
  readonly headend: NodeId;
  readonly segments: readonly string[];
  /** The suspect arc this probe crosses. */
  readonly target: ArcId;
  /** Class-mates it avoids: a loss on it points at `target`, not at these. */
  readonly separates: readonly ArcId[];
  /** The routing row the probe is expected to follow (feed it back with its measurement next interval). */
  readonly row: PathRow;
}

/** A probe path the app's routing (twin index, SID table) can realise: a headend and its segment list. */
export interface ProbeCandidate {
  readonly headend: NodeId;
  readonly segments: readonly string[];
  readonly row: PathRow;
}

/**
 * The app's routing callback: probe paths that cross `target` and none of `avoid` (for example from a node
 * adjacent to the link through its End.X SID). The localiser checks each row and keeps the shortest.
 */
export type ProbeDesigner = (target: ArcId, avoid: readonly ArcId[]) => readonly ProbeCandidate[];

export interface Localisation {
  readonly kind: 'loss' | 'latency';
  readonly hypotheses: readonly Hypothesis[];
  /** Ids (link or node) that no measurement can tell apart from the top suspect. */
  readonly equivalenceClass: readonly string[];
  /** Arcs of the equivalence class (what a repair must avoid as a whole). */
  readonly equivalenceArcs: readonly ArcId[];
  readonly suspects: readonly Suspect[];
  readonly disambiguation: readonly ProbeRequest[];
  /** Each equivalence class of the top hypothesis (one per fault), ids as in `equivalenceClass`. */
  readonly classes: readonly (readonly string[])[];
  /** Posterior mass of the top hypothesis class, in [0,1]; 0 when nothing is explained. */
  readonly confidence: number;
  /** NetBouncer-style least-squares fit over the same data: the arcs it calls faulty, and whether it agrees. */
  readonly crossCheck: { readonly faultyArcs: readonly ArcId[]; readonly agrees: boolean };
}
