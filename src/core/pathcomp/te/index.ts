export { TeOptimizer } from './te-optimizer';
export type { TeOptions, TeResult, PlacedDemand } from './te-optimizer';
export { buildMinMluLp } from './min-mlu-lp';
export type { LpModel } from './min-mlu-lp';
export { parseGlpkSolution } from './glpk-solution';
export type { LpOutcome } from './glpk-solution';
