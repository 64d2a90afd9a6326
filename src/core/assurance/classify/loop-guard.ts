import type { IncidentClass } from '../incident';
import { FEATURE_NAMES } from './features';
import type { FeatureVector } from './features';
import type { FaultClassifier } from './fault.classifier';
import { classifyByRules } from './rules.classifier';

const at = (v: FeatureVector, name: (typeof FEATURE_NAMES)[number]): number =>
  v[FEATURE_NAMES.indexOf(name)] ?? 0;

/** Classes a localised loss or latency symptom can have (a silent NE or a drifted policy loses no probes). */
export const PATH_SYMPTOM_CLASSES: ReadonlySet<IncidentClass> = new Set<IncidentClass>([
  'gray-loss',
  'latency',
  'crc',
  'congestion',
  'flap',
  'link-down',
  'node-down',
]);

/**
 * The classify step's guard (ADR 0106): on a loss or latency symptom the model may name only a path-symptom
 * class, crc only with error counters on the fault and a flap only with its transitions; `fired` says whether
 * the fault's own signals include a kind. Shared by the loop and its offline replay (`loopClass`).
 */
export function plausibleOnPathSymptom(
  cls: IncidentClass,
  fired: (kind: 'errors' | 'flap') => boolean,
): boolean {
  return (
    PATH_SYMPTOM_CLASSES.has(cls) && (cls !== 'crc' || fired('errors')) && (cls !== 'flap' || fired('flap'))
  );
}

/**
 * The class the loop ends with for a feature vector, for offline scoring: the classifier's decision, then the
 * guard of the app's classify step (`engine/classify.step.ts`, read from the features it sees): on a loss or
 * latency symptom the model may not name a class no path symptom has (drift, telemetry gap), crc without
 * error counters on the fault, or a flap without transitions; the rules decide instead. Counter-only
 * findings are not guarded.
 */
export function loopClass(classifier: FaultClassifier, v: FeatureVector): IncidentClass {
  const c = classifier.classifyFeatures(v).class;
  const pathSymptom = at(v, 'fired.loss') > 0 || at(v, 'fired.latency') > 0;
  if (!pathSymptom) return c;
  const plausible = plausibleOnPathSymptom(c, (kind) => at(v, `fired.${kind}`) > 0);
  return plausible ? c : classifyByRules(v).class;
}
