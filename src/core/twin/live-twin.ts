import type { ArcId, NodeId } from '../model/ids';
import type { TelemetryPoint } from '../telemetry';
import type { TwinIndex } from './twin-index';
import type { WhatIfBase } from './what-if-base';
import type { DemandEntry, NodeStatus, TwinPolicy, TwinStateView } from './twin-types';

export interface LiveTwinOptions {
  readonly sampleIntervalMs: number;
  /** Data older than this many sampling intervals is stale (default 3). */
  readonly staleAfterIntervals?: number;
}

/** STUB (first commit only): the live-state reducer. */
export class LiveTwin {
  constructor(
    readonly index: TwinIndex,
    readonly options: LiveTwinOptions,
  ) {}
  applyPoint(_p: TelemetryPoint): void {
    throw new Error('twin: not implemented yet');
  }
  applyOperStatus(_arc: ArcId, _up: boolean, _atMs: number): void {
    throw new Error('twin: not implemented yet');
  }
  applyNodeStatus(_node: NodeId, _status: NodeStatus, _atMs: number): void {
    throw new Error('twin: not implemented yet');
  }
  setPolicies(_p: readonly TwinPolicy[]): void {
    throw new Error('twin: not implemented yet');
  }
  setReservations(_r: ReadonlyMap<ArcId, number>): void {
    throw new Error('twin: not implemented yet');
  }
  setDemands(_d: readonly DemandEntry[]): void {
    throw new Error('twin: not implemented yet');
  }
  snapshot(_nowMs: number): TwinStateView {
    throw new Error('twin: not implemented yet');
  }
  base(): WhatIfBase {
    throw new Error('twin: not implemented yet');
  }
}
