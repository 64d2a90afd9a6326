import type { NodeId } from '../core/model/ids';

/**
 * The southbound contract: how the controller talks to network elements, whatever the protocol (in-process
 * simulator, gNMI, SNMP, Linux kernel SRv6). Wire shapes never leave the adapter; everything here is core-shaped.
 * Batch calls return one result per resource: partial failure is data, not an exception.
 */

/** An SR policy as a headend receives it (RFC 9256: headend, color, endpoint; candidate paths). */
export interface SrPolicyConfig {
  readonly name: string;
  readonly headend: NodeId;
  readonly color: number;
  /** The endpoint's End SID or loopback (IPv6 text). */
  readonly endpoint: string;
  readonly candidatePaths: readonly {
    readonly preference: number;
    readonly segmentLists: readonly { readonly weight: number; readonly sids: readonly string[] }[];
  }[];
  /** The policy's binding SID (End.B6.Encaps), when one is allocated. */
  readonly bindingSid?: string;
  /**
   * A measurement-only policy: the headend probes it (delay, loss, counters) but steers no traffic into it,
   * whatever its endpoint. The controller installs such policies to disambiguate fault suspects.
   */
  readonly probeOnly?: boolean;
}

export type ResourceResult<T = void> =
  | { readonly resource: string; readonly ok: true; readonly value: T }
  | {
      readonly resource: string;
      readonly ok: false;
      readonly error: { readonly code: string; readonly message: string };
    };

export type { OperStatus, TelemetrySample } from '../core/model/telemetry-sample';
import type { TelemetrySample } from '../core/model/telemetry-sample';

export type DriverSessionState = 'connecting' | 'up' | 'down' | 'backoff';

export interface DriverStatus {
  readonly ne: NodeId;
  readonly protocol: string;
  readonly state: DriverSessionState;
  readonly lastError?: string;
}

/** A listener a driver runs besides its NE sessions (e.g. the SNMP trap receiver), for /health and /metrics. */
export interface DriverListenerStatus {
  readonly name: string;
  /** `down`: it stopped after start (its lastError says why); nothing it should receive arrives. */
  readonly state: 'up' | 'down';
  /** Monotonic counts by outcome, e.g. received, unauthorized, rejected, dropped, errors. */
  readonly counts: Readonly<Record<string, number>>;
  readonly lastError?: string;
}

export interface TelemetrySubscription {
  close(): Promise<void>;
}

export interface NeDriver {
  /** Protocol name, e.g. 'sim', 'gnmi', 'snmp'. */
  readonly protocol: string;
  /** NEs this driver can reach. */
  targets(): readonly NodeId[];
  /** Install or replace SR policies; one result per policy name. */
  setPolicies(policies: readonly SrPolicyConfig[]): Promise<ResourceResult[]>;
  /** Remove SR policies by headend and name; removing an absent policy succeeds. */
  deletePolicies(
    refs: readonly { readonly headend: NodeId; readonly name: string }[],
  ): Promise<ResourceResult[]>;
  /** What each headend has installed now (for reconciliation after a restart or drift). */
  getPolicies(headends: readonly NodeId[]): Promise<ResourceResult<readonly SrPolicyConfig[]>[]>;
  /** Stream telemetry for the given NEs to `onSample` until closed; the driver reconnects by itself. */
  subscribe(
    targets: readonly NodeId[],
    onSample: (sample: TelemetrySample) => void,
    options?: { readonly sampleIntervalMs?: number },
  ): Promise<TelemetrySubscription>;
  status(): readonly DriverStatus[];
  /** Listeners besides the sessions (trap receivers), when the driver runs any. */
  listeners?(): readonly DriverListenerStatus[];
  /**
   * Whether this NE accepts SR policy configuration through this driver (false for read-only management such
   * as SNMP). Absent means every target does. The intent service refuses a headend that cannot.
   */
  configurable?(ne: NodeId): boolean;
  close(): Promise<void>;
}

export const NE_DRIVER = Symbol('NeDriver');
