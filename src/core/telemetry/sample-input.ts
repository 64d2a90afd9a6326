import type { NodeId } from '../model/ids';

/**
 * What the normaliser reads from a driver sample. Core may not import ports (DESIGN.md rule 1), so this is the
 * structural subset of the NeDriver port's `TelemetrySample`; every TelemetrySample is assignable to it.
 */
export type SampleInput =
  | CounterSampleInput
  | {
      readonly kind: 'oper-status';
      readonly ne: NodeId;
      readonly interface: string;
      readonly timestampNs: bigint;
      readonly status: string;
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

export interface CounterSampleInput {
  readonly kind: 'interface-counters';
  readonly ne: NodeId;
  readonly interface: string;
  readonly timestampNs: bigint;
  readonly inOctets: bigint;
  readonly outOctets: bigint;
  readonly inPkts?: bigint;
  readonly outPkts?: bigint;
  readonly inErrors?: bigint;
  readonly inDiscards?: bigint;
  readonly outDiscards?: bigint;
  readonly inFcsErrors?: bigint;
  readonly discontinuity?: boolean;
}
