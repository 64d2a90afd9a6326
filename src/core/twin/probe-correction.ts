/**
 * Online least squares for per-arc extra delay (ADR 0090). A probe measures a path's delay D; the model
 * predicts P = Σ f_a · d_a over the path's arcs (f_a the fraction of probes crossing arc a). The residual
 * r = D − P is spread over the path's arcs by a normalised-LMS (Kaczmarz) step, c_a += μ · r · f_a / Σ f²,
 * which moves the corrections toward the least-squares solution of all probes' equations; μ < 1 makes it an
 * exponentially weighted average that tracks slow drift and damps probe noise. Corrections never make an
 * arc's delay negative (c_a ≥ −floor_a).
 */
export const CORRECTION_STEP = 0.3;

export function learnCorrection(
  correction: Float64Array,
  arcs: Int32Array,
  frac: Float64Array,
  residualUs: number,
  floorUs: (arc: number) => number,
  step = CORRECTION_STEP,
): void {
  let norm = 0;
  for (let i = 0; i < frac.length; i++) norm += frac[i]! * frac[i]!;
  if (!(norm > 0) || !Number.isFinite(residualUs)) return;
  const k = (step * residualUs) / norm;
  for (let i = 0; i < arcs.length; i++) {
    const a = arcs[i]!;
    correction[a] = Math.max(-floorUs(a), correction[a]! + k * frac[i]!);
  }
}
