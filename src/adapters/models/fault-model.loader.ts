import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogisticModel } from '../../core/assurance/classify';
import { packageRoot } from '../../config';

/** Where the shipped fault model lives, relative to the package root (repository or installed package). */
export const FAULT_MODEL_PATH = join('models', 'fault-classifier.json');

export type FaultModelLoad =
  | {
      readonly model: LogisticModel;
      readonly path: string;
      readonly training: Readonly<Record<string, unknown>>;
    }
  | { readonly model: null; readonly path: string; readonly reason: string };

/**
 * Reads the learned fault classifier shipped with the package (`models/fault-classifier.json`, ADR 0106,
 * 0111). Never throws: a missing, unreadable or mismatched model comes back as `model: null` with the
 * reason, and the loop then classifies by rules only (the caller logs the reason once).
 */
export function loadFaultModel(file: string = join(packageRoot(), FAULT_MODEL_PATH)): FaultModelLoad {
  if (!existsSync(file)) return { model: null, path: file, reason: 'no model file' };
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const model = LogisticModel.fromJson(raw);
    return { model, path: file, training: model.toJson().training };
  } catch (err) {
    return { model: null, path: file, reason: err instanceof Error ? err.message : String(err) };
  }
}
