import request from 'supertest';
import { bottleneck, restconfErrors, startApi } from './api-harness';
import type { Api } from './api-harness';

/** 50 simultaneous submissions compete for one 1,000 Mbit/s bottleneck: exactly ⌊1000/30⌋ = 33 fit. */
describe('concurrent admission', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(bottleneck(1000));
    await new Promise<void>((resolve) => api.http.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await api.close();
  });

  it('admits exactly as many as fit and never overbooks an arc', async () => {
    const body = (i: number) => ({
      name: `c${i}`,
      kind: 'connectivity',
      endpoints: { a: 'P1', b: 'P2' },
      slo: { bandwidthMbps: 30 },
    });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => request(api.http).post('/api/v1/intents').send(body(i))),
    );
    const codes = responses.map((r) => r.status);
    expect(codes.filter((c) => c === 201)).toHaveLength(33);
    expect(codes.filter((c) => c === 422)).toHaveLength(17);
    for (const r of responses.filter((x) => x.status === 422)) {
      const [e] = restconfErrors(r.body);
      expect(JSON.stringify(e)).toMatch(/X-Y/);
    }
    const held = new Map<string, number>();
    for (const r of api.store.reservations()) held.set(r.arc, (held.get(r.arc) ?? 0) + r.mbps);
    for (const arc of api.network.topology.arcs()) {
      expect(held.get(arc.id) ?? 0).toBeLessThanOrEqual(arc.capacityMbps);
    }
    expect(held.get('X-Y#ab')).toBe(990);
    // in service: deployed, or compliant once the assurance loop has measured it
    const inService = api.store.listIntents().filter((i) => ['deployed', 'compliant'].includes(i.status));
    expect(inService).toHaveLength(33);
    expect(api.driver.policyCount()).toBe(66);
    const health = await request(api.http).get('/api/v1/health').expect(200);
    const counts = health.body.intents as Record<string, number>;
    expect((counts['deployed'] ?? 0) + (counts['compliant'] ?? 0)).toBe(33);
  });
});
