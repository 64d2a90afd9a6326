import type { Candidate } from './incidence';
import type { PathModel } from './path-model';

/**
 * NetBouncer-style cross-check (Tan et al., NSDI'19): minimise Σ residual(path) + Σ regulariser(x) over the
 * per-arc parameters by coordinate descent, each coordinate a 1-D quadratic solved exactly (a path's
 * aggregate is affine in one arc's parameter), each arc on its own (it does not know about equivalence
 * classes). Used only to confirm or doubt the likelihood search; returns the arcs it fits as faulty.
 */
export function netBouncerFit(model: PathModel, arcs: readonly Candidate[], sweeps = 30): Candidate[] {
  const x = new Float64Array(arcs.length);
  const onPath = new Map<number, { a: number; f: number }[]>();
  arcs.forEach((c, a) =>
    c.paths.forEach((p, k) => {
      const list = onPath.get(p) ?? [];
      list.push({ a, f: c.fractions[k]! });
      onPath.set(p, list);
    }),
  );
  // Each path's aggregate over all arcs, kept current: removing one arc's factor is O(1) (recomputed from
  // the path's arcs only when the factor cannot be divided out).
  const agg = new Float64Array(model.size).fill(model.neutral);
  const others = (p: number, a: number, f: number): number => {
    const m = model.remove(agg[p]!, f, x[a]!);
    if (!Number.isNaN(m)) return m;
    return (onPath.get(p) ?? []).reduce(
      (acc, e) => (e.a === a ? acc : model.apply(acc, e.f, x[e.a]!)),
      model.neutral,
    );
  };
  for (let s = 0; s < sweeps; s++) {
    let moved = 0;
    arcs.forEach((c, a) => {
      const rest = c.paths.map((p, k) => others(p, a, c.fractions[k]!));
      const v = coordinate(model, c.paths, c.fractions, rest);
      moved = Math.max(moved, Math.abs(v - x[a]!));
      x[a] = v;
      c.paths.forEach((p, k) => {
        agg[p] = model.apply(rest[k]!, c.fractions[k]!, v);
      });
    });
    if (moved < 1e-7 * model.maxParam) break;
  }
  return arcs.filter((_, a) => model.faulty(x[a]!));
}

/** argmin over v ∈ [0, max] of Σ w·(t − (α + β·v))² + linear·v + quadratic·v², with α, β from `apply`. */
function coordinate(
  model: PathModel,
  paths: readonly number[],
  fractions: readonly number[],
  rest: readonly number[],
): number {
  let a = model.reg.quadratic;
  let b = model.reg.linear;
  let c = 0;
  paths.forEach((p, k) => {
    const alpha = model.apply(rest[k]!, fractions[k]!, 0);
    const beta = model.apply(rest[k]!, fractions[k]!, 1) - alpha;
    const w = model.lsWeight(p);
    const gap = model.lsTarget(p) - alpha;
    a += w * beta * beta;
    b -= 2 * w * beta * gap;
    c += w * gap * gap;
  });
  const f = (v: number): number => a * v * v + b * v + c;
  const max = model.maxParam;
  const options = [0, max];
  if (a > 0) options.push(Math.min(max, Math.max(0, -b / (2 * a))));
  return options.reduce((best, v) => (f(v) < f(best) ? v : best));
}
