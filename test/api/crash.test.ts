import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteIntentStore } from '../../src/adapters/store';
import { intentBody } from './api-harness';

const RUN_TS = join(__dirname, 'run-ts.cjs');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Starts `autonet serve` as a real process and resolves with its start-up summary line. */
function serve(
  dataDir: string,
  port: number,
  latencyMs: number,
): Promise<{ proc: ChildProcess; summary: Record<string, unknown> }> {
  mkdirSync(join(dataDir, 'tmp'), { recursive: true });
  const proc = spawn(
    process.execPath,
    [
      RUN_TS,
      'serve',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      // the in-memory network, slowed down, so that the kill lands mid-deploy
      '--network',
      'memory',
      '--network-latency-ms',
      String(latencyMs),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // the server's temporary files (yanglint documents) go inside the test's folder, removed afterwards
      env: { ...process.env, TMPDIR: join(dataDir, 'tmp'), AUTONET_AUTH: 'none' },
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{') && l.includes('"listening"'));
      if (line) resolve({ proc, summary: JSON.parse(line) as Record<string, unknown> });
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

const api = (port: number, path: string, init?: RequestInit) =>
  fetch(`http://127.0.0.1:${port}/api/v1${path}`, init);
const post = (port: number, body: unknown) =>
  api(port, '/intents', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Intents, reservations and audit agree: every reservation belongs to a stored intent and matches its plan. */
function expectConsistent(dataDir: string): void {
  const store = SqliteIntentStore.open({ dataDir });
  try {
    const intents = new Map(store.listIntents().map((i) => [i.spec.name, i]));
    for (const r of store.reservations()) expect(intents.has(r.intent)).toBe(true);
    for (const i of intents.values()) {
      const held = store
        .reservations(i.spec.name)
        .map((r) => `${r.arc}:${r.mbps}`)
        .sort();
      const planned = (i.plan?.reservations ?? []).map((r) => `${r.arc}:${r.mbps}`).sort();
      if (i.status === 'failed') expect(held).toEqual([]);
      else expect(held).toEqual(planned);
      const audit = store.audit({ target: i.spec.name });
      expect(audit[0]?.action).toBe('create');
    }
  } finally {
    store.close();
  }
}

describe('crash (kill -9) mid-deploy and restart', () => {
  let dataDir: string;
  let proc: ChildProcess | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'autonet-crash-'));
  });
  afterEach(() => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves exactly the committed state, and reconciliation finishes the interrupted deploy', async () => {
    const port = await freePort();
    ({ proc } = await serve(dataDir, port, 700));
    expect((await post(port, intentBody('before'))).status).toBe(201);
    const inFlight = post(port, intentBody('during', { endpoints: { a: 'Seattle', b: 'Atlanta' } })).catch(
      () => undefined,
    );
    // kill as soon as the deploy is under way (committed as 'deploying', NE calls take 700 ms)
    for (let i = 0; i < 200; i++) {
      const res = await api(port, '/intents/during');
      if (res.ok && ((await res.json()) as { status: string }).status === 'deploying') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    proc.kill('SIGKILL');
    await inFlight;
    await new Promise((r) => proc!.once('exit', r));

    expectConsistent(dataDir);
    const crashed = SqliteIntentStore.open({ dataDir });
    const statuses = Object.fromEntries(crashed.listIntents().map((i) => [i.spec.name, i.status]));
    const auditBefore = crashed.audit().length;
    crashed.close();
    expect(statuses).toEqual({ before: 'deployed', during: 'deploying' });

    const restarted = await serve(dataDir, port, 0);
    proc = restarted.proc;
    expect(restarted.summary['reconciled']).toMatchObject({
      redeployed: ['during'],
      repaired: ['before'],
      failed: [],
    });
    const list = (await (await api(port, '/intents')).json()) as {
      intents: { name: string; status: string }[];
    };
    expect(list.intents.map((i) => [i.name, i.status])).toEqual([
      ['before', 'deployed'],
      ['during', 'deployed'],
    ]);
    const policies = (await (await api(port, '/policies')).json()) as { policies: unknown[] };
    expect(policies.policies).toHaveLength(4);
    proc.kill('SIGKILL');
    await new Promise((r) => proc!.once('exit', r));
    expectConsistent(dataDir);
    const after = SqliteIntentStore.open({ dataDir });
    const audit = after.audit();
    after.close();
    expect(audit.length).toBeGreaterThan(auditBefore);
    expect(audit.filter((a) => a.actor === 'reconciler').map((a) => `${a.target}:${a.action}`)).toEqual(
      expect.arrayContaining(['during:deploy', 'before:repair']),
    );
  }, 60_000);
});
