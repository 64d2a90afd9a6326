import type { TelemetrySample } from '../model/telemetry-sample';

/** What the normaliser reads: a driver's TelemetrySample (defined in core/model, re-exported by the port). */
export type SampleInput = TelemetrySample;
export type CounterSampleInput = Extract<TelemetrySample, { readonly kind: 'interface-counters' }>;
