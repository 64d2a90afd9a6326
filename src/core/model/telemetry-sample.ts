import type { NodeId } from './ids';

export type OperStatus = 'up' | 'down' | 'testing' | 'unknown';

/** Raw interface counters as the NE reported them (64-bit, kept as bigint end to end). */
export interface InterfaceCounters {
  readonly inOctets: bigint;
  readonly outOctets: bigint;
  readonly inPkts?: bigint;
  readonly outPkts?: bigint;
  readonly inErrors?: bigint;
  readonly inDiscards?: bigint;
  readonly outDiscards?: bigint;
  readonly inFcsErrors?: bigint;
}

/**
 * One normalised telemetry observation from an NE, whatever protocol carried it (gNMI, SNMP, the in-memory
 * network). Core-shaped, not wire-shaped: drivers map their protocol's structures to it at the edge, and the
 * telemetry core reads it. 64-bit counters stay bigint end to end (docs/architecture.md rule 6).
 */
export type TelemetrySample =
  | ({
      readonly kind: 'interface-counters';
      readonly ne: NodeId;
      readonly interface: string;
      readonly timestampNs: bigint;
      /** Counters restarted (NE reboot, counter discontinuity): compute no delta from the previous sample. */
      readonly discontinuity?: boolean;
    } & InterfaceCounters)
  | {
      readonly kind: 'oper-status';
      readonly ne: NodeId;
      readonly interface: string;
      readonly timestampNs: bigint;
      readonly status: OperStatus;
    }
  | {
      readonly kind: 'probe';
      readonly ne: NodeId;
      readonly policy: string;
      readonly timestampNs: bigint;
      readonly delayUs: number;
      readonly jitterUs: number;
      readonly lossPct: number;
      /**
       * Probe packets sent and lost in this interval (STAMP/TWAMP-like): `lossPct` = 100 × lost ÷ sent, and the
       * counts let a detector run a binomial test. 0 sent = the NE reported no counts (only `lossPct`).
       */
      readonly probesSent: number;
      readonly probesLost: number;
    }
  | {
      /**
       * Per-headend SR-policy traffic counters (monotonic since the policy was installed or the NE started),
       * as SR routers export them: the traffic steered into `policy` at its headend `ne`.
       */
      readonly kind: 'policy-traffic';
      readonly ne: NodeId;
      readonly policy: string;
      readonly timestampNs: bigint;
      readonly outOctets: bigint;
      readonly outPkts: bigint;
      /** Counters restarted: compute no rate from the previous sample. */
      readonly discontinuity?: boolean;
    }
  | {
      /**
       * Per-destination counters of IGP-routed (not policy-steered) traffic entering the network at `ne`
       * towards node `destination`, like an SR traffic-matrix collector (monotonic octets).
       */
      readonly kind: 'destination-traffic';
      readonly ne: NodeId;
      readonly destination: NodeId;
      readonly timestampNs: bigint;
      readonly outOctets: bigint;
      readonly discontinuity?: boolean;
    }
  | {
      readonly kind: 'node-resources';
      readonly ne: NodeId;
      readonly timestampNs: bigint;
      readonly cpuPct: number;
      readonly memPct: number;
    };
