import type { ArcId, LinkId, NodeId } from './ids';

/** RFC 9315/9316: what the user asked for (connectivity intents first). Core-shaped, never YANG-shaped. */
export type Protection = 'none' | 'link-disjoint' | 'node-disjoint' | 'srlg-disjoint';
export type Isolation = 'shared' | 'soft' | 'hard';
export type AvailabilityClass = 'best-effort' | 'standard' | 'high' | 'critical';

export interface IntentSlo {
  readonly bandwidthMbps: number;
  readonly maxDelayUs?: number;
  readonly maxLossPct?: number;
  readonly availability?: AvailabilityClass;
}

export interface IntentSle {
  readonly protection: Protection;
  readonly isolation: Isolation;
}

/** RFC 9316-style classification: recorded with the intent, never used by the compilers. */
export interface IntentClassification {
  readonly intentClass?:
    | 'customer-service-intent'
    | 'network-intent'
    | 'underlay-network-intent'
    | 'network-strategy-intent'
    | 'operational-task-intent'
    | 'cloud-management-intent';
  readonly userType?: 'customer' | 'network-operator' | 'application-developer';
  readonly solution?: 'carrier' | 'data-center' | 'enterprise';
  readonly lifecycle?: 'persistent' | 'transient';
}

export interface ConnectivityIntentSpec {
  readonly name: string;
  readonly kind: 'connectivity';
  readonly endpoints: { readonly a: NodeId; readonly b: NodeId };
  readonly slo: IntentSlo;
  readonly sle: IntentSle;
  /** Slice name; absent means the default (shared) pool. */
  readonly slice?: string;
  /** 0 (lowest) .. 7 (highest). */
  readonly priority: number;
  readonly classification?: IntentClassification;
}

export type IntentSpec = ConnectivityIntentSpec;

/** RFC 9315-style lifecycle (see core/intent/lifecycle for the allowed transitions). */
export type IntentStatus =
  | 'accepted'
  | 'compiled'
  | 'verified'
  | 'deploying'
  | 'deployed'
  | 'compliant'
  | 'degraded'
  | 'repairing'
  | 'failed'
  | 'deleting';

export interface PlannedSegment {
  readonly sid: string;
  readonly behavior: 'End' | 'End.X';
  readonly node: string;
  readonly link?: string;
}

export interface PlannedPolicy {
  /** Policy name on the headend (unique per headend). */
  readonly name: string;
  readonly headend: NodeId;
  readonly endpoint: NodeId;
  readonly endpointSid: string;
  readonly color: number;
  readonly candidatePaths: readonly {
    readonly preference: number;
    readonly role: 'primary' | 'backup';
    readonly nodes: readonly NodeId[];
    readonly links: readonly LinkId[];
    readonly segments: readonly PlannedSegment[];
    readonly delayUs: number;
    readonly metric: number;
  }[];
}

/** Bandwidth held on one arc by one intent, in one pool (a slice or the shared pool). */
export interface Reservation {
  readonly intent: string;
  readonly arc: ArcId;
  readonly pool: string;
  readonly mbps: number;
}

export interface IntentPlan {
  readonly policies: readonly PlannedPolicy[];
  readonly reservations: readonly Reservation[];
}

export interface SliceSpec {
  readonly name: string;
  readonly isolation: Isolation;
  /** Share of every arc's capacity this slice may reserve (0 < share <= 1), or absent for shared pool use. */
  readonly bandwidthShare?: number;
  readonly sloDefaults?: Partial<IntentSlo>;
}

export const SHARED_POOL = 'shared';
