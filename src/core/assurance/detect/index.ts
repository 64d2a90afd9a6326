/** Public surface of the assurance detectors: one small stateful class per signal family (ADR 0101, 0102). */
export { HardEventDetector, FlapDetector } from './hard-event.detector';
export { LossDetector, DEFAULT_LOSS_OPTIONS, pooledLlr } from './loss.detector';
export type { LossDetectorOptions } from './loss.detector';
export { LatencyDetector } from './latency.detector';
export type { DelayExcess } from './latency.detector';
export { DEFAULT_LATENCY_OPTIONS } from './latency.options';
export type { LatencyDetectorOptions } from './latency.options';
export { CounterDetector, DEFAULT_COUNTER_OPTIONS } from './counter.detector';
export type { CounterDetectorOptions } from './counter.detector';
export { DriftDetector } from './drift.detector';
export { binomialLogLik, excessLossLlr, goldenMax, llrThresholdForAlpha, normalQuantile } from './stats';
export { DetectorBank } from './detector.bank';
export type { IntervalInput, DetectorBankOptions } from './detector.bank';
