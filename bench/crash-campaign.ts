/**
 * Crash campaign (issue 10): `autonet serve` on the memory network, bursts of creates, updates and deletes
 * that contend for one bottleneck (every intent NewYork–LosAngeles, large enough that not all fit), kill -9
 * at a random moment, restart (which reconciles), check. Shared by test/crash (20 cycles) and
 * bench/crash.bench.ts (≥ 100). The memory network lives in the controller process, so after a restart
 * it is empty and reconciliation must re-install exactly the stored plans.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SqliteIntentStore } from '../src/adapters/store';
import { packageRoot } from '../src/config';

const NAMES = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
const SETTLED = new Set(['deployed', 'compliant', 'degraded', 'repairing', 'failed']);

export interface CycleFigures {
  readonly acknowledged: number;
  readonly inFlightAtKill: number;
  readonly restartMs: number;
  readonly violations: readonly string[];
}

/** What a client was told about one name: the bandwidth it must have, or that it must be gone. */
type Expect = { readonly mbps: number } | 'absent';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

export interface Served {
  readonly proc: ChildProcess;
  readonly port: number;
  readonly summary: Record<string, unknown>;
}

/** Starts `autonet serve` (memory network, no auth on loopback) and waits for its start line. */
export async function serve(dataDir: string, latencyMs: number): Promise<Served> {
  const port = await freePort();
  mkdirSync(join(dataDir, 'tmp'), { recursive: true });
  const args = [join(packageRoot(), 'test', 'api', 'run-ts.cjs'), 'serve', '--port', String(port)];
  args.push('--data-dir', dataDir, '--network', 'memory', '--network-latency-ms', String(latencyMs));
  args.push('--auth', 'none');
  const proc = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: join(dataDir, 'tmp'), AUTONET_RECONCILE_INTERVAL_MS: '500' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{') && l.includes('"listening"'));
      if (line) resolve({ proc, port, summary: JSON.parse(line) as Record<string, unknown> });
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err.slice(-2000)}`)));
  });
}

const body = (name: string, mbps: number) => ({
  name,
  kind: 'connectivity',
  endpoints: { a: 'NewYork', b: 'LosAngeles' },
  slo: { bandwidthMbps: mbps },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
});

async function call(port: number, method: string, path: string, json?: unknown): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(json !== undefined && { body: JSON.stringify(json) }),
  });
  await res.arrayBuffer();
  return res.status;
}

/**
 * One cycle on a running server: a burst (one operation per name, all concurrent), kill -9 after
 * `killAfterMs`, restart, and check every invariant. Returns the new server and the figures.
 */
export async function cycle(
  dataDir: string,
  server: Served,
  random: () => number,
  expected: Map<string, Expect>,
): Promise<{ server: Served; figures: CycleFigures }> {
  const outcomes: Promise<void>[] = [];
  let acknowledged = 0;
  const pending = new Set<string>();
  for (const name of NAMES) {
    const r = random();
    const mbps = 1000 + Math.floor(random() * 8) * 500;
    const op =
      r < 0.45
        ? call(server.port, 'PUT', `/intents/${name}`, body(name, mbps))
        : r < 0.75
          ? call(server.port, 'DELETE', `/intents/${name}`)
          : call(server.port, 'POST', '/intents', body(name, mbps));
    pending.add(name);
    outcomes.push(
      op.then(
        (status) => {
          pending.delete(name);
          if (status >= 200 && status < 300) {
            acknowledged += 1;
            expected.set(name, r < 0.45 || r >= 0.75 ? { mbps } : 'absent');
          } else if (status === 404 && r >= 0.45 && r < 0.75) {
            expected.set(name, 'absent');
          }
        },
        () => undefined, // killed before it answered: either outcome is allowed
      ),
    );
  }
  await new Promise((r) => setTimeout(r, Math.floor(random() * 400)));
  const inFlightAtKill = pending.size;
  for (const name of pending) expected.delete(name); // unknown outcome: not checked this time
  server.proc.kill('SIGKILL');
  await Promise.all(outcomes);
  await new Promise((r) =>
    server.proc.exitCode !== null || server.proc.signalCode !== null ? r(null) : server.proc.once('exit', r),
  );
  const started = Date.now();
  const next = await serve(dataDir, Math.floor(random() * 30));
  const restartMs = Date.now() - started;
  const violations = await check(next, expected);
  return { server: next, figures: { acknowledged, inFlightAtKill, restartMs, violations } };
}

interface IntentJson {
  name: string;
  status: string;
  slo: { bandwidthMbps: number };
}

/** Every invariant after restart + reconciliation; returns what is violated (empty when all hold). */
export async function check(server: Served, expected: Map<string, Expect>): Promise<string[]> {
  const v: string[] = [];
  const get = async <T>(path: string): Promise<T> =>
    (await (await fetch(`http://127.0.0.1:${server.port}/api/v1${path}`)).json()) as T;
  const { intents } = await get<{ intents: IntentJson[] }>('/intents');
  const byName = new Map(intents.map((i) => [i.name, i]));
  for (const [name, want] of expected) {
    const got = byName.get(name);
    if (want === 'absent') {
      if (got) v.push(`${name}: deleted (acknowledged) but present`);
    } else if (!got) v.push(`${name}: acknowledged but missing`);
    else if (got.status !== 'failed' && got.slo.bandwidthMbps !== want.mbps)
      v.push(`${name}: acknowledged ${want.mbps} Mbit/s, holds ${got.slo.bandwidthMbps}`);
  }
  for (const i of intents) if (!SETTLED.has(i.status)) v.push(`${i.name}: half-applied (${i.status})`);
  const topology = await get<{
    links: { directions: { arc: string; capacityMbps: number; reservedMbps: number }[] }[];
  }>('/topology');
  for (const l of topology.links)
    for (const d of l.directions)
      if (d.reservedMbps > d.capacityMbps + 1e-6)
        v.push(`arc ${d.arc} overbooked: ${d.reservedMbps}/${d.capacityMbps}`);
  const { policies } = await get<{ policies: { intent: string; headend: string }[] }>('/policies');
  const planned = intents
    .filter((i) => i.status !== 'failed')
    .map((i) => i.name)
    .sort();
  const withPolicies = [...new Set(policies.map((p) => p.intent))].sort();
  if (JSON.stringify(planned) !== JSON.stringify(withPolicies))
    v.push(`policies ${withPolicies.join(',')} ≠ in-service intents ${planned.join(',')}`);
  return v;
}

/** The store itself, read with the server stopped: reservations match plans, failed holds none. */
export function checkStore(dataDir: string): string[] {
  const v: string[] = [];
  const store = SqliteIntentStore.open({ dataDir });
  try {
    for (const i of store.listIntents()) {
      const held = store
        .reservations(i.spec.name)
        .map((r) => `${r.arc}:${r.mbps}`)
        .sort();
      const planned = (i.plan?.reservations ?? []).map((r) => `${r.arc}:${r.mbps}`).sort();
      const want = i.status === 'failed' ? [] : planned;
      if (JSON.stringify(held) !== JSON.stringify(want)) v.push(`${i.spec.name}: reservations ≠ plan`);
      if (i.previous && SETTLED.has(i.status)) v.push(`${i.spec.name}: settled with a previous plan`);
    }
  } finally {
    store.close();
  }
  return v;
}
