import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bounded,
  check,
  checkStore,
  cycle,
  kill9,
  killAll,
  prng,
  serve,
  startSim,
} from '../../bench/crash-campaign';
import type { CycleFigures, Served } from '../../bench/crash-campaign';

/**
 * 20 cycles of: a burst of creates, updates and deletes contending for NewYork–LosAngeles, kill -9 of the
 * controller at a random moment, restart + reconcile, against a simulator (gNMI) that outlives every kill.
 * Every acknowledged intent is present (deletes absent), none is half-applied, no arc is overbooked,
 * reservations equal plans, and the simulator holds exactly the stored plans' policies.
 * bench/crash.bench.ts runs the same for ≥ 100 cycles and reports figures. Needs `npm run build`.
 * Every step is bounded (see bounded() in the harness): a stuck restart fails with its name, never hangs.
 */
const CYCLES = 20;

describe('crash campaign (kill -9 during contending bursts)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'autonet-crash-campaign-'));
  });
  afterAll(() => {
    killAll(); // controller and simulator, by pid, whatever state the test ended in
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every invariant over ${CYCLES} crash cycles`, async () => {
    const random = prng(Number(process.env['CRASH_SEED'] ?? 10));
    const expected = new Map<string, { mbps: number } | 'absent'>();
    const sim = await startSim(1);
    let server = await serve(dataDir, sim);
    const violations: string[] = [];
    let acknowledged = 0;
    let inFlightKills = 0;
    let reconcileWork = 0;
    for (let i = 0; i < CYCLES; i++) {
      const result: { server: Served; figures: CycleFigures } = await bounded(
        cycle(dataDir, sim, server, random, expected),
        180_000,
        `cycle ${i}`,
      );
      server = result.server;
      acknowledged += result.figures.acknowledged;
      if (result.figures.inFlightAtKill > 0) inFlightKills += 1;
      reconcileWork += Object.values(result.figures.reconciled).reduce((x, y) => x + y, 0);
      violations.push(...result.figures.violations.map((v) => `cycle ${i}: ${v}`));
    }
    // settle once more with the periodic reconciler, then stop and read the store itself
    await new Promise((r) => setTimeout(r, 1200));
    violations.push(...(await bounded(check(server, sim, expected), 60_000, 'final check')));
    await kill9(server.proc, 'controller');
    violations.push(...checkStore(dataDir));
    expect(violations).toEqual([]);
    expect(acknowledged).toBeGreaterThanOrEqual(CYCLES / 2);
    // the campaign must really crash mid-work (not only between bursts) and give the restart work to finish
    expect(inFlightKills).toBeGreaterThan(CYCLES / 4);
    expect(reconcileWork).toBeGreaterThan(0);
  }, 900_000);
});
