import request from 'supertest';
import { intentBody, restconfErrors, startApi } from './api-harness';
import type { Api } from './api-harness';

/**
 * The refusal names the constraint that actually binds (issue 11): a protected intent asking for more than an
 * arc on every candidate pair has free was blamed on `disjoint-srlg`, while the capacity of named arcs was the
 * real limit.
 */
describe('infeasible updates name the binding constraint', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('a PUT asking for more bandwidth than the cut carries is blamed on bandwidth, with the arcs', async () => {
    const body = intentBody('grow', { sle: { protection: 'srlg-disjoint' }, slo: { bandwidthMbps: 1000 } });
    expect((await request(api.http).put('/api/v1/intents/grow').send(body)).status).toBe(201);
    for (const [n, a, b] of [['bg1', 'NewYork', 'Chicago']] as const) {
      const bg = intentBody(n, { endpoints: { a, b }, slo: { bandwidthMbps: 1300 } });
      expect((await request(api.http).put(`/api/v1/intents/${n}`).send(bg)).status).toBe(201);
    }
    const big = { ...body, slo: { bandwidthMbps: 9000 } };
    const res = await request(api.http).put('/api/v1/intents/grow').send(big);
    expect(res.status).toBe(422);
    const e = restconfErrors(res.body)[0]!;
    const text = JSON.stringify(res.body);
    expect(text).toMatch(/bandwidth/i);
    expect(e['error-message']).not.toMatch(/blocked by disjoint/);
    const blocking = (
      e['error-info'] as { 'autonet:blocking': { constraint: string; elements: string[] }[] }
    )['autonet:blocking'];
    expect(blocking[0]!.constraint).toBe('bandwidth');
    expect(blocking[0]!.elements).toContain('NewYork:Chicago');
  });
});
