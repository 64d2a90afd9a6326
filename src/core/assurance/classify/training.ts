import { classifyByRules } from './rules.classifier';
import { evaluate } from './evaluation';
import type { ConfusionReport } from './evaluation';
import { generateCampaign } from './campaign';
import { LogisticModel } from './logistic.model';

export interface TrainingRun {
  readonly model: LogisticModel;
  readonly heldOutSeed: number;
  readonly learned: ConfusionReport;
  readonly rules: ConfusionReport;
}

/**
 * Trains on the campaign of `seed` and scores model and rules on a campaign of a different seed
 * (`seed + 1_000_003`), so the reported accuracy is on data the model never saw.
 */
export function trainAndEvaluate(seed: number, rows: number): TrainingRun {
  const train = generateCampaign({ seed, rows });
  const model = LogisticModel.train(train, { seed });
  const heldOutSeed = seed + 1_000_003;
  const held = generateCampaign({ seed: heldOutSeed, rows: Math.max(900, Math.round(rows / 2)) });
  return {
    model,
    heldOutSeed,
    learned: evaluate(held, (v) => model.predict(v).class),
    rules: evaluate(held, (v) => classifyByRules(v).class),
  };
}
