import type { ArcId, LinkId, NodeId } from '../model/ids';

/** An SR policy as the twin forwards it: candidate paths by preference, weighted SID lists (SID text). */
export interface TwinPolicy {
  readonly headend: NodeId;
  readonly name: string;
  /** The intent this policy realises (its SLO is the intent's). */
  readonly intent?: string;
  readonly endpoint: NodeId;
  readonly color: number;
  readonly candidatePaths: readonly {
    readonly preference: number;
    readonly segmentLists: readonly { readonly weight: number; readonly sids: readonly string[] }[];
  }[];
  readonly slo?: {
    readonly maxDelayUs?: number;
    readonly maxLossPct?: number;
    readonly bandwidthMbps?: number;
  };
  /** A probe-only policy carries no steered demand (its traffic is the probes). */
  readonly probeOnly?: boolean;
}

export interface PolicyRef {
  readonly headend: NodeId;
  readonly name: string;
}

/** One traffic-matrix cell: IGP-routed unless steered into a policy of its headend. */
export interface DemandEntry {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly mbps: number;
  readonly policy?: PolicyRef;
  /** True when the cell was estimated from link loads rather than measured at the headend. */
  readonly estimated: boolean;
}

/** One link direction (arc) as the twin sees it. */
export interface LinkState {
  readonly link: LinkId;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly arc: ArcId;
  readonly status: 'up' | 'down';
  readonly capacityMbps: number;
  readonly loadMbps: number;
  readonly utilisation: number;
  readonly delayUs: number;
  readonly lossPct: number;
  readonly reservedMbps: number;
  readonly stale: boolean;
  readonly lastSampleMs: number | null;
  readonly errorsPs?: number;
  readonly discardsPs?: number;
}

export type NodeStatus = 'up' | 'down' | 'unknown';

export interface PolicyStateView {
  readonly headend: NodeId;
  readonly name: string;
  readonly intent: string | null;
  readonly delayUs: number | null;
  readonly lossPct: number | null;
  readonly jitterUs: number | null;
  /** Whether the intent's SLO holds on fresh measurements; null when stale or never measured. */
  readonly sloOk: boolean | null;
  readonly stale: boolean;
}

export interface TwinStateView {
  /** Network-clock time of the view (epoch ms). */
  readonly at: number;
  readonly links: LinkState[];
  readonly nodes: { id: NodeId; status: NodeStatus }[];
  readonly policies: PolicyStateView[];
  readonly demands: { count: number; estimated: number };
}

export interface WhatIfChange {
  readonly failLinks?: readonly LinkId[];
  readonly failNodes?: readonly NodeId[];
  readonly failSrlgs?: readonly number[];
  /** Multiplies every demand (base and added). */
  readonly demandScale?: number;
  /** New policies; their traffic comes from `addDemands` (or their bandwidth SLO when no demand names them). */
  readonly addPolicies?: readonly TwinPolicy[];
  readonly addDemands?: readonly DemandEntry[];
  /** Removed policies: the demands they steered fall back to IGP. */
  readonly removePolicies?: readonly PolicyRef[];
  readonly igpMetrics?: readonly { readonly arc: ArcId; readonly metric: number }[];
}

export type SloName = 'maxDelayUs' | 'maxLossPct' | 'bandwidthMbps' | 'reachability';

export interface SloViolation {
  readonly slo: SloName;
  readonly predicted: number;
  readonly bound: number;
}

export interface IntentPrediction {
  /** The intent name, or `<headend>/<policy>` for a policy without an intent. */
  readonly name: string;
  readonly headend: NodeId;
  readonly policy: string;
  readonly sloOk: boolean;
  readonly delayUs: number | null;
  readonly lossPct: number | null;
  /** Which candidate path carries the policy: its preference, or 'igp' after fallback, or null if unreachable. */
  readonly activePath: number | 'igp' | null;
  readonly violations: SloViolation[];
}

export interface WhatIfDiff {
  readonly link?: LinkId;
  readonly arc?: ArcId;
  readonly policy?: string;
  readonly field: string;
  readonly before: number | string;
  readonly after: number | string;
}

export interface WhatIfResult {
  readonly links: LinkState[];
  readonly intents: IntentPrediction[];
  readonly maxUtilisation: number;
  readonly changed: WhatIfDiff[];
}

export interface N1Outcome {
  readonly link: LinkId;
  readonly maxUtilisation: number;
  readonly brokenIntents: string[];
}
