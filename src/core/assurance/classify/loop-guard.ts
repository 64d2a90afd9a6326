import type { IncidentClass } from '../incident';
import { FEATURE_NAMES } from './features';
import type { FeatureVector } from './features';
import type { FaultClassifier } from './fault.classifier';
import { classifyByRules } from './rules.classifier';

const at = (v: FeatureVector, name: (typeof FEATURE_NAMES)[number]): number =>
  v[FEATURE_NAMES.indexOf(name)] ?? 0;

const PATH_SYMPTOM: ReadonlySet<IncidentClass> = new Set<IncidentClass>([
  'gray-loss',
  'latency',
  'crc',
  'congestion',
  'flap',
  'link-down',
  'node-down',
]);

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
  const plausible =
    PATH_SYMPTOM.has(c) &&
    (c !== 'crc' || at(v, 'fired.errors') > 0) &&
    (c !== 'flap' || at(v, 'fired.flap') > 0);
  return plausible ? c : classifyByRules(v).class;
}
