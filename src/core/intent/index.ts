export { BandwidthLedger, poolOf } from './bandwidth-ledger';
export type { Admission } from './bandwidth-ledger';
export { TRANSITIONS, INTENT_STATUSES, IN_SERVICE, canTransition, transition, routeTo } from './lifecycle';
export {
  ConnectivityCompiler,
  policyName,
  reservationsOf,
  PRIMARY_PREFERENCE,
  BACKUP_PREFERENCE,
} from './connectivity.compiler';
export { CompilerRegistry } from './compiler-registry';
export type {
  CompileInput,
  CompiledIntent,
  DirectionExplanation,
  Explanation,
  IntentCompiler,
  PathEngineFactory,
  PathEngineLike,
  PathSummary,
} from './intent-compiler';
export { sharedEngineFactory } from './shared-engine';
export { colorOf, serviceClassOf, isolationRank } from './color';
export { TopologyPlanVerifier } from './verifier';
export type { AdmissionView, CheckName, PlanVerifier, Verification, VerificationCheck } from './verifier';
export { walkOf, planArcs, delayOf } from './plan-arcs';
export type { CandidatePath, Walk } from './plan-arcs';
