/**
 * The README's main job, end to end: `autonet serve` on its embedded default (controller + simulated network
 * reached over gNMI and SNMP + dashboard). Numbered steps, as an operator would do them; the simulator's
 * admin API is the ground truth the controller itself never reads.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { alive, until } from './wait';

const CLI = join(__dirname, '..', '..', 'bin', 'autonet');

interface Summary {
  listening: string;
  admin: string;
  pid: number;
  simulatorPid: number;
  api: string;
  dashboard: string;
  legacy: string[];
}

interface SimPolicy {
  name: string;
  headend: string;
  policy: { 'candidate-path': { 'segment-list': { segment: { sid: string }[] }[] }[] };
}

/** The admin token from the start line's dashboard URL: the quick start's only credential. */
let token = '';
let controllerUrl = 'http://controller.invalid';
const withToken = (init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` },
});

async function json<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  // the token goes to the controller only, never to the simulator's admin API
  const res = await fetch(url, url.startsWith(controllerUrl) ? withToken(init) : init);
  return { status: res.status, body: (await res.json()) as T };
}

describe('embedded default: serve → intent → network → telemetry → delete → stop', () => {
  let server: ChildProcess | undefined;
  let summary: Summary;
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-e2e-'));

  afterAll(() => {
    if (server?.exitCode === null) server.kill('SIGKILL');
    if (summary && alive(summary.simulatorPid)) process.kill(summary.simulatorPid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('1. starts the controller with the simulated network and the dashboard', async () => {
    server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AUTONET_LOG_LEVEL: 'warn' },
    });
    const line = await new Promise<string>((resolve, reject) => {
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      createInterface({ input: server!.stdout! }).once('line', resolve);
    });
    summary = JSON.parse(line) as Summary;
    expect(summary.listening).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The start line's pid is the controller's own; the simulator child's is simulatorPid.
    expect(summary.pid).toBe(server.pid);
    expect(summary.simulatorPid).not.toBe(summary.pid);
    expect(summary.api).toBe(`${summary.listening}/api/v1`);
    // the first start made an admin token and put it in the dashboard URL (as Jupyter does)
    expect(summary.dashboard).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=an_[A-Za-z0-9_-]{43}$/);
    token = new URL(summary.dashboard).searchParams.get('token')!;
    controllerUrl = summary.listening;
    expect((await fetch(`${summary.api}/intents`)).status).toBe(401);
    const index = await json<{ resources: { path: string }[] }>(summary.api);
    expect(index.status).toBe(200);
    expect(index.body.resources.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/v1/intents', '/api/v1/topology', '/api/v1/health']),
    );
    const page = await fetch(`${summary.listening}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const health = await until('every NE up', async () => {
      const h = await json<{ network: { nes: number; up: number } }>(`${summary.listening}/api/v1/health`);
      return h.body.network.up === 11 ? h.body : undefined;
    });
    expect(health.network.nes).toBe(11);
  }, 60_000);

  it('2. deploys a protected intent onto the simulated headends over gNMI', async () => {
    const [a, b] = ['Chicago', 'Atlanta', 'Seattle', 'Denver', 'Sunnyvale'].filter(
      (n) => !summary.legacy.includes(n),
    );
    const intent = {
      name: 'e2e-gold',
      kind: 'connectivity',
      endpoints: { a, b },
      slo: { bandwidthMbps: 800, maxDelayUs: 40_000 },
      sle: { protection: 'link-disjoint', isolation: 'shared' },
      priority: 5,
    };
    const created = await json<{
      status: string;
      plan: {
        policies: { name: string; headend: string; candidatePaths: { segments: { sid: string }[] }[] }[];
      };
    }>(`${summary.listening}/api/v1/intents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(intent),
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('deployed');
    // Ground truth: what the simulated headends actually hold, segment for segment.
    const installed = await json<{ policies: SimPolicy[] }>(`${summary.admin}/policies`);
    for (const planned of created.body.plan.policies) {
      const onNe = installed.body.policies.find(
        (p) => p.name === planned.name && p.headend === planned.headend,
      );
      expect(onNe).toBeDefined();
      const sids = onNe!.policy['candidate-path'].map((cp) =>
        cp['segment-list'][0]!.segment.map((s) => s.sid),
      );
      expect(sids).toEqual(planned.candidatePaths.map((cp) => cp.segments.map((s) => s.sid)));
    }
  }, 30_000);

  it('2b. refuses up front an intent headed at an SNMP-only NE, naming it', async () => {
    const legacy = summary.legacy[0]!;
    const res = await json<{ 'ietf-restconf:errors': { error: { 'error-message': string }[] } }>(
      `${summary.listening}/api/v1/intents`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'e2e-legacy',
          kind: 'connectivity',
          endpoints: { a: legacy, b: 'Denver' === legacy ? 'Seattle' : 'Denver' },
          slo: { bandwidthMbps: 10 },
          sle: { protection: 'none', isolation: 'shared' },
          priority: 1,
        }),
      },
    );
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain(legacy);
    const list = await json<unknown[]>(`${summary.listening}/api/v1/intents`);
    expect(JSON.stringify(list.body)).not.toContain('e2e-legacy');
  }, 30_000);

  it('3. streams telemetry into the store: link utilisation equals what the simulator carried', async () => {
    // An interface's first sample gives no rate (there is no delta yet): wait until rates flow.
    await until('rates flowing', async () => {
      const s = await json<{ normaliser: { points: number } }>(
        `${summary.listening}/api/v1/telemetry/status`,
      );
      return s.body.normaliser.points > 200 ? true : undefined;
    });
    const state = await json<{
      nowMs: number;
      links: { arc: string; link: string; from: string; carriedMbps: number; capacityMbps: number }[];
    }>(`${summary.admin}/state`);
    // gNMI samples carry the NE's own (simulated) timestamps; SNMP has none, so legacy NEs are stamped on receipt.
    const busiest = state.body.links
      .filter((l) => !summary.legacy.includes(l.from))
      .sort((x, y) => y.carriedMbps - x.carriedMbps)[0]!;
    const t = state.body.nowMs;
    // The sample stamped with the same simulated tick covers the same interval as the simulator's report.
    const util = await until('the sample of the same tick', async () => {
      const q = `from=${t}&to=${t + 1000}&step=1000`;
      const res = await json<{ directions: { arc: string; utilisation: { t: number; mean: number }[] }[] }>(
        `${summary.listening}/api/v1/telemetry/links/${encodeURIComponent(busiest.link)}?${q}`,
      );
      const dir = res.body.directions.find((d) => d.arc === busiest.arc);
      return dir?.utilisation.find((b) => b.t === t)?.mean;
    });
    expect(util).toBeCloseTo(busiest.carriedMbps / busiest.capacityMbps, 3);
  }, 30_000);

  it('4. deleting the intent removes its policies from the network and frees its bandwidth', async () => {
    const res = await fetch(`${summary.listening}/api/v1/intents/e2e-gold`, withToken({ method: 'DELETE' }));
    expect([200, 204]).toContain(res.status);
    const installed = await json<{ policies: SimPolicy[] }>(`${summary.admin}/policies`);
    expect(installed.body.policies.filter((p) => p.name.startsWith('e2e-gold'))).toEqual([]);
    const topo = await json<{ links: { directions: { reservedMbps: number }[] }[] }>(
      `${summary.listening}/api/v1/topology`,
    );
    expect(topo.body.links.flatMap((l) => l.directions).every((d) => d.reservedMbps === 0)).toBe(true);
  }, 30_000);

  it('5. stops cleanly on SIGTERM, simulator included', async () => {
    const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until(
      'simulator gone',
      () => Promise.resolve(alive(summary.simulatorPid) ? undefined : true),
      10_000,
    );
  }, 30_000);
});
