import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { formatConfusion, trainAndEvaluate } from '../../core/assurance/classify';
import { trainFromData } from './assurance-train.data';

interface TrainOptions {
  out: string;
  seed: number;
  rows: number;
  json?: boolean;
  data?: string;
  heldOut?: number[];
  compare?: string;
  augment?: number;
  l2?: number;
}

/**
 * `autonet assurance train --out models/fault-classifier.json [--seed N] [--rows N]`: trains the fault
 * classifier on a seeded labelled campaign, scores it and the rules baseline on a held-out seed, writes the
 * model (with its training command and scores) and prints accuracy and confusion matrices. With
 * `--data <file.jsonl>` it trains on simulator campaigns instead (bench/assurance-dataset.ts), held out by seed.
 */
export function registerAssuranceCommand(program: Command): void {
  const assurance = program.command('assurance').description('closed-loop assurance: fault models');
  assurance
    .command('train')
    .description('train the fault classifier on a seeded synthetic campaign and report it against the rules')
    .requiredOption('--out <file>', 'where to write the model JSON')
    .option('--seed <n>', 'campaign and training seed', integer, 1)
    .option('--rows <n>', 'training rows (spread over the 9 fault classes)', integer, 4_500)
    .option('--json', 'print the report as JSON')
    .option('--data <file>', 'train on a simulator dataset (JSON lines from bench/assurance-dataset.ts)')
    .option(
      '--held-out <seeds>',
      'with --data: campaign seeds held out for scoring (default: largest third)',
      seeds,
    )
    .option('--compare <model>', 'with --data: also score this model file on the held-out rows')
    .option(
      '--augment <n>',
      'with --data: add n synthetic rows of each class the simulator rows have fewer than n of (training only)',
      integer,
    )
    .option('--l2 <x>', 'with --data: L2 penalty on the weights (default 1e-4)', positive)
    .action((opts: TrainOptions) => {
      if (opts.data !== undefined) {
        const r = trainFromData({
          data: opts.data,
          out: opts.out,
          seed: opts.seed,
          ...(opts.heldOut && { heldOut: opts.heldOut }),
          ...(opts.compare !== undefined && { compare: opts.compare }),
          ...(opts.augment !== undefined && { augment: opts.augment }),
          ...(opts.l2 !== undefined && { l2: opts.l2 }),
        });
        write(opts.out, r.run.model.toJson(r.training));
        process.stdout.write(opts.json ? `${JSON.stringify(r.report)}\n` : `${r.text}\n`);
        return;
      }
      const run = trainAndEvaluate(opts.seed, opts.rows);
      const command = `autonet assurance train --out ${opts.out} --seed ${opts.seed} --rows ${opts.rows}`;
      const model = run.model.toJson({
        command,
        heldOutSeed: run.heldOutSeed,
        heldOutRows: run.learned.rows,
        heldOutAccuracy: round(run.learned.accuracy),
        rulesAccuracy: round(run.rules.accuracy),
      });
      write(opts.out, model);
      const report = {
        out: opts.out,
        seed: opts.seed,
        rows: opts.rows,
        heldOutSeed: run.heldOutSeed,
        model: { accuracy: run.learned.accuracy, matrix: run.learned.matrix },
        rules: { accuracy: run.rules.accuracy, matrix: run.rules.matrix },
        classes: run.learned.classes,
      };
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(report)}\n`
          : [
              `wrote ${opts.out} (seed ${opts.seed}, ${opts.rows} rows)`,
              `held-out seed ${run.heldOutSeed}, ${run.learned.rows} rows`,
              `model accuracy ${run.learned.accuracy.toFixed(4)}   rules accuracy ${run.rules.accuracy.toFixed(4)}`,
              '',
              'model:',
              formatConfusion(run.learned),
              '',
              'rules:',
              formatConfusion(run.rules),
              '',
            ].join('\n'),
      );
    });
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

function write(file: string, model: object): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(model, null, 1)}\n`);
}

function positive(value: string): number {
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0) throw new InvalidArgumentError('must be a positive number');
  return x;
}

function seeds(value: string): number[] {
  return value.split(',').map(integer);
}

function integer(value: string): number {
  const x = Number(value);
  if (!Number.isSafeInteger(x) || x < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return x;
}
