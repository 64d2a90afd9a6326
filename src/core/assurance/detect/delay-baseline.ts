/** Per-path delay baselines for the latency detector: level, robust σ, recent residuals, seeding after a move. */
import { RollingQuantile, SIGMA_PER_MEDIAN_ABS } from './rolling-quantile';

export interface BaselineOptions {
  /** Probe interval (ms): the time constants below are in intervals. */
  readonly intervalMs: number;
  /** Time constant of the level (intervals): short enough that a busy-hour ramp lags by a small part of σ. */
  readonly levelTau: number;
  /** Window (intervals) of the robust σ: medians of |Δ|/√2 and of |delay − level| (ADR 0160). */
  readonly sigmaWindow: number;
  /** Samples that seed the level of a path whose route changed (its σ is carried over). */
  readonly seedSamples: number;
  /** Samples that seed a path never seen before (its σ is learned from them and from its arcs). */
  readonly warmup: number;
  /** Floor of the statistical σ (µs): below it the probe's timestamping, not the network, is measured. */
  readonly statSigmaFloorUs: number;
  /** Residuals kept per path (the longest window the detector or the localiser reads). */
  readonly keep: number;
}

export const SIGMA_PER_MEAN_ABS = 1.2533;
/** A carried or seeded σ counts as this many samples until the path has `MATURE` differences of its own. */
const PRIOR_SAMPLES = 10;
const MATURE = 30;

/**
 * One path's learned delay: a level (EWMA, winsorised so one large residual moves it little), a robust σ,
 * and the residuals since the level was seeded. A route change keeps σ (the larger of the old one and what
 * the new route's arcs are known to carry) and reseeds the level from the next `seedSamples` samples.
 */
export class DelayBaseline {
  level = NaN;
  /** σ carried from the old route or seeded, until the path's own differences take over. */
  private prior: number;
  private readonly diffs: RollingQuantile;
  /** |residual| of the learned samples against the level they were learned into (level wander included). */
  private readonly resid: RollingQuantile;
  private seed: number[] = [];
  private seedNeeded: number;
  private lastMs: number | null = null;
  /** Intervals learned from since the path was last in alarm (or moved). */
  private quiet = 0;
  /** Residuals (µs) of the intervals since the level was seeded, newest last. */
  readonly recent: number[] = [];
  /** The delays (µs) behind `recent`. */
  private readonly delays: number[] = [];
  /** Network ms since the path's arcs have alarmed without a break (null = not in alarm). */
  alarmSinceMs: number | null = null;
  /** Intervals of the current alarm plus the window that raised it (the localiser's evidence window). */
  alarmWindow = 0;
  /** The level was seeded at the nominal ceiling, not at what the path measured (ADR 0160). */
  anchored = false;

  constructor(
    public route: string,
    private readonly o: BaselineOptions,
    carriedSigmaUs: number | null,
  ) {
    this.seedNeeded = carriedSigmaUs === null ? o.warmup : o.seedSamples;
    this.prior = carriedSigmaUs ?? 0;
    this.diffs = new RollingQuantile(o.sigmaWindow, 10);
    this.resid = new RollingQuantile(o.sigmaWindow, 10);
  }

  get ready(): boolean {
    return Number.isFinite(this.level);
  }

  /**
   * The statistical σ (µs) of one interval's delay around the level: 1.4826 × the larger of two medians
   * over the last `sigmaWindow` intervals — |Δ|/√2 of successive delays (the white noise) and |delay − level|
   * (also the wander the level lags behind: that is the noise a shift is tested against, and the σ of the
   * issue's "≥ 3σ"); a burst shorter than half the window leaves both where they were (ADR 0160). Blended
   * with the carried or seeded σ, weighted as `PRIOR_SAMPLES`, until `MATURE` samples are in.
   */
  get sigmaUs(): number {
    const n = this.diffs.count;
    const own =
      n > 0
        ? SIGMA_PER_MEDIAN_ABS * Math.max(this.diffs.value(), this.resid.count > 0 ? this.resid.value() : 0)
        : 0;
    const s = n >= MATURE ? own : (n * own + PRIOR_SAMPLES * this.prior) / (n + PRIOR_SAMPLES);
    return Math.max(this.o.statSigmaFloorUs, s);
  }

