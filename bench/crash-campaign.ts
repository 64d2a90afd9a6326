/**
 * Crash campaign (issue 10): `autonet serve` driving a separate `autonet sim` over gNMI, bursts of creates,
 * updates and deletes that contend for one bottleneck (every intent NewYork–LosAngeles, large enough that
 * not all fit), kill -9 of the controller at a random moment, restart (which reconciles), check. The
 * simulator outlives the controller, as a real network does: whatever the killed controller had half
 * installed is still there, and reconciliation must leave exactly the stored plans installed.
 * Shared by test/crash (20 cycles) and bench/crash.bench.ts (≥ 100). Both processes run from dist/
 * (`npm run build` first). Every wait is bounded: a stuck step fails with its name instead of hanging.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { check } from './crash-checks';
import { packageRoot } from '../src/config';

const NAMES = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
const STEP_MS = 60_000;

export type KillPhase = 'before-any-answer' | 'mid-burst' | 'after-burst' | 'during-restart';

export interface CycleFigures {
  readonly acknowledged: number;
  readonly inFlightAtKill: number;
  readonly phase: KillPhase;
  /** Spawn to start line (start-up reconciliation included). */
  readonly restartMs: number;
  /** The start-up reconciliation alone, as the controller measured it. */
  readonly reconcileMs: number;
  /** What the start-up reconciliation did: redeployed, repaired, removed, failed, orphansRemoved (counts). */
  readonly reconciled: Readonly<Record<string, number>>;
  readonly violations: readonly string[];
}

import type { Expect } from './crash-checks';

export { check, checkStore } from './crash-checks';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resolves as `p` does, or rejects after `ms` naming the step that did not finish. */
export function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`crash campaign: ${what} did not finish in ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Every process the campaign started and has not seen exit: killAll() ends them by pid. */
const live = new Set<ChildProcess>();

export function killAll(): void {
  for (const proc of live) {
    if (proc.pid !== undefined && proc.exitCode === null && proc.signalCode === null) {
      try {
        process.kill(proc.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  live.clear();
}

/** Kills with SIGKILL and waits (bounded) for the exit, even if it was already seen. */
export async function kill9(proc: ChildProcess, what: string): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
  proc.kill('SIGKILL');
  await bounded(exited, 10_000, `exit of ${what} after kill -9`);
  live.delete(proc);
}

function cli(): string {
  const bin = join(packageRoot(), 'bin', 'autonet');
  if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli', 'main.js')))
    throw new Error('crash campaign: dist/ missing: run `npm run build` first');
  return bin;
}

/** Spawns `autonet …` and resolves with the first stdout line that is JSON and passes `accept`. */
function launch(
  args: string[],
  env: NodeJS.ProcessEnv,
  accept: (line: Record<string, unknown>) => boolean,
  what: string,
): Promise<{ proc: ChildProcess; line: Record<string, unknown> }> {
  const proc = spawn(process.execPath, [cli(), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const started = new Promise<{ proc: ChildProcess; line: Record<string, unknown> }>((resolve, reject) => {
    createInterface({ input: proc.stdout }).on('line', (text) => {
      if (!text.startsWith('{')) return;
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        if (accept(line)) resolve({ proc, line });
      } catch {
        // not a start line
      }
    });
    proc.once('exit', (code, signal) => reject(new Error(`${what} exited (${code ?? signal}): ${err}`)));
  });
  return bounded(started, STEP_MS, `start of ${what}`).catch((e: unknown) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    throw e;
  });
}

export interface Sim {
  readonly proc: ChildProcess;
  readonly gnmi: string;
  readonly admin: string;
}

/** The simulated network on its own: every NE speaks gNMI (no SNMP), probes ideal (less CPU). */
export async function startSim(seed: number): Promise<Sim> {
  const topology = join(packageRoot(), 'topology', 'abilene.json');
  const args = ['sim', '--topology', topology, '--seed', String(seed), '--legacy-share', '0'];
  args.push('--probe-rate', '0', '--gnmi-port', '0', '--snmp-port', '0', '--admin-port', '0');
  const { proc, line } = await launch(args, process.env, (l) => l['event'] === 'sim-started', 'simulator');
  const ports = line['ports'] as { gnmi: number; admin: number };
  return { proc, gnmi: `127.0.0.1:${ports.gnmi}`, admin: `http://127.0.0.1:${ports.admin}` };
}

export interface Served {
  readonly proc: ChildProcess;
  readonly api: string;
  readonly summary: Record<string, unknown>;
}

/** Starts `autonet serve` on the simulator (no auth on loopback, loop off) and waits for its start line. */
export async function serve(dataDir: string, sim: Sim): Promise<Served> {
  mkdirSync(join(dataDir, 'tmp'), { recursive: true });
  const args = ['serve', '--port', '0', '--data-dir', dataDir, '--network', 'gnmi'];
  args.push('--gnmi', sim.gnmi, '--gnmi-insecure', '--auth', 'none', '--autonomy', 'off');
  const env = { ...process.env, TMPDIR: join(dataDir, 'tmp'), AUTONET_RECONCILE_INTERVAL_MS: '500' };
  const { proc, line } = await launch(args, env, (l) => typeof l['listening'] === 'string', 'controller');
  return { proc, api: `${String(line['listening'])}/api/v1`, summary: line };
}

