import { goldenMax } from '../detect/stats';
import type { Incidence } from './incidence';
import type { PathModel } from './path-model';

/** A fitted hypothesis: a set of equivalence classes (one fault each) with their profiled parameters. */
export interface Fit {
  readonly classes: readonly number[];
  readonly params: readonly number[];
  readonly logLik: number;
  /** logLik + Σ (class log prior odds − complexity penalty): the unnormalised log posterior. */
  readonly score: number;
  /** Per-path aggregate under this hypothesis (see PathModel). */
  readonly m: Float64Array;
}

/**
 * Scores hypotheses over equivalence classes with the path model: every parameter is profiled (maximised) by
 * coordinate ascent with golden-section line searches, so "per-link loss rate unknown" costs one fit, not a
 * grid. Flock-style: a hypothesis' score is its log-likelihood plus its log prior odds.
 */
export class HypothesisScorer {
  private readonly baseLl: number;
  private readonly neutralLl: Float64Array;
  private readonly saturatedLl: Float64Array;

  constructor(
    private readonly model: PathModel,
    private readonly incidence: Incidence,
    private readonly penaltyNats: number,
  ) {
    this.neutralLl = new Float64Array(model.size);
    this.saturatedLl = new Float64Array(model.size);
    let sum = 0;
    for (let i = 0; i < model.size; i++) {
      this.saturatedLl[i] = model.saturated(i);
      this.neutralLl[i] = model.logLik(i, model.neutral);
      sum += this.neutralLl[i]!;
    }
    this.baseLl = sum;
  }

  empty(): Fit {
    return {
      classes: [],
      params: [],
      logLik: this.baseLl,
      score: this.baseLl,
      m: new Float64Array(this.model.size).fill(this.model.neutral),
    };
  }

  /**
   * The `count` best single-class additions to `fit` (others held fixed), by gain. Candidates are tried in
   * order of an upper bound on their gain (each path at its saturated likelihood) and the search stops once
   * the bound falls below the `count`-th best gain found: exact, and most candidates are never fitted.
   */
  topGains(fit: Fit, candidates: readonly number[], count: number): { c: number; gain: number; x: number }[] {
    const bounded = candidates
      .filter((c) => !fit.classes.includes(c))
      .map((c) => ({ c, bound: this.bound(fit, c) }))
      .sort((a, b) => b.bound - a.bound || a.c - b.c);
    const top: { c: number; gain: number; x: number }[] = [];
    for (const { c, bound } of bounded) {
      if (top.length >= count && bound <= top[top.length - 1]!.gain) break;
      const g = this.gainOf(fit, c);
      top.push({ c, ...g });
      top.sort((a, b) => b.gain - a.gain || a.c - b.c);
      if (top.length > count) top.pop();
    }
    return top;
  }

  private bound(fit: Fit, c: number): number {
    const cls = this.incidence.classes[c]!;
    const slack = this.slackOf(fit);
    let b = cls.logPriorOdds - this.penaltyNats;
    for (const p of cls.paths) b += slack[p]!;
    return b;
  }

  /**
   * Per path, how much likelihood a fit leaves on the table (saturated − current), computed once per fit:
   * `topGains` bounds hundreds of candidates against the same fit, and most paths sit at the neutral
   * aggregate whose likelihood is precomputed.
   */
  private slackOf(fit: Fit): Float64Array {
    let slack = this.slack.get(fit);
    if (slack) return slack;
    const { neutral } = this.model;
    slack = new Float64Array(this.model.size);
    for (let p = 0; p < slack.length; p++) {
      const m = fit.m[p]!;
      slack[p] = this.saturatedLl[p]! - (m === neutral ? this.neutralLl[p]! : this.model.logLik(p, m));
    }
    this.slack.set(fit, slack);
    return slack;
  }

  private readonly slack = new WeakMap<Fit, Float64Array>();

  /** Best gain in score from adding class `c` to `fit` with the others held fixed, and its parameter. */
  gainOf(fit: Fit, c: number): { gain: number; x: number } {
    let known = this.gains.get(fit);
    if (!known) {
      known = new Map();
      this.gains.set(fit, known);
    }
    let out = known.get(c);
    if (!out) {
      out = this.computeGain(fit, c);
      known.set(c, out);
    }
    return out;
  }

