/**
 * The twin end to end (issue 8): `autonet serve` with the embedded simulator (autonomy off, so nothing repairs
 * behind the test's back), numbered steps. The simulator's admin API is the ground truth and the fault
 * injector; the controller never reads it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { alive, until } from '../e2e/wait';

const CLI = join(__dirname, '..', '..', 'bin', 'autonet');
const INTERVAL_MS = 1000;

interface Summary {
  listening: string;
  admin: string;
  simulatorPid: number;
  dashboard: string;
  legacy: string[];
}
interface LinkState {
  link: string;
  from: string;
  to: string;
  status: string;
  utilisation: number;
  capacityMbps: number;
  stale: boolean;
}
interface TwinState {
  at: number;
  links: LinkState[];
  nodes: { id: string; status: string }[];
  policies: {
    headend: string;
    name: string;
    intent: string | null;
    delayUs: number | null;
    sloOk: boolean | null;
  }[];
  demands: { count: number; estimated: number };
}
interface WhatIf {
  links: LinkState[];
  intents: { name: string; sloOk: boolean; delayUs: number | null; violations: { slo: string }[] }[];
  maxUtilisation: number;
}
interface Plan {
  policies: {
    name: string;
    headend: string;
    candidatePaths: { role: string; links: string[]; delayUs: number }[];
  }[];
}

let token = '';
let base = 'http://controller.invalid';

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const url = path.startsWith('http') ? path : `${base}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (url.startsWith(base)) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
const post = <T>(path: string, body: unknown) => api<T>(path, { method: 'POST', body: JSON.stringify(body) });

describe('twin: live state, what-if before the fault, admission against measured load', () => {
  let server: ChildProcess | undefined;
  let summary: Summary;
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-twin-e2e-'));
  let spec: Record<string, unknown>;
  let failed = '';
  let predicted: WhatIf['intents'][number];
  let faultId = '';

  afterAll(() => {
    if (server?.exitCode === null) server.kill('SIGKILL');
    if (summary && alive(summary.simulatorPid)) process.kill(summary.simulatorPid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('1. serves with the embedded simulator; the twin fills from telemetry', async () => {
    server = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--autonomy',
        'off',
        '--telemetry-interval-ms',
        String(INTERVAL_MS),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, AUTONET_LOG_LEVEL: 'warn' } },
    );
    const line = await new Promise<string>((resolve, reject) => {
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      createInterface({ input: server!.stdout! }).once('line', resolve);
    });
    summary = JSON.parse(line) as Summary;
    token = new URL(summary.dashboard).searchParams.get('token')!;
    base = summary.listening;
    const s = await until('every direction measured and demands known', async () => {
      const r = await api<TwinState>('/api/v1/twin/state');
      return r.body.links.every((l) => !l.stale) && r.body.demands.count > 0 ? r.body : undefined;
    });
    expect(s.links.every((l) => l.status === 'up')).toBe(true);
    // one entry per direction, with the topology file's link ids
    const topo = await api<{
      links: { id: string; directions: { status: string; utilisation: number | null }[] }[];
    }>('/api/v1/topology');
    expect(s.links).toHaveLength(topo.body.links.length * 2);
    expect(
      topo.body.links.flatMap((l) => l.directions).every((d) => d.status === 'up' && d.utilisation !== null),
    ).toBe(true);
    // the live state agrees with the simulator's own
    const truth = await api<{
      links: { link: string; from: string; carriedMbps: number; capacityMbps: number }[];
    }>(`${summary.admin}/state`);
    const errs = truth.body.links.map((t) => {
      const l = s.links.find((x) => x.link === t.link && x.from === t.from)!;
      return Math.abs(l.utilisation - t.carriedMbps / t.capacityMbps);
    });
    expect(Math.max(...errs)).toBeLessThan(0.05);
  }, 90_000);

  it('2. a what-if of a link failure on the intent’s primary path, made before it happens', async () => {
    const [a, b] = ['Seattle', 'Atlanta', 'Chicago', 'Denver', 'Sunnyvale'].filter(
      (n) => !summary.legacy.includes(n),
    );
    spec = {
      name: 'twin-e2e',
      kind: 'connectivity',
      endpoints: { a, b },
      slo: { bandwidthMbps: 50, maxDelayUs: 1_000_000 },
      sle: { protection: 'none', isolation: 'shared' },
      priority: 5,
    };
    const dry = await post<{ plan: Plan }>('/api/v1/intents?dryRun=true', spec);
    expect(dry.status).toBe(200);
    const primary = dry.body.plan.policies.find((p) => p.headend === a)!.candidatePaths[0]!;
    failed = primary.links[0]!;
    const now = await post<WhatIf>('/api/v1/twin/what-if', { addIntents: [spec] });
    const after = await post<WhatIf>('/api/v1/twin/what-if', { addIntents: [spec], failLinks: [failed] });
    expect(after.status).toBe(200);
    const d0 = now.body.intents.find((i) => i.name === 'twin-e2e')!.delayUs!;
    const d1 = after.body.intents.find((i) => i.name === 'twin-e2e')!.delayUs!;
    expect(d1).toBeGreaterThan(1.1 * d0);
    // A bound between the two: the intent holds now and breaks when the link fails.
    spec = { ...spec, slo: { bandwidthMbps: 50, maxDelayUs: Math.round((d0 + d1) / 2) } };
    const created = await post<{ status: string }>('/api/v1/intents', spec);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('deployed');
    const wi = await post<WhatIf>('/api/v1/twin/what-if', { failLinks: [failed] });
    predicted = wi.body.intents.find((i) => i.name === 'twin-e2e')!;
    expect(predicted.sloOk).toBe(false);
    expect(predicted.violations.map((v) => v.slo)).toContain('maxDelayUs');
    expect(wi.body.links.filter((l) => l.link === failed).every((l) => l.status === 'down')).toBe(true);
    // measured now: the SLO holds
    await until('the intent measured within its SLO', async () => {
      const s = await api<TwinState>('/api/v1/twin/state');
      const mine = s.body.policies.filter((p) => p.intent === 'twin-e2e');
      return mine.length === 2 && mine.every((p) => p.sloOk === true) ? true : undefined;
    });
  }, 60_000);

  it('3. the link fails in the network: the twin shows it down within a sampling interval, and the SLO verdict follows the measured delay as predicted', async () => {
    const started = Date.now();
    const fault = await post<{ id: string }>(`${summary.admin}/faults`, {
      type: 'link-down',
      target: failed,
    });
    expect(fault.status).toBe(201);
    faultId = fault.body.id;
    await until(
      'the link down in /twin/state',
      async () => {
        const s = await api<TwinState>('/api/v1/twin/state');
        return s.body.links.filter((l) => l.link === failed).every((l) => l.status === 'down')
          ? true
          : undefined;
      },
      10_000,
    );
    // one sampling interval, plus slack for a loaded CI machine
    expect(Date.now() - started).toBeLessThan(INTERVAL_MS + 2500);
    const { a } = spec['endpoints'] as { a: string };
    const measured = await until('the measured verdict after the failure', async () => {
      const s = await api<TwinState>('/api/v1/twin/state');
      const p = s.body.policies.find((x) => x.intent === 'twin-e2e' && x.headend === a);
      return p && p.sloOk === false ? p : undefined;
    });
    expect(measured.sloOk).toBe(predicted.sloOk);
    // the prediction made before the fault was close to what the probes now measure
    expect(Math.abs(measured.delayUs! - predicted.delayUs!) / measured.delayUs!).toBeLessThan(0.15);
    const topo = await api<{ links: { id: string; directions: { status: string }[] }[] }>('/api/v1/topology');
    expect(topo.body.links.find((l) => l.id === failed)!.directions.every((d) => d.status === 'down')).toBe(
      true,
    );
  }, 60_000);

  it('4. refuses a plan that reservations admit but measured load makes unsafe, naming the arcs', async () => {
    await api(`${summary.admin}/faults/${faultId}`, { method: 'DELETE' });
    await api('/api/v1/intents/twin-e2e', { method: 'DELETE' });
    const heads = (l: LinkState): boolean =>
      !summary.legacy.includes(l.from) && !summary.legacy.includes(l.to);
    const s = await until('the link back up', async () => {
      const r = await api<TwinState>('/api/v1/twin/state');
      return r.body.links.every((l) => l.status === 'up' && !l.stale) ? r.body : undefined;
    });
    const target = s.links.filter(heads).sort((x, y) => y.utilisation - x.utilisation)[0]!;
    // Congest the direction to ~0.8 of its capacity (the simulator surges the demands crossing it).
    const factor = Math.min(1000, 0.8 / Math.max(target.utilisation, 0.01));
    const arc = `${target.link}#${target.from === target.link.split(':')[0] ? 'ab' : 'ba'}`;
    const c = await post<{ id: string }>(`${summary.admin}/faults`, {
      type: 'congestion',
      target: arc,
      params: { factor },
    });
    expect(c.status).toBe(201);
    await until('the congestion measured', async () => {
      const r = await api<TwinState>('/api/v1/twin/state');
      const l = r.body.links.find((x) => x.link === target.link && x.from === target.from)!;
      return l.utilisation > 0.7 ? true : undefined;
    });
    const topo = await api<{
      links: { id: string; directions: { from: string; delayUs: number; freeMbps: number }[] }[];
    }>('/api/v1/topology');
    const dir = topo.body.links
      .find((l) => l.id === target.link)!
      .directions.find((d) => d.from === target.from)!;
    const bandwidth = Math.round(0.15 * target.capacityMbps);
    expect(dir.freeMbps).toBeGreaterThan(bandwidth); // reservations alone would admit it
    const res = await post<{ 'ietf-restconf:errors': { error: { 'error-message': string }[] } }>(
      '/api/v1/intents',
      {
        name: 'twin-hot',
        kind: 'connectivity',
        endpoints: { a: target.from, b: target.to },
        slo: { bandwidthMbps: bandwidth, maxDelayUs: Math.round(dir.delayUs * 1.2) + 1000 },
        sle: { protection: 'none', isolation: 'shared' },
        priority: 3,
      },
    );
    expect(res.status).toBe(422);
    const text = JSON.stringify(res.body);
    expect(text).toContain(arc);
    expect(text).toContain('ceiling');
    await api(`${summary.admin}/faults/${c.body.id}`, { method: 'DELETE' });
  }, 90_000);

  it('5. stops cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
