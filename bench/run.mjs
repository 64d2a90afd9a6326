#!/usr/bin/env node
// Runs the compiled benchmarks (dist/bench/*.bench.js), all or those named: `npm run bench -- topology pathcomp`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.cwd(), 'dist', 'bench');
const wanted = process.argv.slice(2);
const all = readdirSync(dir).filter((f) => f.endsWith('.bench.js'));
const chosen = wanted.length ? all.filter((f) => wanted.includes(f.replace(/\.bench\.js$/, ''))) : all;
let failed = 0;
for (const f of chosen) {
  process.stderr.write(`bench: ${f}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
