import type { IncidentClass } from '../incident';
import type { Signal } from '../observation';
import { extractFeatures, namedFeatures } from './features';
import type { FeatureContext, FeatureName, FeatureVector } from './features';
import type { LogisticModel } from './logistic.model';
import { classifyByRules } from './rules.classifier';

export interface Classification {
  readonly class: IncidentClass;
  readonly confidence: number;
  /** Which classifier decided: the learned model above its threshold, else the rules. */
  readonly source: 'model' | 'rules';
  /** What the model said, even when the rules decided (for the evidence and the audit log). */
  readonly model?: { readonly class: IncidentClass; readonly confidence: number };
  readonly rule?: string;
  readonly features: Readonly<Record<FeatureName, number>>;
}

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.6;

/**
 * The loop's classifier: the learned model's class when its confidence reaches `threshold`, the rules
 * baseline otherwise (and always when no model is loaded).
 */
export class FaultClassifier {
  constructor(
    private readonly model: LogisticModel | null,
    readonly threshold = DEFAULT_CONFIDENCE_THRESHOLD,
  ) {}

  classify(signals: readonly Signal[], context: FeatureContext = {}): Classification {
    return this.classifyFeatures(extractFeatures(signals, context));
  }

  classifyFeatures(v: FeatureVector): Classification {
    const features = namedFeatures(v);
    const rules = classifyByRules(v);
    if (!this.model)
      return {
        class: rules.class,
        confidence: rules.confidence,
        source: 'rules',
        rule: rules.rule,
        features,
      };
    const p = this.model.predict(v);
    const model = { class: p.class, confidence: p.confidence };
    if (p.confidence >= this.threshold) return { ...model, source: 'model', model, features };
    return {
      class: rules.class,
      confidence: rules.confidence,
      source: 'rules',
      model,
      rule: rules.rule,
      features,
    };
  }
}
