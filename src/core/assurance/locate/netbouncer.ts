import { goldenMax } from '../detect/stats';
import type { Candidate } from './incidence';
import type { PathModel } from './path-model';

/**
 * NetBouncer-style cross-check (Tan et al., NSDI'19): minimise Σ residual(path) + Σ regulariser(x) over the
 * per-arc parameters by coordinate descent (golden-section per coordinate), each arc on its own (it does not
 * know about equivalence classes). Used only to confirm or doubt the likelihood search; returns the arcs it
 * fits as faulty.
 */
export function netBouncerFit(model: PathModel, arcs: readonly Candidate[], sweeps = 12): Candidate[] {
  const x = new Float64Array(arcs.length);
  const onPath = new Map<number, { a: number; f: number }[]>();
  arcs.forEach((c, a) =>
    c.paths.forEach((p, k) => {
      const list = onPath.get(p) ?? [];
      list.push({ a, f: c.fractions[k]! });
      onPath.set(p, list);
    }),
  );
  const others = (p: number, skip: number): number =>
    (onPath.get(p) ?? []).reduce((m, e) => (e.a === skip ? m : model.apply(m, e.f, x[e.a]!)), model.neutral);
  for (let s = 0; s < sweeps; s++) {
    let moved = 0;
    arcs.forEach((c, a) => {
      const rest = c.paths.map((p) => others(p, a));
      const best = goldenMax(
        (v) =>
          -c.paths.reduce(
            (acc, p, k) => acc + model.residual(p, model.apply(rest[k]!, c.fractions[k]!, v)),
            0,
          ) - model.regulariser(v),
        0,
        model.maxParam,
        36,
      );
      moved = Math.max(moved, Math.abs(best.x - x[a]!));
      x[a] = best.x;
    });
    if (moved < 1e-7 * model.maxParam) break;
  }
  return arcs.filter((_, a) => model.faulty(x[a]!));
}
