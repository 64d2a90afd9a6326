export { INCIDENT_CLASSES, INCIDENT_STATES, isIncidentClass } from './incident.types';
export type {
  Incident,
  IncidentAction,
  IncidentClass,
  IncidentState,
  IncidentSuspect,
} from './incident.types';
export {
  INCIDENT_MOVES,
  IllegalIncidentTransitionError,
  openIncident,
  reduceIncident,
  canMove,
  isOpen,
} from './incident.reducer';
export type { IncidentEvent, OpenIncidentInput } from './incident.reducer';
export { correlate, extendScope, footprint, advanceClear } from './correlation';
export type { IncidentScope, CorrelationOptions, CorrelationResult, ClearState } from './correlation';
export { trackSignals, withIncident, EMPTY_TRACKER } from './incident.tracker';
export type { TrackedIncident, TrackerState, TrackerOptions, TrackerStep } from './incident.tracker';
