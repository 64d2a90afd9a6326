/** What an LP solve produced, read from the solver's solution text. */
export type LpOutcome =
  { readonly ok: true; readonly objective: number } | { readonly ok: false; readonly status: string };

const STATUS: Readonly<Record<string, string>> = {
  u: 'undefined',
  f: 'feasible',
  i: 'infeasible',
  n: 'no feasible',
};

/**
 * Reads GLPK's plain-text solution (`glpsol -w FILE`). Simplex: the line `s bas ROWS COLS PRIM DUAL OBJ`, where
 * PRIM and DUAL are u (undefined), f (feasible), i (infeasible) or n (no feasible solution); the objective is
 * the optimum only when both are feasible. Interior point: `s ipt ROWS COLS STATUS OBJ`, optimal when STATUS
 * is o (to the solver's relative tolerance, about 1e-8).
 */
export function parseGlpkSolution(text: string): LpOutcome {
  const ipt = text.split('\n').find((l) => l.startsWith('s ipt '));
  if (ipt) {
    const [, , , , status, obj] = ipt.trim().split(/\s+/);
    const objective = Number(obj);
    if (status === 'o' && Number.isFinite(objective)) return { ok: true, objective };
    return {
      ok: false,
      status: `interior point ${status === 'o' ? 'optimal' : (STATUS[status ?? ''] ?? status ?? '?')}`,
    };
  }
  const line = text.split('\n').find((l) => l.startsWith('s bas '));
  if (!line) return { ok: false, status: 'no solution in the solver output' };
  const [, , , , prim, dual, obj] = line.trim().split(/\s+/);
  const objective = Number(obj);
  if (prim === 'f' && dual === 'f' && Number.isFinite(objective)) return { ok: true, objective };
  return {
    ok: false,
    status: `primal ${STATUS[prim ?? ''] ?? prim ?? '?'}, dual ${STATUS[dual ?? ''] ?? dual ?? '?'}`,
  };
}
