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
