import type { LpModel } from '../core/pathcomp';

/**
 * An external linear-programming solver. Core builds the model text and reads the solution text; the
 * adapter only runs the solver. The solution is GLPK's plain-text basic solution format (`glpsol -w`),
 * which core's `parseGlpkSolution` reads; an adapter for another solver converts to it.
 */
export interface LpSolveOptions {
  /** Give up after this many seconds (the result then is not optimal). */
  readonly timeLimitSeconds?: number;
  /** Interior point (default: much faster on large flow LPs) or simplex. */
  readonly method?: 'interior' | 'simplex';
}

export interface LpSolution {
  readonly format: 'glpk-raw';
  readonly text: string;
  /** Wall-clock seconds the solver ran. */
  readonly seconds: number;
}

export interface LpSolver {
  /** Whether the solver can run here (e.g. its binary is installed). */
  available(): Promise<boolean>;
  solve(model: LpModel, options?: LpSolveOptions): Promise<LpSolution>;
}
