import { INCIDENT_CLASSES } from '../incident';
import type { IncidentClass } from '../incident';
import type { FeatureVector } from './features';
import type { LabelledRow } from './logistic.model';

export interface ConfusionReport {
  readonly accuracy: number;
  readonly rows: number;
  readonly classes: readonly IncidentClass[];
  /** matrix[actual][predicted], in `classes` order. */
  readonly matrix: readonly (readonly number[])[];
  /** Recall per actual class. */
  readonly recall: Readonly<Record<IncidentClass, number>>;
}

/** Accuracy and confusion matrix of `predict` over labelled rows. */
export function evaluate(
  rows: readonly LabelledRow[],
  predict: (v: FeatureVector) => IncidentClass,
): ConfusionReport {
  const k = INCIDENT_CLASSES.length;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (const r of rows) {
    const got = predict(r.features);
    matrix[INCIDENT_CLASSES.indexOf(r.label)]![INCIDENT_CLASSES.indexOf(got)]! += 1;
    if (got === r.label) correct += 1;
  }
  const recall = Object.fromEntries(
    INCIDENT_CLASSES.map((c, i) => {
      const row = matrix[i]!;
      const n = row.reduce((a, b) => a + b, 0);
      return [c, n === 0 ? 0 : row[i]! / n];
    }),
  ) as Record<IncidentClass, number>;
  return {
    accuracy: rows.length === 0 ? 0 : correct / rows.length,
    rows: rows.length,
    classes: INCIDENT_CLASSES,
    matrix,
    recall,
  };
}

/** The confusion matrix as a fixed-width text table (actual down, predicted across). */
export function formatConfusion(r: ConfusionReport): string {
  const short = r.classes.map((c) => c.slice(0, 6).padStart(7));
  const lines = [`${'actual\\pred'.padEnd(14)}${short.join('')}`];
  r.matrix.forEach((row, i) =>
    lines.push(`${r.classes[i]!.padEnd(14)}${row.map((n) => String(n).padStart(7)).join('')}`),
  );
  return lines.join('\n');
}
