/**
 * Crash campaign benchmark (issue 10): the harness of test/crash for ≥ 100 cycles, with figures. Each cycle
 * is a burst of creates, updates and deletes contending for NewYork–LosAngeles, kill -9 of the controller at
 * a random moment, restart + reconcile against a simulator that kept running, and every invariant checked.
 * Usage (after `npm run build`): node dist/bench/crash.bench.js [cycles=120] [seed=2026]
 * Writes bench/results/crash.json. Exits non-zero if any invariant was violated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, writeResult } from './bench-util';
import { bounded, check, checkStore, cycle, kill9, killAll, prng, serve, startSim } from './crash-campaign';
import type { CycleFigures, KillPhase } from './crash-campaign';

const stats = (xs: readonly number[]) => ({
  p50: percentile(xs, 50),
  p95: percentile(xs, 95),
  max: Math.max(...xs),
});

async function main(): Promise<void> {
  const cycles = Number(process.argv[2] ?? 120);
  const seed = Number(process.argv[3] ?? 2026);
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-crash-bench-'));
  const random = prng(seed);
  const expected = new Map<string, { mbps: number } | 'absent'>();
  const figures: CycleFigures[] = [];
  const violations: string[] = [];
  const t0 = Date.now();
  try {
    const sim = await startSim(1);
    let server = await serve(dataDir, sim);
    for (let i = 0; i < cycles; i++) {
      const result: { server: typeof server; figures: CycleFigures } = await bounded(
        cycle(dataDir, sim, server, random, expected),
        180_000,
        `cycle ${i}`,
      );
      server = result.server;
      figures.push(result.figures);
      violations.push(...result.figures.violations.map((v) => `cycle ${i}: ${v}`));
      if ((i + 1) % 10 === 0) process.stderr.write(`crash bench: ${i + 1}/${cycles} cycles\n`);
    }
    await new Promise((r) => setTimeout(r, 1200));
    violations.push(...(await bounded(check(server, sim, expected), 60_000, 'final check')));
    await kill9(server.proc, 'controller');
    violations.push(...checkStore(dataDir));
  } finally {
    killAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const phases: Record<KillPhase, number> = {
    'before-any-answer': 0,
    'mid-burst': 0,
    'after-burst': 0,
    'during-restart': 0,
  };
  for (const f of figures) phases[f.phase] += 1;
  const reconciled: Record<string, number> = {};
  for (const f of figures)
    for (const [k, n] of Object.entries(f.reconciled)) reconciled[k] = (reconciled[k] ?? 0) + n;
  writeResult('crash', {
    setup:
      'autonet serve (dist) on abilene, driving a separate `autonet sim` over gNMI (all NEs gNMI, ideal probes); ' +
      '8 names concurrent, per name a chain of 1–3 creates/updates/deletes (1–4.5 Gbit/s NewYork–LosAngeles), kill -9 within 1.5× the running burst-time estimate, 1 in 5 cycles a second kill -9 during the restart; periodic reconciler every 500 ms',
    seed,
    cycles: figures.length,
    wallSeconds: Math.round((Date.now() - t0) / 1000),
    acknowledgedOperations: figures.reduce((a, f) => a + f.acknowledged, 0),
    inFlightAtKill: figures.reduce((a, f) => a + f.inFlightAtKill, 0),
    killsByPhase: phases,
    startupReconciliation: reconciled,
    restartToReadyMs: stats(figures.map((f) => f.restartMs)),
    reconciliationMs: stats(figures.map((f) => f.reconcileMs)),
    violations: violations.length,
    violationSamples: violations.slice(0, 20),
  });
  if (violations.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  killAll();
  process.stderr.write(`crash bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
