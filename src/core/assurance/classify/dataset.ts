import { InvalidQueryError } from '../../errors';
import { isIncidentClass } from '../incident';
import { FEATURE_NAMES } from './features';
import type { LabelledRow } from './logistic.model';

/**
 * One labelled incident from a simulator campaign (bench/assurance-dataset.ts, ADR 0142): the feature
 * vector the loop classified on, the true class from the simulator's fault registry, and where it came from.
 */
export interface DatasetRow extends LabelledRow {
  /** The campaign's seed: the unit of the train/held-out split (rows of one seed are never split). */
  readonly seed: number;
  readonly topology: string;
  readonly scenario?: number;
  /** Faults injected together in the scenario. */
  readonly k?: number;
  readonly target?: string;
  readonly incident?: string;
  /** Which evidence entry: the incident's opening, or a later reclassification, narrowing or relocation. */
  readonly phase?: 'open' | 'reclassified' | 'narrowed' | 'relocated';
  /** What the loop decided on these features when it ran (the model that was loaded then). */
  readonly loop?: { readonly class: string; readonly source: string };
}

export const DATASET_FORMAT = 'autonet-fault-dataset';

const fail = (line: number, why: string): never => {
  throw new InvalidQueryError(`classify: dataset line ${line}: ${why}`);
};

/**
 * Reads a JSON-lines dataset: an optional header line (`{"format":"autonet-fault-dataset","features":[…]}`,
 * whose feature list must be this build's), then one row per line; blank lines are skipped. The first bad
 * line throws an InvalidQueryError naming its line number (1-based) and what is wrong.
 */
export function parseDataset(text: string): DatasetRow[] {
  const rows: DatasetRow[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let j: Record<string, unknown>;
    try {
      j = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return fail(line, 'not JSON');
    }
    if (j === null || typeof j !== 'object' || Array.isArray(j)) return fail(line, 'not a JSON object');
    if (j['format'] !== undefined) {
      if (j['format'] !== DATASET_FORMAT) return fail(line, `format is not ${DATASET_FORMAT}`);
      const f = j['features'];
      if (!Array.isArray(f) || f.join() !== FEATURE_NAMES.join())
        return fail(line, 'header feature list differs from this build');
      return;
    }
    rows.push(row(j, line));
  });
  return rows;
}

function row(j: Record<string, unknown>, line: number): DatasetRow {
  const { seed, label, features, topology } = j;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) return fail(line, 'seed is not an integer');
  if (typeof label !== 'string' || !isIncidentClass(label))
    return fail(line, `unknown label ${String(label)}`);
  if (!Array.isArray(features) || features.length !== FEATURE_NAMES.length)
    return fail(line, `features is not an array of ${FEATURE_NAMES.length} numbers`);
  if (!features.every((x) => typeof x === 'number' && Number.isFinite(x)))
    return fail(line, 'a feature is not a finite number');
  return {
    ...(j as object),
    seed,
    label,
    topology: typeof topology === 'string' ? topology : '',
    features: features as number[],
  };
}

/** The header line's fields (the generator's command, seeds, topologies), when the dataset has one. */
export function datasetHeader(text: string): Readonly<Record<string, unknown>> | undefined {
  const first = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : undefined).trim();
  try {
    const j = JSON.parse(first) as Record<string, unknown> | null;
    return j !== null && typeof j === 'object' && j['format'] === DATASET_FORMAT ? j : undefined;
  } catch {
    return undefined;
  }
}

export interface SeedSplit {
  readonly train: readonly DatasetRow[];
  readonly heldOut: readonly DatasetRow[];
  readonly trainSeeds: readonly number[];
  readonly heldOutSeeds: readonly number[];
}

/**
 * Splits rows by campaign seed, never by row (rows of one campaign share its network, intents and noise, so a
 * row split would score the model on near-copies of its training rows). `heldOut` names the held-out seeds;
 * absent, the largest third of the distinct seeds (at least one) is held out. Both sides must have rows.
 */
export function splitBySeed(rows: readonly DatasetRow[], heldOut?: readonly number[]): SeedSplit {
  const seeds = [...new Set(rows.map((r) => r.seed))].sort((a, b) => a - b);
  if (seeds.length < 2) throw new InvalidQueryError('classify: a seed split needs rows of ≥ 2 seeds');
  const held = new Set(heldOut ?? seeds.slice(seeds.length - Math.max(1, Math.floor(seeds.length / 3))));
  const missing = [...held].filter((s) => !seeds.includes(s));
  if (missing.length > 0)
    throw new InvalidQueryError(`classify: no rows of held-out seed ${missing.join(', ')}`);
  const trainSeeds = seeds.filter((s) => !held.has(s));
  if (trainSeeds.length === 0) throw new InvalidQueryError('classify: every seed is held out');
  return {
    train: rows.filter((r) => !held.has(r.seed)),
    heldOut: rows.filter((r) => held.has(r.seed)),
    trainSeeds,
    heldOutSeeds: seeds.filter((s) => held.has(s)),
  };
}
