export { avoidSet, candidatesFor } from './candidates';
export { planRepair, evaluateCandidate, compareEvaluations } from './repair.planner';
export { verificationPlan, verifyRepair, DEFAULT_VERIFICATION } from './verification';
export type {
  VerificationPlan,
  VerificationOptions,
  VerificationSample,
  VerificationVerdict,
} from './verification';
export { proposeReoptimisation } from './proactive';
export type { ForecastCrossing } from './proactive';
export { DEFAULT_PLANNER_OPTIONS } from './repair.types';
export type {
  PolicyKey,
  AffectedPolicy,
  PathFinder,
  RepairChange,
  RepairPrediction,
  RepairEvaluator,
  RepairKind,
  RepairCandidate,
  CandidateEvaluation,
  RepairProposal,
  RepairInput,
  PlannerOptions,
} from './repair.types';
export { pathFinderFrom, toWhatIfChange, twinEvaluator } from './bindings';
