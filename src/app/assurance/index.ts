export { AssuranceService, ASSURANCE_METRICS } from './assurance.service';
export { AssuranceLoop } from './assurance.loop';
export type { AutonomyLevel, LoopOptions } from './assurance.loop';
export { ASSURANCE_ENGINE } from './assurance-engine';
export type {
  AssuranceEngine,
  Finding,
  LoopObservation,
  ObservedLink,
  ObservedPath,
  ProbeRequest,
} from './assurance-engine';
export { ASSURANCE_AVOIDANCE, ASSURANCE_OPTIONS, ASSURANCE_TAP } from './assurance.tokens';
export type { AssuranceOptions } from './assurance.tokens';
export { AvoidanceRegistry, avoidingEngineFactory, avoidingVerifier } from './avoidance.registry';
export { IncidentBook } from './incident-book';
export { ASSURANCE_TWIN, ObservationBuilder } from './observation.builder';
export type { TwinReader } from './observation.builder';
export { TelemetryTap } from './telemetry-tap';
export { DEFAULT_GUARDRAILS } from './guardrails';
export type { GuardrailOptions } from './guardrails';
export { assuranceWiring } from './assurance.providers';
export type { AssuranceSettings } from './assurance.providers';
export { CoreAssuranceEngine } from './core.engine';
