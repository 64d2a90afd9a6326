import { INCIDENT_CLASSES } from '../incident';
import type { IncidentClass } from '../incident';
import { classifyByRules } from './rules.classifier';
import { evaluate } from './evaluation';
import type { ConfusionReport } from './evaluation';
import { generateCampaign } from './campaign';
import { splitBySeed } from './dataset';
import type { DatasetRow } from './dataset';
import { FaultClassifier } from './fault.classifier';
import { LogisticModel } from './logistic.model';
import { loopClass } from './loop-guard';
import type { LabelledRow } from './logistic.model';

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

/** How a model, the rules and the loop's decision (model above its threshold, else rules) score on rows. */
export interface HeldOutScores {
  readonly learned: ConfusionReport;
  readonly rules: ConfusionReport;
  /** FaultClassifier's decision: the model's class at confidence ≥ threshold, the rules' below. */
  readonly loopDecision: ConfusionReport;
  /** That decision after the classify step's corroboration guard (what the loop ends with). */
  readonly loopGuarded: ConfusionReport;
}

export function scoreOn(rows: readonly LabelledRow[], model: LogisticModel): HeldOutScores {
  const loop = new FaultClassifier(model);
  return {
    learned: evaluate(rows, (v) => model.predict(v).class),
    rules: evaluate(rows, (v) => classifyByRules(v).class),
    loopDecision: evaluate(rows, (v) => loop.classifyFeatures(v).class),
    loopGuarded: evaluate(rows, (v) => loopClass(loop, v)),
  };
}

export interface DatasetRun extends HeldOutScores {
  readonly model: LogisticModel;
  /** Synthetic rows added to training for the classes the simulator rows lack (`augment`). */
  readonly augmented: Readonly<Partial<Record<IncidentClass, number>>>;
  readonly trainSeeds: readonly number[];
  readonly heldOutSeeds: readonly number[];
  readonly trainRows: number;
  /** The `compare` model (e.g. the shipped one) on the same held-out rows. */
  readonly compared?: HeldOutScores;
}

/**
 * Trains on simulator rows split by seed (ADR 0142): the model learns from the training seeds' rows and is
 * scored, with the rules baseline and optionally another model, on the held-out seeds' rows only.
 */
export function trainOnDataset(
  rows: readonly DatasetRow[],
  options: {
    readonly seed: number;
    readonly heldOutSeeds?: readonly number[];
    readonly compare?: LogisticModel;
    /**
     * For each class with fewer than this many training rows, add that many rows of it from the synthetic
     * campaign (seed `seed`) to the training side only: classes the loop decides by events (link-down,
     * node-down, drift, telemetry-gap) stay nameable by the model. 0 or absent: simulator rows only.
     */
    readonly augment?: number;
    /** L2 penalty on the weights (default the trainer's, 1e-4); larger keeps the model from extrapolating. */
    readonly l2?: number;
  },
): DatasetRun {
  const split = splitBySeed(rows, options.heldOutSeeds);
  const { rows: extra, added } = augmentation(split.train, options.seed, options.augment ?? 0);
  const model = LogisticModel.train([...split.train, ...extra], {
    seed: options.seed,
    ...(options.l2 !== undefined && { l2: options.l2 }),
  });
  return {
    model,
    augmented: added,
    trainSeeds: split.trainSeeds,
    heldOutSeeds: split.heldOutSeeds,
    trainRows: split.train.length + extra.length,
    ...scoreOn(split.heldOut, model),
    ...(options.compare && { compared: scoreOn(split.heldOut, options.compare) }),
  };
}

function augmentation(
  train: readonly LabelledRow[],
  seed: number,
  perClass: number,
): { rows: LabelledRow[]; added: Partial<Record<IncidentClass, number>> } {
  if (perClass <= 0) return { rows: [], added: {} };
  const have = new Map<IncidentClass, number>();
  for (const r of train) have.set(r.label, (have.get(r.label) ?? 0) + 1);
  const lacking = new Set(INCIDENT_CLASSES.filter((c) => (have.get(c) ?? 0) < perClass));
  const rows = generateCampaign({ seed, rows: perClass * INCIDENT_CLASSES.length })
    .filter((r) => lacking.has(r.label))
    .map((r) => ({ features: r.features, label: r.label }));
  const added: Partial<Record<IncidentClass, number>> = {};
  for (const r of rows) added[r.label] = (added[r.label] ?? 0) + 1;
  return { rows, added };
}
