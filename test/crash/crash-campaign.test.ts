import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, checkStore, cycle, prng, serve } from '../../bench/crash-campaign';
import type { Served } from '../../bench/crash-campaign';

/**
 * 20 cycles of: a burst of creates, updates and deletes contending for NewYork–LosAngeles, kill -9 at a
 * random moment, restart + reconcile. Every acknowledged intent is present (deletes absent), none is
 * half-applied, no arc is overbooked, reservations equal plans, and the policies match the in-service
 * intents. bench/crash.bench.ts runs the same for ≥ 100 cycles and reports figures.
 */
describe('crash campaign (kill -9 during contending bursts)', () => {
  let dataDir: string;
  let server: Served | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'autonet-crash-campaign-'));
  });
  afterAll(() => {
    if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every invariant over 20 crash cycles', async () => {
    const random = prng(Number(process.env['CRASH_SEED'] ?? 10));
    const expected = new Map<string, { mbps: number } | 'absent'>();
    server = await serve(dataDir, 20);
    const violations: string[] = [];
    let acknowledged = 0;
    for (let i = 0; i < 20; i++) {
      const result = await cycle(dataDir, server, random, expected);
      server = result.server;
      acknowledged += result.figures.acknowledged;
      violations.push(...result.figures.violations.map((v) => `cycle ${i}: ${v}`));
    }
    // settle once more with the periodic reconciler, then stop and read the store itself
    await new Promise((r) => setTimeout(r, 1200));
    violations.push(...(await check(server, expected)));
    server.proc.kill('SIGKILL');
    await new Promise((r) => server!.proc.once('exit', r));
    violations.push(...checkStore(dataDir));
    expect(violations).toEqual([]);
    expect(acknowledged).toBeGreaterThan(20);
  }, 600_000);
});
