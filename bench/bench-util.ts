import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** Shared helpers for benchmarks: timing, medians, percentiles, where the data is, and JSON output. */
export function timeIt(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const median = (xs: readonly number[]): number => percentile(xs, 50);

/** ../shared/topologies beside the repository (benchmarks may read REPETITA there, never copy it). */
export function sharedTopologies(): string {
  const dir = join(__dirname, '..', '..', '..', 'shared', 'topologies');
  const alt = join(process.cwd(), '..', 'shared', 'topologies');
  if (existsSync(dir)) return dir;
  if (existsSync(alt)) return alt;
  throw new Error('bench: ../shared/topologies not found beside the repository');
}

/** Prints the result as one JSON line and keeps a copy in bench/results/<name>.json. */
export function writeResult(name: string, result: object): void {
  const doc = {
    bench: name,
    at: new Date().toISOString(),
    machine: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length },
    ...result,
  };
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(doc)}\n`);
}
