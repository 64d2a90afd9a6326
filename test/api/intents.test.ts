/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- supertest response bodies are untyped JSON */
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { watch } from '../../src/cli/commands/intent.command';
import { nodeId } from '../../src/core/model/ids';
import type { InProcessEventBus } from '../../src/app/events';
import { EVENT_BUS } from '../../src/ports/event-bus.port';
import { intentBody, restconfErrors, startApi } from './api-harness';
import type { Api } from './api-harness';

/** Polls `cond` every 10 ms for up to 10 s. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

type Direction = {
  from: string;
  to: string;
  capacityMbps: number;
  reservedMbps: number;
  freeMbps: number;
  pools: { pool: string; reservedMbps: number }[];
};
type LinkView = { id: string; a: string; b: string; directions: Direction[] };

describe('intents API', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const reserved = async (): Promise<number> => {
    const topo = await request(api.http).get('/api/v1/topology').expect(200);
    return (topo.body.links as LinkView[])
      .flatMap((l) => l.directions)
      .reduce((t, d) => t + d.reservedMbps, 0);
  };

  it('POST creates and deploys; GET one and list return it with plan and explanation', async () => {
    const res = await request(api.http).post('/api/v1/intents').send(intentBody('vpn1')).expect(201);
    expect(res.body).toMatchObject({ name: 'vpn1', status: 'deployed', version: expect.any(Number) });
    expect(res.body.plan.policies.map((p: { headend: string }) => p.headend)).toEqual([
      'NewYork',
      'LosAngeles',
    ]);
    expect(res.body.plan.policies[0].candidatePaths.map((c: { role: string }) => c.role)).toEqual([
      'primary',
      'backup',
    ]);
    expect(res.body.explain.summary).toMatch(/NewYork/);
    expect(res.body.explain.verification.ok).toBe(true);
    const one = await request(api.http).get('/api/v1/intents/vpn1').expect(200);
    expect(one.body).toEqual(res.body);
    const list = await request(api.http).get('/api/v1/intents').expect(200);
    expect(list.body.intents.map((i: { name: string }) => i.name)).toEqual(['vpn1']);
    expect(api.driver.policyCount()).toBe(2);
    expect(await reserved()).toBeCloseTo(500 * api.store.reservations('vpn1').length);
  });

  it('POST ?dryRun=true returns plan and verification and stores nothing', async () => {
    const res = await request(api.http)
      .post('/api/v1/intents?dryRun=true')
      .send(intentBody('what-if'))
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'what-if',
      dryRun: true,
      status: 'verified',
      verification: { ok: true },
    });
    expect(res.body.plan.reservations.length).toBeGreaterThan(0);
    await request(api.http).get('/api/v1/intents/what-if').expect(404);
    expect(api.store.audit()).toEqual([]);
    expect(api.driver.policyCount()).toBe(0);
  });

  it('POST of an existing name → 409 data-exists', async () => {
    await request(api.http).post('/api/v1/intents').send(intentBody('dup')).expect(201);
    const res = await request(api.http).post('/api/v1/intents').send(intentBody('dup')).expect(409);
    expect(restconfErrors(res.body)[0]?.['error-tag']).toBe('data-exists');
  });

  it('PUT creates (201), repeats idempotently (200, same version) and updates (200, new plan)', async () => {
    const created = await request(api.http).put('/api/v1/intents/p1').send(intentBody('p1')).expect(201);
    const again = await request(api.http).put('/api/v1/intents/p1').send(intentBody('p1')).expect(200);
    expect(again.body.version).toBe(created.body.version);
    const { name: _n, ...noName } = intentBody('p1', { slo: { bandwidthMbps: 800, maxDelayUs: 40000 } });
    const updated = await request(api.http).put('/api/v1/intents/p1').send(noName).expect(200);
    expect(updated.body.version).toBeGreaterThan(created.body.version);
    expect(updated.body.slo.bandwidthMbps).toBe(800);
    expect(api.store.reservations('p1').every((r) => r.mbps === 800)).toBe(true);
    expect(api.driver.policyCount()).toBe(2);
  });

  it('DELETE removes policies and releases reservations (204)', async () => {
    await request(api.http).post('/api/v1/intents').send(intentBody('d1')).expect(201);
    await request(api.http).delete('/api/v1/intents/d1').expect(204);
    await request(api.http).get('/api/v1/intents/d1').expect(404);
    expect(api.driver.policyCount()).toBe(0);
    expect(await reserved()).toBe(0);
    expect(api.store.audit({ target: 'd1' }).map((a) => a.action)).toContain('delete');
  });

  it('a refused headend makes the intent failed (rolled back, retryable); retry → deployed; retry again → 409', async () => {
    api.driver.failHeadend(nodeId('LosAngeles'));
    const res = await request(api.http).post('/api/v1/intents').send(intentBody('r1')).expect(201);
    expect(res.body).toMatchObject({ status: 'failed', reason: expect.stringMatching(/LosAngeles/) });
    expect(api.driver.policyCount()).toBe(0);
    expect(await reserved()).toBe(0);
    api.driver.recoverHeadend(nodeId('LosAngeles'));
    const retried = await request(api.http).post('/api/v1/intents/r1/retry').expect(200);
    expect(retried.body.status).toBe('deployed');
    await request(api.http).post('/api/v1/intents/r1/retry').expect(409);
  });

  it('slices: create, list, get, use, refuse deleting in use (409) and duplicates (409), delete (204)', async () => {
    await request(api.http)
      .post('/api/v1/slices')
      .send({ name: 'gold', isolation: 'hard', bandwidthShare: 0.2 })
      .expect(201);
    await request(api.http)
      .post('/api/v1/slices')
      .send({ name: 'gold', isolation: 'hard', bandwidthShare: 0.2 })
      .expect(409);
    await request(api.http)
      .post('/api/v1/slices')
      .send({ name: 'bad', isolation: 'hard', bandwidthShare: 7 })
      .expect(400);
    expect(
      (await request(api.http).get('/api/v1/slices').expect(200)).body.slices.map(
        (s: { name: string }) => s.name,
      ),
    ).toEqual(['gold']);
    await request(api.http).get('/api/v1/slices/gold').expect(200);
    await request(api.http).get('/api/v1/slices/silver').expect(404);
    const body = intentBody('g1', {
      slice: 'gold',
      sle: { protection: 'none', isolation: 'hard' },
      slo: { bandwidthMbps: 1500 },
    });
    await request(api.http).post('/api/v1/intents').send(body).expect(201);
    await request(api.http)
      .post('/api/v1/intents')
      .send({ ...body, name: 'g2', slo: { bandwidthMbps: 2100 } })
      .expect(422);
    const topo = await request(api.http).get('/api/v1/topology').expect(200);
    const used = (topo.body.links as LinkView[])
      .flatMap((l) => l.directions)
      .filter((d) => d.reservedMbps > 0);
    expect(used.length).toBeGreaterThan(0);
    for (const d of used) expect(d.pools.find((p) => p.pool === 'gold')?.reservedMbps).toBe(1500);
    await request(api.http).delete('/api/v1/slices/gold').expect(409);
    await request(api.http).delete('/api/v1/intents/g1').expect(204);
    await request(api.http).delete('/api/v1/slices/gold').expect(204);
  });

  it('GET /topology gives per-direction capacity, reserved and free; /policies, /health and /docs answer', async () => {
    await request(api.http)
      .post('/api/v1/intents')
      .send(intentBody('t1', { sle: { protection: 'none', isolation: 'shared' } }))
      .expect(201);
    const topo = await request(api.http).get('/api/v1/topology').expect(200);
    expect(topo.body.nodes).toHaveLength(api.network.topology.nodeCount);
    const dirs = (topo.body.links as LinkView[]).flatMap((l) => l.directions);
    expect(dirs).toHaveLength(api.network.topology.arcCount);
    for (const d of dirs) expect(d.freeMbps).toBeCloseTo(d.capacityMbps - d.reservedMbps);
    expect(dirs.filter((d) => d.reservedMbps === 500)).toHaveLength(api.store.reservations('t1').length);
    const policies = await request(api.http).get('/api/v1/policies').expect(200);
    expect(
      policies.body.policies.map((p: { intent: string; headend: string }) => `${p.intent}@${p.headend}`),
    ).toEqual(['t1@NewYork', 't1@LosAngeles']);
    const health = await request(api.http).get('/api/v1/health').expect(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      intents: { deployed: 1 },
      network: { protocol: 'memory' },
    });
    await request(api.http).get('/api/docs').expect(200);
    const doc = await request(api.http).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/intents', '/api/v1/intents/{name}', '/api/v1/topology']),
    );
  });

  it('streams status changes over SSE (GET /intents/events), as `autonet intent watch` prints them', async () => {
    await new Promise<void>((resolve) => api.http.listen(0, '127.0.0.1', resolve));
    const { port } = api.http.address() as AddressInfo;
    const lines: string[] = [];
    const abort = new AbortController();
    const done = watch(`http://127.0.0.1:${port}`, (l) => lines.push(l), abort.signal).catch(() => undefined);
    const bus = api.app.get<InProcessEventBus>(EVENT_BUS);
    await until(() => bus.listenerCount('intent.status') > 0);
    await request(api.http).post('/api/v1/intents').send(intentBody('w1')).expect(201);
    await request(api.http).delete('/api/v1/intents/w1').expect(204);
    await until(() => lines.some((l) => l.endsWith('w1 removed')));
    abort.abort();
    await done;
    const statuses = lines.map((l) => l.split(' ').slice(1).join(' '));
    expect(statuses).toEqual([
      'w1 - → accepted',
      'w1 accepted → compiled',
      'w1 compiled → verified',
      'w1 verified → deploying',
      'w1 deploying → deployed',
      'w1 deployed → deleting',
      'w1 removed',
    ]);
  });
});
