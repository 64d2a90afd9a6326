/** Options of the latency detector (ADR 0130); the bench reads `minSigmaUs` to size its injected shifts. */
import type { BaselineOptions } from './delay-baseline';

export interface LatencyDetectorOptions extends BaselineOptions {
  /** False incidents allowed per day per 1,000 monitored policies (issue 9: 1). */
  readonly falseIncidentsPerDayPer1000: number;
  /** Share of that budget the Gaussian tests may spend; the rest covers model error (learned σ, heavy tails). */
  readonly budgetShare: number;
  /** Windows (intervals) tested on every arc: the shift's onset is unknown, so each is a test. */
  readonly windows: readonly number[];
  /** Each path-interval z (in statistical σ) is clipped here: one wild sample moves a window mean little. */
  readonly zClip: number;
  /** …and from below here: a path whose delay just fell (traffic moved away) does not cancel the others. */
  readonly zFloor: number;
  /** Materiality: the arc's paths must be up by this many σ on average (σ floored at `minSigmaUs`). */
  readonly minShiftSigmas: number;
  /** Corroboration: intervals with a path individually up by `minShiftSigmas` (2: a spike never alarms). */
  readonly minCells: number;
  /** Resolution (µs): shifts are measured in σ = max(learned σ, this); the bench injects k × the same σ. */
  readonly minSigmaUs: number;
  /** Time constant (intervals) of an arc's learned spread of its pooled mean z. */
  readonly spreadTau: number;
  /** After this long in alarm the new level is accepted as the baseline (a permanent change, not a fault). */
  readonly relearnAfterMs: number;
}

export const DEFAULT_LATENCY_OPTIONS: LatencyDetectorOptions = {
  intervalMs: 1000,
  falseIncidentsPerDayPer1000: 1,
  budgetShare: 0.1,
  windows: [2, 3, 5],
  zClip: 8,
  zFloor: -2,
  minShiftSigmas: 2,
  minCells: 2,
  minSigmaUs: 1,
  statSigmaFloorUs: 0.05,
  levelTau: 15,
  sigmaTau: 600,
  spreadTau: 300,
  seedSamples: 3,
  warmup: 10,
  keep: 10,
  relearnAfterMs: 1_800_000,
};
