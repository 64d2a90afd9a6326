/** Per-path delay baselines for the latency detector: level, robust σ, recent residuals, seeding after a move. */

export interface BaselineOptions {
  /** Probe interval (ms): the time constants below are in intervals. */
  readonly intervalMs: number;
  /** Time constant of the level (intervals): short enough that a busy-hour ramp lags by a small part of σ. */
  readonly levelTau: number;
  /** Time constant of the robust σ (intervals; mean |Δ|/√2 × 1.2533 of successive delays, clipped at 4 σ). */
  readonly sigmaTau: number;
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
/** A carried or seeded σ counts as this many samples: a path's own residuals take over within a minute. */
const PRIOR_SAMPLES = 10;

/**
 * One path's learned delay: a level (EWMA, winsorised so one large residual moves it little), a robust σ,
 * and the residuals since the level was seeded. A route change keeps σ (the larger of the old one and what
 * the new route's arcs are known to carry) and reseeds the level from the next `seedSamples` samples.
 */
export class DelayBaseline {
  level = NaN;
  private meanAbs = 0;
  private seed: number[] = [];
  private seedNeeded: number;
  private lastMs: number | null = null;
  /** Residuals learned from since the level was seeded (the carried σ weighs as `PRIOR_SAMPLES` of them). */
  private learned = 0;
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

  constructor(
    public route: string,
    private readonly o: BaselineOptions,
    carriedSigmaUs: number | null,
  ) {
    this.seedNeeded = carriedSigmaUs === null ? o.warmup : o.seedSamples;
    this.meanAbs = (carriedSigmaUs ?? 0) / SIGMA_PER_MEAN_ABS;
  }

  get ready(): boolean {
    return Number.isFinite(this.level);
  }

  /** The statistical σ (µs) of one interval's delay around the level. */
  get sigmaUs(): number {
    return Math.max(this.o.statSigmaFloorUs, SIGMA_PER_MEAN_ABS * this.meanAbs);
  }

  /** A new route: σ carried (never below `arcSigmaUs`), level reseeded, residuals and alarm forgotten. */
  move(route: string, arcSigmaUs: number): void {
    this.route = route;
    this.meanAbs = Math.max(this.sigmaUs, arcSigmaUs) / SIGMA_PER_MEAN_ABS;
    this.level = NaN;
    this.seed = [];
    this.seedNeeded = this.o.seedSamples;
    this.recent.length = 0;
    this.delays.length = 0;
    this.alarmSinceMs = null;
    this.alarmWindow = 0;
    this.quiet = 0;
  }

  /** Takes one sample; returns its residual once the level is seeded, else null (still seeding). */
  observe(atMs: number, delayUs: number, arcSigmaUs: number): number | null {
    if (!this.ready) {
      this.seed.push(delayUs);
      this.lastMs = atMs;
      if (this.seed.length < this.seedNeeded) return null;
      const mean = this.seed.reduce((a, x) => a + x, 0) / this.seed.length;
      const sd = Math.sqrt(this.seed.reduce((a, x) => a + (x - mean) ** 2, 0) / (this.seed.length - 1 || 1));
      this.level = mean;
      this.meanAbs = Math.max(SIGMA_PER_MEAN_ABS * this.meanAbs, sd, arcSigmaUs) / SIGMA_PER_MEAN_ABS;
      this.seed = [];
      this.learned = 0;
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
   * been quiet since: the level (steps up winsorised at `capUs`) and σ from successive differences (|Δ|/√2, robust to
   * level steps: a reroute of other traffic moves the level once). The intervals the detector tests are never
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
    // σ from successive differences (as a MAD of differences would): a level step is one clipped difference
    const diff = Math.abs(this.delays[i]! - this.delays[i - 1]!) / Math.SQRT2;
    const sigma = this.sigmaUs;
    this.learned++;
    const ws = Math.max(Math.min(1, dt / this.o.sigmaTau), 1 / (this.learned + PRIOR_SAMPLES));
    this.meanAbs += ws * (Math.min(diff, 4 * sigma) - this.meanAbs);
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
