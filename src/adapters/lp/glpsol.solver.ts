import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LpModel } from '../../core/pathcomp';
import type { LpSolution, LpSolveOptions, LpSolver } from '../../ports/lp-solver.port';

/**
 * GLPK's `glpsol` (Debian glpk-utils) as the LP solver: writes the model to a private temporary directory,
 * runs `glpsol --lp model.lp --interior -w solution.txt` (or the simplex), returns the solution text and removes
 * the directory.
 */
export class GlpsolLpSolver implements LpSolver {
  constructor(private readonly binary = 'glpsol') {}

  async available(): Promise<boolean> {
    try {
      await run(this.binary, ['--version'], 10_000);
      return true;
    } catch {
      return false;
    }
  }

  async solve(model: LpModel, options: LpSolveOptions = {}): Promise<LpSolution> {
    const dir = await mkdtemp(join(tmpdir(), 'autonet-lp-'));
    try {
      const lp = join(dir, 'model.lp');
      const sol = join(dir, 'solution.txt');
      await writeFile(lp, model.text);
      const args = ['--lp', lp, '-w', sol, ...(options.method === 'simplex' ? [] : ['--interior'])];
      if (options.timeLimitSeconds !== undefined)
        args.push('--tmlim', String(Math.max(1, Math.ceil(options.timeLimitSeconds))));
      const started = process.hrtime.bigint();
      const limitMs = options.timeLimitSeconds !== undefined ? options.timeLimitSeconds * 1000 + 30_000 : 0;
      await run(this.binary, args, limitMs);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const text = await readFile(sol, 'utf8').catch(() => '');
      return { format: 'glpk-raw', text, seconds };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

function run(binary: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`glpsol: ${err.message}: ${tail(`${stdout}\n${stderr}`)}`));
      else resolve(stdout);
    });
  });
}

const tail = (text: string): string => text.trim().split('\n').slice(-3).join(' / ');
