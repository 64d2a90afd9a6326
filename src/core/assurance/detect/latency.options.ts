/** Options of the latency detector (ADR 0130); the bench reads `minSigmaUs` to size its injected shifts. */
import type { BaselineOptions } from './delay-baseline';
import type { LoadStepOptions } from './load-steps';

export interface LatencyDetectorOptions extends BaselineOptions, LoadStepOptions {
  /** Drop an alarm whose paths all cross an arc whose load just stepped, and reseed them (ADR 0162). */
  readonly explainByLoad: boolean;
  /** False incidents allowed per day per 1,000 monitored policies (issue 9: 1). */
  readonly falseIncidentsPerDayPer1000: number;
  /** Share of that budget the Gaussian tests may spend; the rest covers model error (learned σ, heavy tails). */
  readonly budgetShare: number;
  /** Windows (intervals) tested on every arc: the shift's onset is unknown, so each is a test. */
  readonly windows: readonly number[];
  /**
   * Each path-interval z (in statistical σ) is clipped here: one wild sample moves a window mean little
   * (6, was 8 with ADR 0130's smaller σ: two 10σ spikes on a one-path arc must not pool past the bar).
   */
  readonly zClip: number;
  /** The significance test's clip is at least this × the bar × the arc's learned spread (ADR 0161). */
  readonly zClipOverBar: number;
  /** …and from below here: a path whose delay just fell (traffic moved away) does not cancel the others. */
  readonly zFloor: number;
  /** Materiality: the arc's paths must be up by this many σ on average (σ floored at `minSigmaUs`). */
  readonly minShiftSigmas: number;
  /** Corroboration: intervals with a path individually up by `minShiftSigmas` (2: a spike never alarms). */
  readonly minCells: number;
  /**
   * Persistence: every interval of the window must have the paths' mean z at least this (a 3σ shift falls
   * below 0.5 in 0.6 % of intervals on one path; two spikes with a quiet interval between fail it).
   */
  readonly minPersistSigmas: number;
  /**
   * The excess told to the localiser is read from the intervals since a path's shift began when its window
   * straddles the onset by a step this many σ of the two means (ADR 0176): a window mean that mixes in
   * baseline samples gives paths over one link shifts of different sizes, which the localiser reads as
   * separate faults. Below it (noise-level shifts) the whole window's mean, as before.
   */
  readonly onsetStepSigmas: number;
  /** Resolution (µs): shifts are measured in σ = max(learned σ, this); the bench injects k × the same σ. */
  readonly minSigmaUs: number;
  /** Window (intervals) of an arc's learned spread of its pooled mean z (its upper quantile, ADR 0160, 0171). */
  readonly spreadWindow: number;
  /** After this long in alarm the new level is accepted as the baseline (a permanent change, not a fault). */
  readonly relearnAfterMs: number;
  /**
   * A path first measured (or first measured on a new route) this far (µs) above its stated propagation delay,
   * over links none of which is busier than `anchorMaxUtilisation`, is not seeded at what it measures: its
   * level is anchored at nominal + this, so a fault already present is tested, not learned (ADR 0160).
   */
  readonly anchorSlackUs: number;
  /** Above this utilisation on any of its links, queueing may explain a path's delay: no anchoring. */
  readonly anchorMaxUtilisation: number;
  /**
   * Anchor at the link model's delay (`modelUs`: propagation plus queueing at the measured utilisations) + the
   * slack, not at the stated propagation delay + the slack (ADR 0175).
   */
  readonly anchorOnModel: boolean;
  /**
   * Use the rows' link-model delay (`modelUs`, ADR 0173): carry each path's offset from it across a move and
   * let a load step explain only what the model says it adds. Off by default: measured on the benchmark's
   * campaigns it raised collateral latency incidents more than it found latency faults (ADR 0173).
   */
  readonly useLinkModel: boolean;
  /**
   * A path reseeded after a move (its own, or after a load step explained its shift) is capped at its model
   * delay plus the offset it carried plus this many σ: the link model's error on the new route (ADR 0173).
   */
  readonly carrySlackSigmas: number;
  /**
   * Above this utilisation on any of its links the model's delay is not used: queueing grows as u/(1−u), so
   * near capacity a small error in measured utilisation is a large one in delay (ADR 0173).
   */
  readonly modelMaxUtilisation: number;
}

export const DEFAULT_LATENCY_OPTIONS: LatencyDetectorOptions = {
  intervalMs: 1000,
  falseIncidentsPerDayPer1000: 1,
  budgetShare: 0.1,
  windows: [2, 3, 5],
  zClip: 6,
  zClipOverBar: 1.25,
  zFloor: -2,
  minShiftSigmas: 2,
  minCells: 2,
  minPersistSigmas: 0.5,
  minSigmaUs: 1,
  onsetStepSigmas: 4,
  statSigmaFloorUs: 0.05,
  levelTau: 15,
  sigmaWindow: 120,
  // the 95th percentile rests on 45 values (ADR 0172): over 300 it rested on 15, and a quiet five minutes on
  // a busy shared queue let that queue's noise pass the bar
  spreadWindow: 900,
  seedSamples: 3,
  warmup: 10,
  keep: 10,
  relearnAfterMs: 1_800_000,
  anchorSlackUs: 2_000,
  anchorMaxUtilisation: 0.8,
  anchorOnModel: true,
  useLinkModel: false,
  carrySlackSigmas: 1,
  modelMaxUtilisation: 0.5,
  explainByLoad: true,
  loadSmoothing: 0.5,
  loadStepAbs: 0.05,
  loadStepRel: 0.2,
  loadLookback: 15,
};
