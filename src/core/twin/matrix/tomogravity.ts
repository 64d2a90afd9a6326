/**
 * Tomogravity (Zhang, Roughan, Duffield, Greenberg, SIGMETRICS 2003): start from a gravity prior p and apply the
 * weighted least-squares correction x = p + W Aᵀ (A W Aᵀ + εI)⁻¹ (y − A p), W = diag(p), which moves each demand
 * in proportion to its prior; negative cells are clipped to zero and frozen, and the fit repeated on the rest.
 * A is given by columns (sparse: row → coefficient), y by row. Pure arithmetic; r = rows is small (link
 * directions touched by unknown demands), so the r × r system is solved densely.
 */
export function tomogravity(
  columns: readonly ReadonlyMap<number, number>[],
  y: readonly number[],
  prior: readonly number[],
  rounds = 6,
): number[] {
  const r = y.length;
  const x = prior.slice();
  const free = prior.map((p) => p > 0);
  for (let round = 0; round < rounds; round++) {
    const resid = y.slice();
    columns.forEach((col, j) => col.forEach((c, i) => (resid[i]! -= c * x[j]!)));
    const m = new Float64Array(r * r);
    columns.forEach((col, j) => {
      const w = free[j] ? Math.max(prior[j]!, 1e-6) : 0;
      if (w === 0) return;
      const entries = [...col];
      for (const [i, ci] of entries) for (const [k, ck] of entries) m[i * r + k]! += w * ci * ck;
    });
    let trace = 0;
    for (let i = 0; i < r; i++) trace += m[i * r + i]!;
    const eps = 1e-9 * Math.max(1, trace / Math.max(1, r));
    for (let i = 0; i < r; i++) m[i * r + i]! += eps;
    const z = solve(m, resid, r);
    let clipped = false;
    columns.forEach((col, j) => {
      if (!free[j]) return;
      let s = 0;
      col.forEach((c, i) => (s += c * z[i]!));
      x[j] = x[j]! + Math.max(prior[j]!, 1e-6) * s;
      if (x[j] < 0) {
        x[j] = 0;
        free[j] = false;
        clipped = true;
      }
    });
    if (!clipped) break;
  }
  return x;
}

/** Gaussian elimination with partial pivoting on a dense r × r system (m is overwritten). */
function solve(m: Float64Array, b: readonly number[], r: number): number[] {
  const x = b.slice();
  for (let c = 0; c < r; c++) {
    let p = c;
    for (let i = c + 1; i < r; i++) if (Math.abs(m[i * r + c]!) > Math.abs(m[p * r + c]!)) p = i;
    if (m[p * r + c] === 0) continue;
    if (p !== c) {
      for (let k = 0; k < r; k++) {
        const t = m[c * r + k]!;
        m[c * r + k] = m[p * r + k]!;
        m[p * r + k] = t;
      }
      const t = x[c]!;
      x[c] = x[p]!;
      x[p] = t;
    }
    const piv = m[c * r + c]!;
    for (let i = c + 1; i < r; i++) {
      const f = m[i * r + c]! / piv;
      if (f === 0) continue;
      for (let k = c; k < r; k++) m[i * r + k]! -= f * m[c * r + k]!;
      x[i]! -= f * x[c]!;
    }
  }
  for (let c = r - 1; c >= 0; c--) {
    const piv = m[c * r + c]!;
    if (piv === 0) {
      x[c] = 0;
      continue;
    }
    let s = x[c]!;
    for (let k = c + 1; k < r; k++) s -= m[c * r + k]! * x[k]!;
    x[c] = s / piv;
  }
  return x;
}
