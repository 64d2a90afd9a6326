/** Public surface of the assurance core. Each sub-folder (detect/, locate/, classify/, repair/, incident/) adds its line. */
export { policyKey } from './observation';
export type {
  PolicyKey,
  PathRow,
  ArcInfo,
  ProbeObservation,
  LinkObservation,
  NodeObservation,
  HeldPolicy,
  SignalKind,
  Signal,
  PathMeasurement,
  Element,
  Hypothesis,
  Suspect,
  ProbeRequest,
  ProbeCandidate,
  ProbeDesigner,
  Localisation,
} from './observation';

// detect/ and locate/ (ADR 0101–0104)
export {
  HardEventDetector,
  FlapDetector,
  LossDetector,
  DEFAULT_LOSS_OPTIONS,
  LatencyDetector,
  DEFAULT_LATENCY_OPTIONS,
  CounterDetector,
  DEFAULT_COUNTER_OPTIONS,
  DriftDetector,
  DetectorBank,
} from './detect';
export type {
  IntervalInput,
  DetectorBankOptions,
  LossDetectorOptions,
  LatencyDetectorOptions,
  CounterDetectorOptions,
  DelayExcess,
} from './detect';
export { locate, DEFAULT_LOCATE_OPTIONS } from './locate';
export type { LocateInput, LocateOptions } from './locate';

// incident/ (ADR 0105)
export {
  INCIDENT_CLASSES,
  INCIDENT_STATES,
  INCIDENT_MOVES,
  isIncidentClass,
  IllegalIncidentTransitionError,
  openIncident,
  reduceIncident,
  canMove,
  isOpen,
  correlate,
  extendScope,
  advanceClear,
  trackSignals,
  withIncident,
  EMPTY_TRACKER,
} from './incident';
export type {
  Incident,
  IncidentAction,
  IncidentClass,
  IncidentState,
  IncidentSuspect,
  IncidentEvent,
  OpenIncidentInput,
  IncidentScope,
  CorrelationOptions,
  CorrelationResult,
  ClearState,
  TrackedIncident,
  TrackerState,
  TrackerOptions,
  TrackerStep,
} from './incident';

// classify/ (ADR 0106)
export {
  FEATURE_NAMES,
  extractFeatures,
  LogisticModel,
  classifyByRules,
  FaultClassifier,
  DEFAULT_CONFIDENCE_THRESHOLD,
  generateCampaign,
  evaluate,
  formatConfusion,
  trainAndEvaluate,
} from './classify';
export type { FeatureContext, Classification, LogisticModelJson, ConfusionReport } from './classify';

// repair/ (ADR 0107, 0108)
export {
  planRepair,
  verificationPlan,
  verifyRepair,
  DEFAULT_VERIFICATION,
  proposeReoptimisation,
  DEFAULT_PLANNER_OPTIONS,
  pathFinderFrom,
  toWhatIfChange,
  twinEvaluator,
} from './repair';
export type {
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
  VerificationPlan,
  VerificationSample,
  VerificationVerdict,
  ForecastCrossing,
} from './repair';
