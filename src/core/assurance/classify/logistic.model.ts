import { InvalidQueryError } from '../../errors';
import { prngFor } from '../../topology/generators';
import { INCIDENT_CLASSES, isIncidentClass } from '../incident';
import type { IncidentClass } from '../incident';
import { FEATURE_NAMES } from './features';
import type { FeatureVector } from './features';

export interface LabelledRow {
  readonly features: FeatureVector;
  readonly label: IncidentClass;
}

export interface TrainOptions {
  readonly seed: number;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly l2?: number;
}

export interface Prediction {
  readonly class: IncidentClass;
  /** Probability of the predicted class. */
  readonly confidence: number;
  readonly probabilities: Readonly<Record<IncidentClass, number>>;
}

/** The serialised model (models/fault-classifier.json). */
export interface LogisticModelJson {
  readonly format: 'autonet-fault-classifier';
  readonly version: 1;
  readonly kind: 'multinomial-logistic';
  readonly features: readonly string[];
  readonly classes: readonly IncidentClass[];
  readonly mean: readonly number[];
  readonly std: readonly number[];
  readonly weights: readonly (readonly number[])[];
  readonly bias: readonly number[];
  readonly training: Readonly<Record<string, number | string>>;
}

/**
 * Multinomial logistic regression (softmax) over standardised features, trained by seeded mini-batch Adam
 * with L2. Small (≈ 200 weights), deterministic for a seed, calibrated enough for a confidence threshold.
 */
export class LogisticModel {
  private constructor(private readonly json: LogisticModelJson) {}

  static train(rows: readonly LabelledRow[], options: TrainOptions): LogisticModel {
    if (rows.length === 0) throw new InvalidQueryError('classify: no training rows');
    const d = FEATURE_NAMES.length;
    const k = INCIDENT_CLASSES.length;
    const { epochs = 60, batchSize = 64, learningRate = 0.05, l2 = 1e-4 } = options;
    const { mean, std } = moments(rows, d);
    const xs = rows.map((r) => r.features.map((x, j) => (x - mean[j]!) / std[j]!));
    const ys = rows.map((r) => INCIDENT_CLASSES.indexOf(r.label));
    // One row per class: d weights, then the bias.
    const w = Array.from({ length: k }, () => new Array<number>(d + 1).fill(0));
    const adam = { m: w.map((row) => row.map(() => 0)), v: w.map((row) => row.map(() => 0)), t: 0 };
    const rng = prngFor(options.seed, 'classify.train');
    const order = rows.map((_, i) => i);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (let start = 0; start < order.length; start += batchSize) {
        const batch = order.slice(start, start + batchSize);
        const g = w.map((row) => row.map(() => 0));
        for (const i of batch) {
          const x = xs[i]!;
          const p = softmax(w.map((row) => dot(row, x)));
          for (let c = 0; c < k; c++) {
            const err = (p[c]! - (ys[i] === c ? 1 : 0)) / batch.length;
            const gc = g[c]!;
            for (let j = 0; j < d; j++) gc[j]! += err * x[j]!;
            gc[d]! += err;
          }
        }
        adamStep(w, g, adam, learningRate, l2);
      }
    }
    return new LogisticModel({
      format: 'autonet-fault-classifier',
      version: 1,
      kind: 'multinomial-logistic',
      features: [...FEATURE_NAMES],
      classes: [...INCIDENT_CLASSES],
      mean,
      std,
      weights: w.map((row) => row.slice(0, d)),
      bias: w.map((row) => row[d]!),
      training: { seed: options.seed, rows: rows.length, epochs, batchSize, learningRate, l2 },
    });
  }

  /** Reads a serialised model; refuses one whose features or classes differ from this build's. */
  static fromJson(raw: unknown): LogisticModel {
    const j = raw as Partial<LogisticModelJson> | null;
    const bad = (why: string): never => {
      throw new InvalidQueryError(`classify: not a usable fault model: ${why}`);
    };
    if (!j || j.format !== 'autonet-fault-classifier' || j.kind !== 'multinomial-logistic') bad('format');
    const m = j as LogisticModelJson;
    if (m.features.join() !== FEATURE_NAMES.join()) bad('feature list differs from this build');
    if (!m.classes.every(isIncidentClass)) bad('unknown class');
    const d = FEATURE_NAMES.length;
    if (m.mean.length !== d || m.std.length !== d || m.weights.some((r) => r.length !== d)) bad('shape');
    if (m.weights.length !== m.classes.length || m.bias.length !== m.classes.length) bad('shape');
    const numbers = [...m.mean, ...m.std, ...m.bias, ...m.weights.flat()];
    if (!numbers.every((x) => typeof x === 'number' && Number.isFinite(x))) bad('non-finite parameter');
    return new LogisticModel(m);
  }

  toJson(extra: Readonly<Record<string, number | string>> = {}): LogisticModelJson {
    return { ...this.json, training: { ...this.json.training, ...extra } };
  }

  predict(features: FeatureVector): Prediction {
    const { mean, std, weights, bias, classes } = this.json;
    const x = features.map((f, j) => (f - mean[j]!) / std[j]!);
    const p = softmax(weights.map((row, c) => dot(row, x) + bias[c]!));
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    const probabilities = Object.fromEntries(INCIDENT_CLASSES.map((c) => [c, 0])) as Record<
      IncidentClass,
      number
    >;
    classes.forEach((c, i) => (probabilities[c] = p[i]!));
    return { class: classes[best]!, confidence: p[best]!, probabilities };
  }
}

function moments(rows: readonly LabelledRow[], d: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const r of rows) r.features.forEach((x, j) => (mean[j]! += x / rows.length));
  for (const r of rows) r.features.forEach((x, j) => (std[j]! += (x - mean[j]!) ** 2 / rows.length));
  return { mean, std: std.map((v) => Math.sqrt(v) || 1) };
}

/** w·x, plus the bias when `w` carries one more entry than `x`. */
function dot(w: readonly number[], x: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += w[j]! * x[j]!;
  return x.length < w.length ? s + w[x.length]! : s;
}

function softmax(z: readonly number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** One Adam update (β1 0.9, β2 0.999) with L2 on the weights, not the bias. */
function adamStep(
  w: number[][],
  g: readonly (readonly number[])[],
  adam: { m: number[][]; v: number[][]; t: number },
  lr: number,
  l2: number,
): void {
  const b1 = 0.9;
  const b2 = 0.999;
  adam.t += 1;
  const c1 = 1 - b1 ** adam.t;
  const c2 = 1 - b2 ** adam.t;
  w.forEach((row, c) => {
    const m = adam.m[c]!;
    const v = adam.v[c]!;
    const gc = g[c]!;
    for (let j = 0; j < row.length; j++) {
      const grad = gc[j]! + (j < row.length - 1 ? l2 * row[j]! : 0);
      m[j] = b1 * m[j]! + (1 - b1) * grad;
      v[j] = b2 * v[j]! + (1 - b2) * grad * grad;
      row[j]! -= (lr * (m[j]! / c1)) / (Math.sqrt(v[j]! / c2) + 1e-8);
    }
  });
}