  /** Gains already profiled against a fit: greedy's last round and the neighbourhood ask the same ones. */
  private readonly gains = new WeakMap<Fit, Map<number, { gain: number; x: number }>>();

  private computeGain(fit: Fit, c: number): { gain: number; x: number } {
    const cls = this.incidence.classes[c]!;
    const { model } = this;
    const slack = this.slackOf(fit);
    let before = 0;
    for (const p of cls.paths) before += this.saturatedLl[p]! - slack[p]!;
    const base = cls.paths.map((p) => fit.m[p]!);
    const best =
      model.profile?.(cls.paths, cls.fractions, base) ??
      goldenMax(
        (x) =>
          cls.paths.reduce((s, p, j) => s + model.logLik(p, model.apply(base[j]!, cls.fractions[j]!, x)), 0),
        0,
        model.maxParam,
        24,
      );
    return { gain: best.value - before + cls.logPriorOdds - this.penaltyNats, x: best.x };
  }

  /** Fits the parameters of a set of classes jointly (coordinate ascent, `rounds` sweeps). */
  fit(classes: readonly number[], start?: readonly number[], rounds = 4): Fit {
    const { model } = this;
    const params = classes.map((_, j) => start?.[j] ?? 0);
    const touched = new Set<number>();
    for (const c of classes) for (const p of this.incidence.classes[c]!.paths) touched.add(p);
    const aggregate = (skip: number): Map<number, number> => {
      const m = new Map<number, number>();
      for (const p of touched) m.set(p, model.neutral);
      classes.forEach((c, j) => {
        if (j === skip) return;
        const cls = this.incidence.classes[c]!;
        cls.paths.forEach((p, k) => m.set(p, model.apply(m.get(p)!, cls.fractions[k]!, params[j]!)));
      });
      return m;
    };
    for (let r = 0; r < rounds; r++) {
      let moved = 0;
      classes.forEach((c, j) => {
        const cls = this.incidence.classes[c]!;
        const others = aggregate(j);
        const base = cls.paths.map((p) => others.get(p)!);
        const best =
          model.profile?.(cls.paths, cls.fractions, base) ??
          goldenMax(
            (x) =>
              cls.paths.reduce(
                (s, p, k) => s + model.logLik(p, model.apply(base[k]!, cls.fractions[k]!, x)),
                0,
              ),
            0,
            model.maxParam,
            36,
          );
        moved = Math.max(moved, Math.abs(best.x - params[j]!));
        params[j] = best.x;
      });
      if (moved < 1e-9 * model.maxParam) break;
    }
    const all = aggregate(-1);
    const m = new Float64Array(model.size).fill(model.neutral);
    let logLik = this.baseLl;
    for (const [p, v] of all) {
      m[p] = v;
      logLik += model.logLik(p, v) - this.neutralLl[p]!;
    }
    const prior = classes.reduce((s, c) => s + this.incidence.classes[c]!.logPriorOdds - this.penaltyNats, 0);
    return { classes: [...classes], params, logLik, score: logLik + prior, m };
  }
}

/**
 * Flock-style greedy MAP: start from "no fault", add the class whose profiled addition raises the posterior
 * most, refit all parameters jointly, repeat while the score rises (at most `maxFaults`), then drop any class
 * whose removal raises it (a later, better explanation can make an early pick redundant).
 */
export function greedyMap(scorer: HypothesisScorer, candidates: readonly number[], maxFaults: number): Fit {
  let best = scorer.empty();
  while (best.classes.length < maxFaults) {
    const pick = scorer.topGains(best, candidates, 1)[0];
    if (!pick || pick.gain <= 0) break;
    const next = scorer.fit([...best.classes, pick.c], [...best.params, pick.x]);
    if (next.score <= best.score) break;
    best = next;
  }
  return prune(scorer, best);
}

/** Drops, one at a time, any class whose removal raises the score (a later, better explanation made it redundant). */
export function prune(scorer: HypothesisScorer, fit: Fit): Fit {
  let best = fit;
  for (let changed = true; changed && best.classes.length > 1;) {
    changed = false;
    for (let j = 0; j < best.classes.length; j++) {
      const rest = best.classes.filter((_, k) => k !== j);
      const trial = scorer.fit(
        rest,
        best.params.filter((_, k) => k !== j),
      );
      if (trial.score > best.score) {
        best = trial;
        changed = true;
        break;
      }
    }
  }
  return best;
}
