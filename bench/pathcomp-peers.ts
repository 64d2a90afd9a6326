import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompactGraph } from '../src/core/pathcomp';

/** Debian's python3 (where python3-networkx / python3-igraph install), else whatever python3 is on PATH. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/**
 * Runs bench/peers/networkx_sp.py on the same graph (IGP weights) and queries; null entries when a library
 * is not installed. `autonetSum` is the sum of Autonet's distances, to check the peers found the same optima.
 */
export function runPeers(g: CompactGraph, pairs: readonly [number, number][], autonetSum: number): object {
  const dir = mkdtempSync(join(tmpdir(), 'autonet-bench-'));
  try {
    const file = join(dir, 'queries.json');
    const arcs = Array.from({ length: g.m }, (_, a) => [g.arcFrom[a], g.arcTo[a], g.igp[a]]);
    writeFileSync(file, JSON.stringify({ n: g.n, arcs, queries: pairs }));
    const script = join(process.cwd(), 'bench', 'peers', 'networkx_sp.py');
    const r = spawnSync(PYTHON, [script, file], { encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) return { error: (r.stderr || r.error?.message || 'python failed').slice(0, 300) };
    const out = JSON.parse(r.stdout) as Record<string, { distanceSum: number } | null>;
    for (const v of Object.values(out)) {
      if (v)
        Object.assign(v, {
          sameOptima: Math.abs(v.distanceSum - autonetSum) < 1e-6 * Math.max(1, autonetSum),
        });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
