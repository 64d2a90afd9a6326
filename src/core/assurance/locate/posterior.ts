import type { Element, Hypothesis, Suspect } from '../observation';
import type { Fit, HypothesisScorer } from './greedy-map';
import { elementKey } from './incidence';
import type { Incidence } from './incidence';

/**
 * The hypotheses around the MAP fit: the fit itself, each of its classes removed, swapped for one of the
 * `width` best alternatives among the classes sharing a measured path with it (`related`: a class on other
 * paths cannot explain the same losses), and each of the `width` best additions. Their scores, normalised, are the
 * posterior we report (the mass outside this neighbourhood is negligible when the fit is good, and the
 * neighbourhood is exactly what an operator would ask about: "could it be that one instead?").
 */
export function neighbourhood(
  scorer: HypothesisScorer,
  best: Fit,
  candidates: readonly number[],
  width: number,
  related: (c: number) => readonly number[] = () => candidates,
): Fit[] {
  const seen = new Map<string, Fit>();
  const keep = (f: Fit): void => {
    const key = [...f.classes].sort((a, b) => a - b).join(',');
    const old = seen.get(key);
    if (!old || f.score > old.score) seen.set(key, f);
  };
  keep(best);
  const ranked = (base: Fit, pool: readonly number[]): number[] =>
    scorer.topGains(base, pool, width).map((x) => x.c);
  best.classes.forEach((_, j) => {
    const rest = best.classes.filter((_, k) => k !== j);
    const restParams = best.params.filter((_, k) => k !== j);
    const without = scorer.fit(rest, restParams);
    keep(without);
    for (const c of ranked(without, related(best.classes[j]!)))
      keep(scorer.fit([...rest, c], [...restParams, 0]));
  });
  for (const c of ranked(best, candidates)) keep(scorer.fit([...best.classes, c], [...best.params, 0]));
  return [...seen.values()].sort((a, b) => b.score - a.score);
}

/** Normalised posterior weights of fits (softmax of their scores). */
export function normalise(fits: readonly Fit[]): number[] {
  const top = Math.max(...fits.map((f) => f.score));
  const w = fits.map((f) => Math.exp(f.score - top));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

/**
 * Expands class-level hypotheses into element-level ones: a class with several members splits its mass by
 * the members' prior odds (no measurement prefers one), so a pair of indistinguishable links comes out as
 * two hypotheses of equal probability, never as one guessed link. Keeps the `limit` most probable, renormalised.
 */
export function expand(
  fits: readonly Fit[],
  weights: readonly number[],
  incidence: Incidence,
  limit: number,
): { hypotheses: Hypothesis[]; suspects: Suspect[] } {
  const out: { elements: Element[]; rates: number[]; p: number }[] = [];
  fits.forEach((fit, f) => {
    if (fit.classes.length === 0) {
      out.push({ elements: [], rates: [], p: weights[f]! });
      return;
    }
    let combos: { elements: Element[]; rates: number[]; p: number }[] = [
      { elements: [], rates: [], p: weights[f]! },
    ];
    fit.classes.forEach((c, j) => {
      const cls = incidence.classes[c]!;
      const odds = cls.members.map((m) => m.prior / (1 - Math.min(m.prior, 0.999)));
      const total = odds.reduce((a, b) => a + b, 0);
      combos = combos
        .flatMap((combo) =>
          cls.members.map((m, k) => ({
            elements: [...combo.elements, m.element],
            rates: [...combo.rates, fit.params[j]!],
            p: (combo.p * odds[k]!) / total,
          })),
        )
        .sort((a, b) => b.p - a.p)
        .slice(0, limit);
    });
    out.push(...combos);
  });
  const kept = out
    .filter((h) => h.elements.length > 0)
    .sort((a, b) => b.p - a.p)
    .slice(0, limit);
  const mass =
    kept.reduce((s, h) => s + h.p, 0) +
    out.filter((h) => h.elements.length === 0).reduce((s, h) => s + h.p, 0);
  const hypotheses = kept.map((h) => ({ elements: h.elements, probability: h.p / mass, lossRates: h.rates }));
  const marginal = new Map<string, { element: Element; p: number }>();
  for (const h of hypotheses) {
    for (const e of h.elements) {
      const key = elementKey(e);
      const cur = marginal.get(key) ?? { element: e, p: 0 };
      cur.p += h.probability;
      marginal.set(key, cur);
    }
  }
  const suspects = [...marginal.values()]
    .sort((a, b) => b.p - a.p || (a.element.id < b.element.id ? -1 : 1))
    .map(({ element, p }) => ({
      kind: element.kind,
      id: element.id,
      ...(element.kind === 'link' ? { arc: element.arc } : {}),
      probability: Math.min(1, p),
    }));
  return { hypotheses, suspects };
}

/** For each class, the candidate classes that share at least one measured path with it. */
export function relatedClasses(
  incidence: Incidence,
  candidates: readonly number[],
): (c: number) => readonly number[] {
  const onPath = new Map<number, number[]>();
  for (const c of candidates) {
    for (const p of incidence.classes[c]!.paths) {
      const list = onPath.get(p) ?? [];
      list.push(c);
      onPath.set(p, list);
    }
  }
  const memo = new Map<number, number[]>();
  return (c) => {
    let out = memo.get(c);
    if (!out) {
      out = [...new Set(incidence.classes[c]!.paths.flatMap((p) => onPath.get(p) ?? []))].filter(
        (x) => x !== c,
      );
      memo.set(c, out);
    }
    return out;
  };
}
