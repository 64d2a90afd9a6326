import { nodeId } from '../../src/core/model/ids';
import { startAdminServer, type AdminServerHandle } from '../../simulators/admin';
import { SimClock, SimEngine } from '../../simulators/engine';
import { diamond } from '../../simulators/engine/sim.fixtures';

interface Json {
  [k: string]: unknown;
}

describe('simulator admin API (real HTTP on loopback)', () => {
  let engine: SimEngine;
  let admin: AdminServerHandle;
  let base: string;

  beforeEach(async () => {
    engine = new SimEngine({ topology: diamond(), seed: 3 });
    admin = await startAdminServer(engine, { port: 0 });
    base = `http://127.0.0.1:${admin.port}`;
    engine.step();
  });
  afterEach(async () => {
    await admin.close();
  });

  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Json };
  };
  const arcState = async (arc: string): Promise<Json> => {
    const s = await call('GET', '/state');
    return (s.json['links'] as Json[]).find((l) => l['arc'] === arc)!;
  };

  it('injects a fault, reports it as ground truth with exact times, and ends it', async () => {
    const t0 = engine.nowMs();
    const created = await call('POST', '/faults', { type: 'link-down', target: 'BD', params: {} });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      id: expect.any(String),
      type: 'link-down',
      target: 'BD',
      startMs: t0,
      endMs: null,
    });
    engine.step();
    expect(await arcState('BD#ab')).toMatchObject({ status: 'down', loadMbps: 0 });
    expect((await arcState('CD#ab'))['loadMbps']).toBeGreaterThan(0);
    const list = await call('GET', '/faults');
    expect(list.json['faults']).toEqual([
      expect.objectContaining({ id: created.json['id'], state: 'active', startMs: t0 }),
    ]);
    const ended = await call('DELETE', `/faults/${String(created.json['id'])}`);
    expect(ended.status).toBe(200);
    expect(ended.json).toMatchObject({ endMs: t0 + 1000 });
    engine.step();
    expect((await arcState('BD#ab'))['status']).toBe('up');
    const one = await call('GET', `/faults/${String(created.json['id'])}`);
    expect(one.json).toMatchObject({ state: 'ended', startMs: t0, endMs: t0 + 1000 });
    expect((await call('DELETE', `/faults/${String(created.json['id'])}`)).status).toBe(404);
  });

  it('answers bad input with 400 naming the bad field', async () => {
    const bad = await call('POST', '/faults', {
      type: 'gray-loss',
      target: 'AB',
      params: { percent: 'lots' },
    });
    expect(bad.status).toBe(400);
    const err = (bad.json['ietf-restconf:errors'] as { error: Json[] }).error[0]!;
    expect(err['error-path']).toBe('params.percent');
    expect(err['error-message']).toMatch(/percent/);
    const notJson = await call('POST', '/faults', '{"type":');
    expect(notJson.status).toBe(400);
    expect((notJson.json['ietf-restconf:errors'] as { error: Json[] }).error[0]!['error-path']).toBe('body');
    const badTarget = await call('POST', '/faults', { type: 'node-down', target: 'Q' });
    expect((badTarget.json['ietf-restconf:errors'] as { error: Json[] }).error[0]!['error-path']).toBe(
      'target',
    );
    expect((await call('GET', '/nothing')).status).toBe(404);
    expect((await call('PUT', '/state')).status).toBe(405);
  });

  it('reports state with time, nodes and per-direction link figures, and policies with probes', async () => {
    const sid = engine.sids.endSid(nodeId('F')).sid;
    engine.setPolicies('A', [
      {
        name: 'p',
        headend: 'A',
        color: 1,
        endpoint: 'E',
        'candidate-path': [{ preference: 1, 'segment-list': [{ weight: 1, segment: [{ index: 0, sid }] }] }],
      },
    ]);
    engine.step();
    const state = await call('GET', '/state');
    expect(state.json).toMatchObject({ nowMs: engine.nowMs(), tickMs: 1000 });
    const links = state.json['links'] as Json[];
    expect(links).toHaveLength(engine.net.arcCount);
    expect(links[0]).toEqual({
      link: expect.any(String),
      arc: expect.any(String),
      from: expect.any(String),
      to: expect.any(String),
      status: 'up',
      capacityMbps: expect.any(Number),
      loadMbps: expect.any(Number),
      utilisation: expect.any(Number),
      carriedMbps: expect.any(Number),
      delayUs: expect.any(Number),
      lossPct: 0,
    });
    const onRequest = await call('POST', '/probes', { headend: 'A', endpoint: 'E', segments: [sid] });
    expect(onRequest.status).toBe(200);
    expect(onRequest.json).toMatchObject({ headend: 'A', lossPct: 0, delayUs: expect.any(Number) });
    const badProbe = await call('POST', '/probes', { headend: 'A', endpoint: 'E', segments: ['::1'] });
    expect(badProbe.status).toBe(400);
    const policies = await call('GET', '/policies');
    expect(policies.json['policies']).toEqual([
      expect.objectContaining({
        headend: 'A',
        name: 'p',
        drifted: false,
        probe: expect.objectContaining({ lossPct: 0 }),
      }),
    ]);
  });

  it('runs accelerated under a SimClock while the API answers', async () => {
    const clock = new SimClock(engine, { speed: 200 });
    const before = engine.nowMs();
    clock.start();
    await new Promise((r) => setTimeout(r, 150));
    const state = await call('GET', '/state');
    clock.stop();
    expect(state.json['nowMs'] as number).toBeGreaterThanOrEqual(before + 10_000);
    expect(((state.json['nowMs'] as number) - before) % 1000).toBe(0);
  });
});
