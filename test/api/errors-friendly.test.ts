import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ALLOWED, INTENT_MEMBERS, YANG_TO_BODY } from '../../src/api/intent-hints';
import { packageRoot } from '../../src/config';
import { intentBody, restconfErrors, startApi } from './api-harness';
import type { Api } from './api-harness';

/**
 * Errors a person can act on (issue 11): body names in error-paths, "did you mean" for unknown members, enum
 * values and nodes, the allowed values or range listed, and display names accepted for nodes. Against the real
 * controller app with the real libyang validator on Abilene.
 */
describe('API errors people can act on', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (body: object) => request(api.http).post('/api/v1/intents?dryRun=true').send(body);
  const firstError = (res: request.Response) => restconfErrors(res.body)[0]!;

  it('names an unknown member in body terms and suggests the member meant', async () => {
    const res = await post(intentBody('f1', { slo: { bandwidth: 10 } }));
    expect(res.status).toBe(400);
    const e = firstError(res);
    expect(e['error-path']).toBe("/autonet-intent:intents/intent[name='f1']/slo/bandwidth");
    expect(e['error-message']).toMatch(
      /'bandwidth' is not a member of 'slo'; did you mean 'bandwidthMbps'\?/,
    );
    expect(e['error-message']).toContain('allowed: bandwidthMbps, maxDelayUs, maxLossPct, availability');
  });

  it('uses the body name of a leaf in the error-path (bandwidthMbps, not bandwidth-mbps)', async () => {
    const res = await post(intentBody('f2', { slo: { bandwidthMbps: -5 } }));
    expect(res.status).toBe(400);
    const e = firstError(res);
    expect(e['error-path']).toBe("/autonet-intent:intents/intent[name='f2']/slo/bandwidthMbps");
    expect(e['error-message']).toContain('from 0 to 1000000000');
  });

  it('lists the allowed values of an enumeration and suggests the nearest', async () => {
    const res = await post(intentBody('f3', { sle: { protection: 'srlg-disjointt' } }));
    expect(res.status).toBe(400);
    const e = firstError(res);
    expect(e['error-path']).toBe("/autonet-intent:intents/intent[name='f3']/sle/protection");
    expect(e['error-message']).toMatch(/did you mean 'srlg-disjoint'\?/);
    expect(e['error-message']).toContain('none, link-disjoint, node-disjoint, srlg-disjoint');
  });

  it('states the range of a number out of range', async () => {
    const e = firstError(await post(intentBody('f4', { priority: 9 })));
    expect(e['error-path']).toBe("/autonet-intent:intents/intent[name='f4']/priority");
    expect(e['error-message']).toContain('from 0 (lowest) to 7 (highest)');
  });

  it("accepts a node's display name and says which node was meant", async () => {
    const res = await post(intentBody('f5', { endpoints: { a: 'New York', b: 'los angeles' } }));
    expect(res.status).toBe(200);
    expect(res.body.endpoints).toEqual({ a: 'NewYork', b: 'LosAngeles' });
    expect(res.body.notes).toEqual([
      "endpoints.a: 'New York' is the display name of node 'NewYork'; using the id",
      "endpoints.b: 'los angeles' is the display name of node 'LosAngeles'; using the id",
    ]);
  });

  it('suggests the node meant for a misspelt endpoint', async () => {
    const res = await post(intentBody('f6', { endpoints: { a: 'NewYork', b: 'Seatle' } }));
    expect(res.status).toBe(400);
    expect(firstError(res)['error-message']).toMatch(/'Seatle' is not a node .*did you mean 'Seattle'\?/);
  });

  it('keeps its tables true to the YANG modules', async () => {
    const yang = ['autonet-intent.yang', 'autonet-types.yang']
      .map((f) => readFileSync(join(packageRoot(), 'yang', f), 'utf8'))
      .join('\n');
    // every hyphenated leaf of an intent is renamed for the body
    const intent = readFileSync(join(packageRoot(), 'yang', 'autonet-intent.yang'), 'utf8');
    for (const m of intent.matchAll(/leaf ([a-z]+-[a-z-]+) \{/g)) expect(YANG_TO_BODY[m[1]!]).toBeDefined();
    for (const [path, a] of Object.entries(ALLOWED)) {
      for (const v of a.values ?? []) {
        if (path === 'kind') continue;
        expect(yang).toMatch(new RegExp(`enum ${v} \\{`));
      }
    }
    // every enumeration value listed is accepted by the real validator, and every container is listed
    for (const v of ALLOWED['sle/protection']!.values!) {
      const res = await post(intentBody(`p-${v}`, { sle: { protection: v } }));
      const errors = res.status === 400 ? restconfErrors(res.body) : [];
      expect(errors.map((e) => e['error-path'] ?? '')).not.toContain(
        `/autonet-intent:intents/intent[name='p-${v}']/sle/protection`,
      );
    }
    expect(Object.keys(INTENT_MEMBERS).sort()).toEqual(['', 'classification', 'endpoints', 'sle', 'slo']);
  });
});
