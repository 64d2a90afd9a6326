import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { TwinService } from '../../src/app/twin';
import { requirementOf } from '../../src/app/auth/access.policy';
import { main } from '../../src/cli/main';
import { restconfErrors, startApi } from './api-harness';
import type { Api } from './api-harness';

interface OptimizeJson {
  mlu: number;
  ecmpMlu: number;
  lowerBound: null;
  demands: { from: string; to: string; mbps: number; segments: string[] }[];
  demandSource: string;
  unplaced: unknown[];
  network: { links: number; linksLeftOut: number; reservedMbps: number };
}

// the machine is shared: generous time for a real app, libyang and several CLI round trips
jest.setTimeout(60_000);

/** `autonet optimize --server URL` (issue 11) against a real controller over HTTP (POST /api/v1/optimize). */
describe('autonet optimize --server', () => {
  let api: Api;
  let server: string;
  let stdout: string;
  let stderr: string;
  const dir = mkdtempSync(join(tmpdir(), 'autonet-optimize-'));
  const demands = join(dir, 'demands.json');
  beforeAll(async () => {
    api = await startApi();
    await new Promise<void>((resolve) => api.http.listen(0, '127.0.0.1', resolve));
    server = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
    // a display name on purpose: accepted like the id
    writeFileSync(demands, JSON.stringify([{ from: 'Seattle', to: 'Sunnyvale', mbps: 2000 }]));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  });
  afterEach(() => jest.restoreAllMocks());

  const optimize = async (...args: string[]): Promise<OptimizeJson> => {
    stdout = '';
    expect(await main(['optimize', '--server', server, '--json', ...args])).toBe(0);
    return JSON.parse(stdout) as OptimizeJson;
  };

  it('without demands anywhere, refuses and says how to supply them', async () => {
    expect(await main(['optimize', '--server', server])).not.toBe(0);
    expect(stderr).toMatch(/no demands/);
    expect(stderr).toMatch(/--demands/);
    expect(stderr).toMatch(/--gravity/);
  });

  it('places demands on the capacity left free by reservations', async () => {
    const free = await optimize('--demands', demands, '--max-segments', '1');
    expect(free.demandSource).toBe('request');
    expect(free.mlu).toBeCloseTo(0.2, 6); // 2,000 of 10,000 Mbit/s on the direct link
    expect(free.lowerBound).toBeNull();
    const intent = {
      name: 'big',
      kind: 'connectivity',
      endpoints: { a: 'Seattle', b: 'Sunnyvale' },
      slo: { bandwidthMbps: 9500 },
      sle: { protection: 'none', isolation: 'shared' },
    };
    await request(api.http).post('/api/v1/intents').send(intent).expect(201);
    const reserved = api.store.reservations().length;
    const busy = await optimize('--demands', demands, '--max-segments', '1');
    expect(busy.network.reservedMbps).toBeGreaterThanOrEqual(9500);
    expect(busy.mlu).toBeCloseTo(4, 6); // the same 2,000 Mbit/s on the 500 left free
    // with waypoints allowed it steers around the reserved link
    const steered = await optimize('--demands', demands, '--max-segments', '2');
    expect(steered.mlu).toBeLessThan(1);
    expect(steered.demands[0]!.segments.length).toBe(2);
    expect(api.store.reservations()).toHaveLength(reserved); // optimising reserves and deploys nothing
    await request(api.http).delete('/api/v1/intents/big').expect(204);
  });

  it('gravity-model demands when asked, with a readable summary', async () => {
    expect(await main(['optimize', '--server', server, '--gravity', '0.02'])).toBe(0);
    expect(stdout).toMatch(/^MLU\s+\d\.\d{4}/m);
    expect(stdout).toMatch(/^demands\s+\d+ gravity model/m);
    expect(stdout).toMatch(/^network\s+14 links up/m);
  });

  it('refuses a bad body naming the field, in the body’s own names', async () => {
    const res = await request(api.http)
      .post('/api/v1/optimize')
      .send({ maxSegment: 2, demands: [{ from: 'Seattle', to: 'Atlantis', mbps: -1 }] })
      .expect(400);
    const errors = restconfErrors(res.body);
    expect(errors.map((e) => e['error-path'])).toEqual(['/maxSegment', '/demands/0/mbps']);
    expect(String(errors[0]!['error-message'])).toMatch(/did you mean maxSegments/);
    const unknown = await request(api.http)
      .post('/api/v1/optimize')
      .send({ demands: [{ from: 'Seattle', to: 'Sunnyvle', mbps: 1 }] })
      .expect(400);
    expect(String(restconfErrors(unknown.body)[0]!['error-message'])).toMatch(/Sunnyvale/);
  });

  it('answers edge cases with a result, never a 5xx: no demands, a demand to itself, a huge volume', async () => {
    for (const demands of [
      [],
      [{ from: 'Seattle', to: 'Seattle', mbps: 1 }],
      [{ from: 'Seattle', to: 'Atlanta', mbps: 1e300 }],
    ]) {
      const res = await request(api.http).post('/api/v1/optimize').send({ demands }).expect(200);
      expect(res.body.demands.length + res.body.unplaced.length).toBe(demands.length);
    }
    await request(api.http).post('/api/v1/optimize').send([1, 2]).expect(400);
    await request(api.http).post('/api/v1/optimize').send({ maxSegments: 4 }).expect(400);
  });

  it('is a write an engineer may make, described in OpenAPI and listed at GET /api/v1', async () => {
    expect(requirementOf('POST', '/api/v1/optimize')).toBe('engineer');
    const doc = await request(api.http).get('/api/docs/openapi.json').expect(200);
    expect(doc.body.paths['/api/v1/optimize'].post.requestBody).toBeDefined();
    const index = await request(api.http).get('/api/v1').expect(200);
    const resources = (index.body as { resources: { path: string }[] }).resources;
    expect(resources.map((r) => r.path)).toContain('/api/v1/optimize');
  });

  it('leaves a link the twin sees down out of the network', async () => {
    const link = api.network.topology.link('Seattle:Sunnyvale');
    const arc = link.arcs[0]!;
    api.app.get(TwinService).applyPoints([
      {
        measurement: 'interface',
        key: `interface/${arc.from}/${arc.id}`,
        ne: arc.from,
        interface: arc.id,
        timestampMs: Date.now(),
        outArc: arc.id,
        fields: { outBps: 0, operUp: 0 },
      },
    ]);
    const r = await optimize('--demands', demands, '--max-segments', '1');
    expect(r.network.linksLeftOut).toBe(1);
    expect(r.demands[0]!.segments).toHaveLength(1);
    expect(r.mlu).toBeGreaterThan(0); // carried around the failure (via Denver)
    expect(r.unplaced).toEqual([]);
  });
});
