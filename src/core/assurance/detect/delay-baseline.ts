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
  /** The model delays of the seeding samples (NaN where unknown). */
  private seedModels: number[] = [];
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
  /**
   * The level was seeded at the nominal ceiling, not at what the path measured (ADR 0160), and has not learned
   * since (the excess told to the localiser is then known only to within the anchoring slack, ADR 0176).
   */
  anchored = false;
  /**
   * When (network ms) the samples that seed the level began (null before any; read once the level is ready): a
   * level seeded after a fault began holds the fault, and the path cannot tell it (ADR 0177).
   */
  seededFromMs: number | null = null;
  /** The path's stated propagation delay at its seeding (µs; NaN when unknown): the lowest its level can be. */
  nominalUs = NaN;
  /**
   * The path's learned delay above its link model (µs; NaN until known): an EWMA of delay − model over the
   * learned samples, as the level is (ADR 0173). Carried across a route change.
   */
  private offset = NaN;
  /** The offset carried from the route before the last move (NaN: none). */
  private carried = NaN;
  /** The model delays (µs; NaN when unknown) behind `recent`. */
  private readonly models: number[] = [];
  /**
   * |delay − model − offset| of the learned samples: the model's own error on this path, kept across moves
   * (created with the first model-carrying sample).
   */
  private modelErr: RollingQuantile | null = null;

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
    this.seedModels = [];
    this.seedNeeded = this.o.seedSamples;
    this.recent.length = 0;
    this.delays.length = 0;
    this.models.length = 0;
    this.alarmSinceMs = null;
    this.alarmWindow = 0;
    this.quiet = 0;
    this.carried = this.offset;
    this.offset = NaN;
  }

  /**
   * Takes one sample; returns its residual once the level is seeded, else null (still seeding). `ceilingUs`
   * (the path's nominal delay plus the anchoring slack, when the path can be judged against it) caps the
   * seeded level: a path that starts far above its nominal delay keeps the excess as a residual. `model`
   * (this interval's model delay, and the slack allowed for the model's error) caps a level reseeded after a
   * move at the seeding samples' mean model + carried offset + slack: a shift present on the new route stays
   * a residual (ADR 0173).
   */
  observe(
    atMs: number,
    delayUs: number,
    arcSigmaUs: number,
    ceilingUs: number | null = null,
    model: { readonly us: number; readonly slackUs: number } | null = null,
  ): number | null {
    const m = model?.us ?? NaN;
    if (!this.ready) {
      if (this.seed.length === 0) this.seededFromMs = atMs;
      this.seed.push(delayUs);
      this.seedModels.push(m);
      this.lastMs = atMs;
      if (this.seed.length < this.seedNeeded) return null;
      const mean = this.seed.reduce((a, x) => a + x, 0) / this.seed.length;
      const sd = stepRobustSd(this.seed);
      // the model over the same samples as the mean (NaN when any is unknown)
      const mm = this.seedModels.reduce((a, x) => a + x, 0) / this.seedModels.length;
      const carriedCap = Number.isFinite(mm + this.carried) ? mm + this.carried + model!.slackUs : Infinity;
      const cap = Math.min(ceilingUs ?? Infinity, carriedCap);
      this.anchored = mean > cap;
      this.level = this.anchored ? cap : mean;
      this.offset = this.level - mm;
      this.carried = NaN;
      this.prior = Math.max(this.sigmaUs, sd, arcSigmaUs);
      this.diffs.clear();
      this.resid.clear();
      this.seed = [];
      this.seedModels = [];
      return null;
    }
    const r = delayUs - this.level;
    this.recent.push(r);
    this.delays.push(delayUs);
    this.models.push(m);
    if (this.recent.length > this.o.keep) {
      this.recent.shift();
      this.delays.shift();
      this.models.shift();
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
    const a = Math.min(1, dt / this.o.levelTau);
    // from here the level is learned from what the path measures, no longer the anchor alone
    this.anchored = false;
    // winsorised upwards only: a drop in delay is never the fault, and a path left above its level is blind
    this.level += a * Math.min(capUs, x);
    // the offset from the model learns from the same sample, winsorised the same way (ADR 0173)
    const m = this.models[i]!;
    if (Number.isFinite(m)) {
      const xo = this.delays[i]! - m - this.offset;
      if (Number.isFinite(xo)) {
        (this.modelErr ??= new RollingQuantile(600, 10, 0.95)).push(Math.abs(xo));
        this.offset += a * Math.min(capUs, xo);
      } else this.offset = this.delays[i]! - m;
    }
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
    this.models.length = 0;
    this.offset = NaN;
    this.alarmSinceMs = null;
    this.alarmWindow = 0;
  }

  /**
   * Mean delay above what the link model and the learned offset predict, over the last `w` intervals (NaN
   * when the model or the offset is unknown for any of them): the part of a shift load does not explain.
   * Utilisation may be reported an interval after the delay it causes, so each sample is held against the
   * higher of its own interval's model and the next one's.
   */
  modelExcess(w: number): number {
    const n = Math.min(w, this.recent.length);
    if (n === 0 || !Number.isFinite(this.offset)) return NaN;
    let s = 0;
    for (let i = this.recent.length - n; i < this.recent.length; i++) {
      // an unknown next model (the newest sample's, or a NaN) leaves the sample's own
      const next = this.models[i + 1] ?? NaN;
      const m = Number.isNaN(next) ? this.models[i]! : Math.max(this.models[i]!, next);
      s += this.delays[i]! - m - this.offset;
    }
    return s / n;
  }

  /**
   * The link model's error on this path as a σ (µs): the 95th percentile of |delay − model − offset| over its
   * last 600 learned samples ÷ 1.96 (0 until 30 are in). Transients the model lags behind (a move, a step in
   * load) widen it; where the model is poor, it is trusted less.
   */
  get modelSigmaUs(): number {
    return !this.modelErr || this.modelErr.count < 30 ? 0 : this.modelErr.value() / 1.96;
  }

  /**
   * The shift the path carries now, read over the last `w` intervals: when they straddle its onset — a
   * trailing run of residuals at least `bar` whose mean stands above the earlier ones' by `stepSigmas` × the
   * two means' σ (`sigmaUs` per sample) — the mean over the run alone, else the mean over all `w`. `n`: the
   * samples averaged. Paths over one faulty link reach their shift in different intervals (each is probed on
   * its own schedule), and a window mean mixes in the baseline samples of those that shifted later.
   */
  currentShift(w: number, bar: number, sigmaUs: number, stepSigmas: number): { meanUs: number; n: number } {
    const n = Math.min(w, this.recent.length);
    const end = this.recent.length;
    let run = 0;
    let sum = 0;
    while (run < n && this.recent[end - 1 - run]! >= bar) {
      sum += this.recent[end - 1 - run]!;
      run++;
    }
    const all = this.meanResidual(n);
    if (run === 0 || run === n) return { meanUs: all, n };
    const after = sum / run;
    const before = (all * n - sum) / (n - run);
    const step = after - before;
    return step >= stepSigmas * sigmaUs * Math.sqrt(1 / run + 1 / (n - run))
      ? { meanUs: after, n: run }
      : { meanUs: all, n };
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
