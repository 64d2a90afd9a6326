import type { IncidentClass } from '../incident';
import { FEATURE_NAMES } from './features';
import type { FeatureName, FeatureVector } from './features';

export interface RuleVerdict {
  readonly class: IncidentClass;
  readonly confidence: number;
  /** The rule that fired, for the incident's evidence. */
  readonly rule: string;
}

const at = (v: FeatureVector, name: FeatureName): number => v[FEATURE_NAMES.indexOf(name)] ?? 0;

/**
 * The rules-only baseline: a fixed decision list over which signals fired, most specific first, as an
 * operator would write it. It is what the learned model must beat, and the fallback below its threshold.
 */
export function classifyByRules(v: FeatureVector): RuleVerdict {
  const fired = (k: string): boolean => at(v, `fired.${k}` as FeatureName) > 0;
  if (fired('drift'))
    return { class: 'drift', confidence: 0.9, rule: 'a headend holds a policy other than deployed' };
  if (fired('flap'))
    return { class: 'flap', confidence: 0.8, rule: 'oper-status transitions within the flap window' };
  if (fired('node-down')) return { class: 'node-down', confidence: 0.8, rule: 'node reported or seen down' };
  if (fired('telemetry-gap'))
    return { class: 'telemetry-gap', confidence: 0.7, rule: 'NE silent, neighbours up' };
  if (fired('link-down')) return { class: 'link-down', confidence: 0.9, rule: 'interface oper-down' };
  if (fired('errors')) return { class: 'crc', confidence: 0.7, rule: 'interface error counters rising' };
  if (fired('discards') || at(v, 'scope.maxUtilisation') >= 0.9) {
    return { class: 'congestion', confidence: 0.6, rule: 'discards or utilisation ≥ 0.9' };
  }
  if (fired('loss')) return { class: 'gray-loss', confidence: 0.6, rule: 'probe loss without counters' };
  if (fired('latency'))
    return { class: 'latency', confidence: 0.6, rule: 'delay shift without loss or discards' };
  return { class: 'gray-loss', confidence: 0.3, rule: 'no specific signal: default' };
}
