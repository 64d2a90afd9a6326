import type { TwinIndex } from './twin-index';
import type { DemandEntry, TwinPolicy } from './twin-types';

/**
 * An immutable snapshot of the network the what-if engine predicts from: per-arc state in the index's arc
 * order and the policies and demands in force. The engine caches its base forwarding per snapshot object, so
 * take a new snapshot (LiveTwin.base()) rather than mutating one.
 */
export interface WhatIfBase {
  /** Per arc: 1 up, 0 down. */
  readonly arcUp: Uint8Array;
  /** Per node: 1 up (or unknown), 0 down. */
  readonly nodeUp: Uint8Array;
  readonly reservedMbps: Float64Array;
  /** Per-arc extra delay learned from policy probes (µs, may be negative down to minus the propagation). */
  readonly correctionUs: Float64Array;
  /** Measured load now (Mbit/s), NaN where unknown or stale. */
  readonly measuredLoadMbps: Float64Array;
  readonly policies: readonly TwinPolicy[];
  readonly demands: readonly DemandEntry[];
}

export interface WhatIfBaseInput {
  readonly policies?: readonly TwinPolicy[];
  readonly demands?: readonly DemandEntry[];
  readonly arcUp?: Uint8Array;
  readonly nodeUp?: Uint8Array;
  readonly reservedMbps?: Float64Array;
  readonly correctionUs?: Float64Array;
  readonly measuredLoadMbps?: Float64Array;
}

/** A base from plain inputs (everything up, no corrections, nothing measured unless given). */
export function whatIfBase(index: TwinIndex, input: WhatIfBaseInput = {}): WhatIfBase {
  const { n, m } = index.g;
  return Object.freeze({
    arcUp: input.arcUp ?? new Uint8Array(m).fill(1),
    nodeUp: input.nodeUp ?? new Uint8Array(n).fill(1),
    reservedMbps: input.reservedMbps ?? new Float64Array(m),
    correctionUs: input.correctionUs ?? new Float64Array(m),
    measuredLoadMbps: input.measuredLoadMbps ?? new Float64Array(m).fill(NaN),
    policies: input.policies ?? [],
    demands: input.demands ?? [],
  });
}
