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
 * telemetry core reads it. 64-bit counters stay bigint end to end (DESIGN.md rule 6).
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
    }
  | {
      readonly kind: 'node-resources';
      readonly ne: NodeId;
      readonly timestampNs: bigint;
      readonly cpuPct: number;
      readonly memPct: number;
    };