  /** A new route: σ carried (never below `arcSigmaUs`), level reseeded, residuals and alarm forgotten. */
  move(route: string, arcSigmaUs: number): void {
    this.route = route;
    this.prior = Math.max(this.sigmaUs, arcSigmaUs);
    this.diffs.clear();
    this.resid.clear();
    this.level = NaN;
    this.seed = [];
    this.seedNeeded = this.o.seedSamples;
    this.recent.length = 0;
    this.delays.length = 0;
    this.alarmSinceMs = null;
    this.alarmWindow = 0;
    this.quiet = 0;
  }

  /**
   * Takes one sample; returns its residual once the level is seeded, else null (still seeding). `ceilingUs`
   * (the path's nominal delay plus the anchoring slack, when the path can be judged against it) caps the
   * seeded level: a path that starts far above its nominal delay keeps the excess as a residual.
   */
  observe(atMs: number, delayUs: number, arcSigmaUs: number, ceilingUs: number | null = null): number | null {
    if (!this.ready) {
      this.seed.push(delayUs);
      this.lastMs = atMs;
      if (this.seed.length < this.seedNeeded) return null;
      const mean = this.seed.reduce((a, x) => a + x, 0) / this.seed.length;
      const sd = stepRobustSd(this.seed);
      this.anchored = ceilingUs !== null && mean > ceilingUs;
      this.level = this.anchored ? ceilingUs! : mean;
      this.prior = Math.max(this.sigmaUs, sd, arcSigmaUs);
      this.diffs.clear();
      this.resid.clear();
      this.seed = [];
      return null;
    }
    const r = delayUs - this.level;
    this.recent.push(r);
    this.delays.push(delayUs);
    if (this.recent.length > this.o.keep) {
      this.recent.shift();
      this.delays.shift();
    }
    return r;
  }

  /**
   * Learns (not called while the path is in alarm) from the delay `lag` intervals back, once the path has
   * been quiet since: the level (steps up winsorised at `capUs`) and σ (medians of |Δ|/√2 and of the residual:
   * robust to level steps, a reroute of other traffic moves the level once). The intervals the detector tests are never
   * in the baseline they are tested against: a shift it is about to confirm is not learned away.
   */
  learn(atMs: number, capUs: number, lag: number): void {
    const dt = Math.max(1, atMs - (this.lastMs ?? atMs - 1)) / this.o.intervalMs;
    this.lastMs = atMs;
    this.quiet++;
    const i = this.recent.length - 1 - lag;
    if (i < 1 || this.quiet <= lag + 1) return;
    const x = this.delays[i]! - this.level;
    // winsorised upwards only: a drop in delay is never the fault, and a path left above its level is blind
    this.level += Math.min(1, dt / this.o.levelTau) * Math.min(capUs, x);
    // σ by medians: a level step is one difference (and a minority of residuals), a burst a minority
    this.diffs.push(Math.abs(this.delays[i]! - this.delays[i - 1]!) / Math.SQRT2);
    this.resid.push(Math.abs(x));
  }

  /** Skips learning for an interval (in alarm) while keeping the clock. */
  hold(atMs: number): void {
    this.lastMs = atMs;
    this.quiet = 0;
  }

  /** A permanent change: the recent level becomes the baseline. */
  relearn(): void {
    const n = Math.min(this.recent.length, 5);
    if (n > 0) this.level += this.recent.slice(-n).reduce((a, x) => a + x, 0) / n;
    this.recent.length = 0;
    this.delays.length = 0;
    this.alarmSinceMs = null;
    this.alarmWindow = 0;
  }

  /** Mean residual over the last `w` intervals (fewer when fewer are known). */
  meanResidual(w: number): number {
    const n = Math.min(w, this.recent.length);
    if (n === 0) return 0;
    let s = 0;
    for (let i = this.recent.length - n; i < this.recent.length; i++) s += this.recent[i]!;
    return s / n;
  }
}

/**
 * σ of a few seeding samples that may span one level step (a fault that began while a new path was being
 * seeded): 1.4826 × the lower median of |Δ|/√2 over successive samples — a step is one difference, and the
 * plain standard deviation would take it for noise and hide the fault it is about to be tested for.
 */
export function stepRobustSd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const d = xs
    .slice(1)
    .map((x, i) => Math.abs(x - xs[i]!) / Math.SQRT2)
    .sort((a, b) => a - b);
  return SIGMA_PER_MEDIAN_ABS * d[(d.length - 1) >> 1]!;
}
