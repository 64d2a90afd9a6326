import { readFileSync } from 'node:fs';
import {
  datasetHeader,
  formatConfusion,
  LogisticModel,
  parseDataset,
  trainOnDataset,
} from '../../core/assurance/classify';
import type { ConfusionReport, DatasetRun, HeldOutScores } from '../../core/assurance/classify';

export interface DataTrainOptions {
  readonly data: string;
  readonly out: string;
  readonly seed: number;
  readonly heldOut?: readonly number[];
  readonly compare?: string;
  readonly augment?: number;
  readonly l2?: number;
}

export interface DataTrainResult {
  readonly run: DatasetRun;
  readonly command: string;
  /** What goes into the model file's `training` record. */
  readonly training: Readonly<Record<string, number | string>>;
  readonly report: Readonly<Record<string, unknown>>;
  readonly text: string;
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * `autonet assurance train --data <file.jsonl>` (ADR 0142): trains on the simulator dataset written by
 * bench/assurance-dataset.ts, split by campaign seed, and scores the new model, the rules baseline and (with
 * `--compare`) another model file on the held-out seeds' rows.
 */
export function trainFromData(o: DataTrainOptions): DataTrainResult {
  const text = readFileSync(o.data, 'utf8');
  const rows = parseDataset(text);
  const compare = o.compare
    ? LogisticModel.fromJson(JSON.parse(readFileSync(o.compare, 'utf8')) as unknown)
    : undefined;
  const run = trainOnDataset(rows, {
    seed: o.seed,
    ...(o.heldOut && { heldOutSeeds: o.heldOut }),
    ...(compare && { compare }),
    ...(o.augment !== undefined && { augment: o.augment }),
    ...(o.l2 !== undefined && { l2: o.l2 }),
  });
  const held = o.heldOut ? ` --held-out ${o.heldOut.join(',')}` : '';
  const aug = `${o.augment ? ` --augment ${o.augment}` : ''}${o.l2 !== undefined ? ` --l2 ${o.l2}` : ''}`;
  const command = `autonet assurance train --data ${o.data} --out ${o.out} --seed ${o.seed}${held}${aug}`;
  const augmented = Object.entries(run.augmented)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const header = datasetHeader(text);
  const training = {
    command,
    data: 'simulator campaigns (bench/assurance-dataset.ts)',
    ...(typeof header?.['command'] === 'string' && { dataCommand: header['command'] }),
    trainSeeds: run.trainSeeds.join(','),
    ...(augmented && { syntheticRowsAdded: augmented }),
    heldOutSeeds: run.heldOutSeeds.join(','),
    heldOutRows: run.learned.rows,
    heldOutAccuracy: round(run.learned.accuracy),
    rulesAccuracy: round(run.rules.accuracy),
    loopDecisionAccuracy: round(run.loopDecision.accuracy),
    loopGuardedAccuracy: round(run.loopGuarded.accuracy),
  };
  const brief = (s: HeldOutScores) => ({
    model: { accuracy: s.learned.accuracy, matrix: s.learned.matrix },
    rules: { accuracy: s.rules.accuracy, matrix: s.rules.matrix },
    loopDecision: { accuracy: s.loopDecision.accuracy, matrix: s.loopDecision.matrix },
    loopGuarded: { accuracy: s.loopGuarded.accuracy, matrix: s.loopGuarded.matrix },
  });
  const report = {
    out: o.out,
    data: o.data,
    seed: o.seed,
    rows: rows.length,
    trainRows: run.trainRows,
    augmented: run.augmented,
    trainSeeds: run.trainSeeds,
    heldOutSeeds: run.heldOutSeeds,
    heldOutRows: run.learned.rows,
    ...brief(run),
    ...(run.compared && { compared: { file: o.compare, ...brief(run.compared) } }),
    classes: run.learned.classes,
  };
  const section = (title: string, r: ConfusionReport): string[] => [
    `${title}: accuracy ${r.accuracy.toFixed(4)}`,
    formatConfusion(r),
    '',
  ];
  const lines = [
    `wrote ${o.out} (${run.trainRows} rows of seeds ${run.trainSeeds.join(',')}, training seed ${o.seed})`,
    ...(augmented
      ? [`synthetic rows added to training for the classes the simulator rows lack: ${augmented}`]
      : []),
    `held-out seeds ${run.heldOutSeeds.join(',')}: ${run.learned.rows} rows`,
    `model accuracy ${run.learned.accuracy.toFixed(4)}   rules accuracy ${run.rules.accuracy.toFixed(4)}`,
    `loop decision (model ≥ threshold, else rules) ${run.loopDecision.accuracy.toFixed(4)}   with the classify step's guard ${run.loopGuarded.accuracy.toFixed(4)}`,
    ...(run.compared
      ? [
          `${o.compare}: model ${run.compared.learned.accuracy.toFixed(4)}   loop decision ${run.compared.loopDecision.accuracy.toFixed(4)}   guarded ${run.compared.loopGuarded.accuracy.toFixed(4)}`,
        ]
      : []),
    '',
    ...section('model', run.learned),
    ...section('rules', run.rules),
    ...section('loop decision, guarded', run.loopGuarded),
    ...(run.compared ? section(`${o.compare} (model)`, run.compared.learned) : []),
  ];
  return { run, command, training, report, text: lines.join('\n') };
}
