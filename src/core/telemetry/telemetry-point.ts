import type { InterfaceCounters } from '../model/telemetry-sample';
import type { ArcId, NodeId } from '../model/ids';

/**
 * The one normalised sample model of the telemetry pipeline: what the normaliser emits, the bounded queue
 * carries and every sink stores. Rates are per second and computed from counter deltas; gauges are as
 * reported. A point carries only the fields that sample produced (a first counter sample has no rates).
 * Timestamps are the NE's (simulated or real) time in milliseconds since the epoch, never the collector's.
 */

/** Per interface (= per link direction when the interface maps to a topology arc). */
export type InterfaceField =
  /** outBps ÷ capacity of the interface's outgoing arc, as a fraction (0.5 = 50 %). */
  | 'utilisation'
  | 'inBps'
  | 'outBps'
  | 'inPps'
  | 'outPps'
  | 'inErrorsPs'
  | 'inDiscardsPs'
  | 'outDiscardsPs'
  | 'inFcsErrorsPs'
  /** Oper-status as a gauge: 1 up, 0 anything else. */
  | 'operUp';

export type NodeField = 'cpuPct' | 'memPct';
/**
 * Per SR policy at its headend: probe gauges (`probesSent`/`probesLost` are counts in the probe interval) and
 * `trafficBps`, the rate of the policy's steered traffic from its headend counters.
 */
export type PolicyField = 'delayUs' | 'jitterUs' | 'lossPct' | 'probesSent' | 'probesLost' | 'trafficBps';
/** Per (ingress NE, destination node): rate of IGP-routed traffic from the per-destination counters. */
export type DemandField = 'trafficBps';

export const INTERFACE_FIELDS: readonly InterfaceField[] = [
  'utilisation',
  'inBps',
  'outBps',
  'inPps',
  'outPps',
  'inErrorsPs',
  'inDiscardsPs',
  'outDiscardsPs',
  'inFcsErrorsPs',
  'operUp',
];
export const NODE_FIELDS: readonly NodeField[] = ['cpuPct', 'memPct'];
export const POLICY_FIELDS: readonly PolicyField[] = [
  'delayUs',
  'jitterUs',
  'lossPct',
  'probesSent',
  'probesLost',
  'trafficBps',
];
export const DEMAND_FIELDS: readonly DemandField[] = ['trafficBps'];

/** Raw counters as the NE reported them (sinks that archive raw data use them). */
export type { InterfaceCounters };

interface PointBase {
  /** Series identity (see `seriesKey`); the same string object for every point of a series. */
  readonly key: string;
  readonly ne: NodeId;
  readonly timestampMs: number;
}

export interface InterfacePoint extends PointBase {
  readonly measurement: 'interface';
  readonly interface: string;
  /** The arc this interface transmits on (its outgoing link direction), when the interface map knows it. */
  readonly outArc?: ArcId;
  /** The arc this interface receives from (the reverse direction of the same link). */
  readonly inArc?: ArcId;
  readonly fields: Readonly<Partial<Record<InterfaceField, number>>>;
  readonly counters?: InterfaceCounters;
}

export interface NodePoint extends PointBase {
  readonly measurement: 'node';
  readonly fields: Readonly<Partial<Record<NodeField, number>>>;
}

export interface PolicyPoint extends PointBase {
  readonly measurement: 'policy';
  readonly policy: string;
  readonly fields: Readonly<Partial<Record<PolicyField, number>>>;
}

/** IGP-routed traffic entering at `ne` towards `destination` (one traffic-matrix cell, measured). */
export interface DemandPoint extends PointBase {
  readonly measurement: 'demand';
  readonly destination: NodeId;
  readonly fields: Readonly<Partial<Record<DemandField, number>>>;
}

export type TelemetryPoint = InterfacePoint | NodePoint | PolicyPoint | DemandPoint;
export type Measurement = TelemetryPoint['measurement'];

/** Series keys: `interface/<ne>/<ifname>`, `node/<ne>`, `policy/<ne>/<policy>`, `demand/<ne>/<dst>`. */
export const seriesKey = {
  interface: (ne: NodeId, ifName: string): string => `interface/${ne}/${ifName}`,
  node: (ne: NodeId): string => `node/${ne}`,
  policy: (ne: NodeId, policy: string): string => `policy/${ne}/${policy}`,
  demand: (ne: NodeId, destination: NodeId): string => `demand/${ne}/${destination}`,
} as const;

/** One field of one series, as stores are queried. */
export interface SeriesRef {
  readonly key: string;
  readonly field: string;
}

export interface QueryRange {
  readonly fromMs: number;
  readonly toMs: number;
  readonly stepMs: number;
}

/** One bucket of a downsampled series: aggregates of the samples whose time falls in [t, t + step). */
export interface SeriesBucket {
  readonly t: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

export interface SeriesData {
  readonly key: string;
  readonly field: string;
  /** The step actually used (≥ the requested one: never finer than the stored resolution covering `from`). */
  readonly stepMs: number;
  readonly buckets: readonly SeriesBucket[];
}
