import type { NodeId } from '../../model/ids';
import type {
  ArcInfo,
  HeldPolicy,
  LinkObservation,
  NodeObservation,
  PathMeasurement,
  PathRow,
  ProbeObservation,
  Signal,
} from '../observation';
import { CounterDetector } from './counter.detector';
import type { CounterDetectorOptions } from './counter.detector';
import { DriftDetector } from './drift.detector';
import { FlapDetector, HardEventDetector } from './hard-event.detector';
import { LatencyDetector } from './latency.detector';
import type { LatencyDetectorOptions } from './latency.options';
import { LossDetector } from './loss.detector';
import type { LossDetectorOptions } from './loss.detector';

/** Everything the detectors read in one interval (the app builds it from the twin and the telemetry). */
export interface IntervalInput {
  readonly atMs: number;
  readonly rows: readonly PathRow[];
  readonly probes: readonly ProbeObservation[];
  readonly links: readonly LinkObservation[];
  readonly nodes: readonly NodeObservation[];
  /** Drift: omit all three when no headend was read this interval. */
  readonly deployed?: readonly HeldPolicy[];
  readonly held?: readonly HeldPolicy[];
  readonly reportedHeadends?: readonly NodeId[];
  readonly inFlight?: readonly string[];
}

export interface DetectorBankOptions {
  readonly loss?: Partial<LossDetectorOptions>;
  readonly latency?: Partial<LatencyDetectorOptions>;
  readonly counters?: Partial<CounterDetectorOptions>;
  readonly flap?: { transitions: number; windowMs: number };
  readonly driftConfirmations?: number;
}

/**
 * All detectors behind one call per interval: the signals that hold now, and the per-path measurements
 * (loss window with its baseline, delay excess with its σ) that the localiser needs when a signal fires.
 */
export class DetectorBank {
  readonly hard: HardEventDetector;
  readonly flap: FlapDetector;
  readonly loss: LossDetector;
  readonly latency: LatencyDetector;
  readonly counters: CounterDetector;
  readonly drift: DriftDetector;

  constructor(arcs: readonly ArcInfo[], options: DetectorBankOptions = {}) {
    this.hard = new HardEventDetector(arcs);
    this.flap = new FlapDetector(options.flap);
    this.loss = new LossDetector(options.loss);
    this.latency = new LatencyDetector(options.latency);
    this.counters = new CounterDetector(options.counters);
    this.drift = new DriftDetector(options.driftConfirmations);
  }

  update(input: IntervalInput): { signals: Signal[]; measurements: PathMeasurement[] } {
    const { atMs } = input;
    const signals = [
      ...this.hard.update(atMs, input.links, input.nodes),
      ...this.flap.update(atMs, input.links),
      ...this.loss.update(atMs, input.rows, input.probes),
      ...this.latency.update(atMs, input.rows, input.probes, input.links),
      ...this.counters.update(atMs, input.links),
      ...(input.reportedHeadends
        ? this.drift.update(
            atMs,
            input.deployed ?? [],
            input.held ?? [],
            input.reportedHeadends,
            input.inFlight,
          )
        : []),
    ];
    return { signals, measurements: this.measurements() };
  }

  /** Loss windows joined with delay excess, one entry per path. */
  measurements(): PathMeasurement[] {
    const delay = new Map(this.latency.excess().map((e) => [e.key, e]));
    return this.loss.measurements().map((m) => {
      const d = delay.get(m.key);
      return d ? { ...m, delayExcessUs: d.delayExcessUs, delaySigmaUs: d.delaySigmaUs } : m;
    });
  }
}
