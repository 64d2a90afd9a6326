export { BoundedQueue } from './bounded-queue';
export { BoundedMap } from './bounded-map';
export { InterfaceArcMap } from './interface-map';
export type { InterfaceBinding, InterfaceTableRow } from './interface-map';
export { SampleNormaliser } from './sample-normaliser';
export type { NormaliserOptions, NormaliserStats } from './sample-normaliser';
export type { SampleInput, CounterSampleInput } from './sample-input';
export { directionLoss } from './direction-loss';
export type { LossBucket } from './direction-loss';
export { counterDelta, counterRate, extendCounter, inCounterRange, maxOctetsDelta } from './counter-rate';
export type {
  CounterWidth,
  CounterReading,
  CounterRate,
  CounterDelta,
  ExtendedCounter,
} from './counter-rate';
export { DEMAND_FIELDS, INTERFACE_FIELDS, NODE_FIELDS, POLICY_FIELDS, seriesKey } from './telemetry-point';
export type {
  DemandField,
  DemandPoint,
  InterfaceCounters,
  InterfaceField,
  InterfacePoint,
  Measurement,
  NodeField,
  NodePoint,
  PolicyField,
  PolicyPoint,
  QueryRange,
  SeriesBucket,
  SeriesData,
  SeriesRef,
  TelemetryPoint,
} from './telemetry-point';
export { parseQueryRange, MAX_BUCKETS } from './query-range';
export type { RangeParams } from './query-range';