const body = (name: string, mbps: number) => ({
  name,
  kind: 'connectivity',
  endpoints: { a: 'NewYork', b: 'LosAngeles' },
  slo: { bandwidthMbps: mbps },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
});

async function call(api: string, method: string, path: string, json?: unknown): Promise<number> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(json !== undefined && { body: JSON.stringify(json) }),
    signal: AbortSignal.timeout(STEP_MS),
  });
  await res.arrayBuffer();
  return res.status;
}

/** One operation of a burst: what it sends and what an acknowledgement promises. */
function operation(
  name: string,
  random: () => number,
): { send: (api: string) => Promise<number>; ack: Expect; del: boolean } {
  const r = random();
  const mbps = 1000 + Math.floor(random() * 8) * 500;
  if (r < 0.45)
    return {
      send: (api) => call(api, 'PUT', `/intents/${name}`, body(name, mbps)),
      ack: { mbps },
      del: false,
    };
  if (r < 0.75) return { send: (api) => call(api, 'DELETE', `/intents/${name}`), ack: 'absent', del: true };
  return { send: (api) => call(api, 'POST', '/intents', body(name, mbps)), ack: { mbps }, del: false };
}

/** Running estimate of how long a burst takes, so that kills land during one, not after it. */
let burstEstimateMs = 400;

/**
 * One cycle on a running server: a burst (per name a chain of 1–3 operations, names concurrent), kill -9
 * at a random moment within 1.5× the expected burst time; sometimes (1 in 5) a second kill -9 during the
 * restart (start-up reconciliation interrupted); restart, and check every invariant.
 */
export async function cycle(
  dataDir: string,
  sim: Sim,
  server: Served,
  random: () => number,
  expected: Map<string, Expect>,
): Promise<{ server: Served; figures: CycleFigures }> {
  let acknowledged = 0;
  let answered = 0;
  const pending = new Set<string>();
  const burstStart = Date.now();
  const chains = NAMES.map(async (name) => {
    const ops = Array.from({ length: 1 + Math.floor(random() * 3) }, () => operation(name, random));
    pending.add(name);
    try {
      for (const op of ops) {
        const status = await op.send(server.api);
        answered += 1;
        if (status >= 200 && status < 300) {
          acknowledged += 1;
          expected.set(name, op.ack);
        } else if (status === 404 && op.del) expected.set(name, 'absent');
      }
    } catch {
      return; // killed before it answered: either outcome is allowed
    }
    pending.delete(name);
  });
  let killed = false;
  const burst = Promise.all(chains).then(() => {
    // only bursts that ran to the end say how long one takes (a killed one ends early)
    if (!killed) burstEstimateMs = 0.7 * burstEstimateMs + 0.3 * (Date.now() - burstStart);
  });
  const killAt = Math.floor(random() * 1.5 * burstEstimateMs);
  await Promise.race([new Promise((r) => setTimeout(r, killAt)), burst.then(() => undefined)]);
  if (pending.size === 0) await new Promise((r) => setTimeout(r, Math.floor(random() * 50)));
  const inFlightAtKill = pending.size;
  let phase: KillPhase =
    inFlightAtKill === 0 ? 'after-burst' : answered === 0 ? 'before-any-answer' : 'mid-burst';
  for (const name of pending) expected.delete(name); // unknown outcome: not checked this time
  killed = true;
  await kill9(server.proc, 'controller');
  await bounded(burst, STEP_MS, 'answers of the killed controller');
  if (random() < 0.2) {
    phase = 'during-restart';
    await killDuringStart(dataDir, sim, Math.floor(random() * 1500));
  }
  const started = Date.now();
  const next = await serve(dataDir, sim);
  const restartMs = Date.now() - started;
  const reconcileMs = Number(next.summary['reconcileMs'] ?? NaN);
  const report = (next.summary['reconciled'] ?? {}) as Record<string, unknown[]>;
  const reconciled = Object.fromEntries(Object.entries(report).map(([k, xs]) => [k, xs.length]));
  const violations = await bounded(check(next, sim, expected), STEP_MS, 'invariant check');
  return {
    server: next,
    figures: { acknowledged, inFlightAtKill, phase, restartMs, reconcileMs, reconciled, violations },
  };
}

/** Starts a controller and kills it -9 after `ms` (whether or not it is ready by then). */
async function killDuringStart(dataDir: string, sim: Sim, ms: number): Promise<void> {
  const starting = serve(dataDir, sim);
  const timer = new Promise((r) => setTimeout(r, ms));
  const first = await Promise.race([
    starting.then(
      (s) => s,
      () => undefined,
    ),
    timer.then(() => undefined),
  ]);
  if (first) {
    await kill9(first.proc, 'controller (killed right after start)');
    return;
  }
  // still starting: kill whatever process serve() spawned (the newest one in `live`)
  const proc = [...live].at(-1);
  if (proc) await kill9(proc, 'controller (killed while starting)');
  await starting.then(
    (s) => kill9(s.proc, 'controller (killed while starting)'),
    () => undefined,
  );
}
