import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Helpers for tests that run the real `yanglint` (Debian libyang2-tools) in batch mode. */
export const YANG_DIR = resolve(__dirname, '../../yang');
export const SERVICE_MODULES = ['autonet-intent', 'autonet-slice', 'autonet-sr-policy'].map((m) =>
  join(YANG_DIR, `${m}.yang`),
);

export function yangFiles(): string[] {
  return readdirSync(YANG_DIR)
    .filter((f) => f.endsWith('.yang'))
    .sort()
    .map((f) => join(YANG_DIR, f));
}

export interface YanglintRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function yanglint(args: readonly string[]): YanglintRun {
  const run = spawnSync('yanglint', args, { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Validates one RFC 7951 JSON file as configuration data against Autonet's service modules. */
export function yanglintData(file: string): YanglintRun {
  return yanglint(['-p', YANG_DIR, '-t', 'config', ...SERVICE_MODULES, file]);
}
