import request from 'supertest';
import { intentBody, restconfErrors, startApi } from './api-harness';
import type { Api } from './api-harness';

/**
 * Every kind of bad request gets a clear RFC 8040 error body (never HTML), the server stays up, and nothing
 * is stored, reserved or deployed.
 */
describe('API errors (RFC 8040)', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  async function expectUnchanged(): Promise<void> {
    const health = await request(api.http).get('/api/v1/health');
    expect(health.status).toBe(200);
    expect(api.store.listIntents()).toEqual([]);
    expect(api.store.reservations()).toEqual([]);
    expect(api.store.audit()).toEqual([]);
    expect(api.driver.policyCount()).toBe(0);
  }

  async function expectError(
    res: request.Response,
    status: number,
    tag: string | RegExp,
  ): Promise<Record<string, unknown>> {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/yang-data\+json/);
    const [first] = restconfErrors(res.body);
    expect(first?.['error-tag']).toMatch(tag);
    expect(typeof first?.['error-message']).toBe('string');
    await expectUnchanged();
    return first!;
  }

  it('malformed JSON → 400 malformed-message', async () => {
    const res = await request(api.http)
      .post('/api/v1/intents')
      .set('content-type', 'application/json')
      .send('{"name": "x",');
    await expectError(res, 400, 'malformed-message');
  });

  it('unknown field → 400 naming the element', async () => {
    const res = await request(api.http)
      .post('/api/v1/intents')
      .send(intentBody('u', { colour: 'blue' }));
    const e = await expectError(res, 400, /unknown-element|invalid-value|malformed-message/);
    expect(JSON.stringify(e)).toMatch(/colour/);
  });

  it('wrong type → 400 with an error-path', async () => {
    const res = await request(api.http)
      .post('/api/v1/intents')
      .send(intentBody('t', { priority: 'high' }));
    const e = await expectError(res, 400, /invalid-value|malformed-message/);
    expect(JSON.stringify(e)).toMatch(/priority/);
  });

  it('negative bandwidth → 400', async () => {
    const res = await request(api.http)
      .post('/api/v1/intents')
      .send(intentBody('n', { slo: { bandwidthMbps: -5 } }));
    const e = await expectError(res, 400, /invalid-value|malformed-message/);
    expect(JSON.stringify(e)).toMatch(/bandwidth/);
  });

  it('missing mandatory member → 400', async () => {
    const body: Record<string, unknown> = intentBody('m');
    delete body['endpoints'];
    await expectError(
      await request(api.http).post('/api/v1/intents').send(body),
      400,
      /missing-element|invalid-value/,
    );
  });

  it('unknown endpoint node (semantic) → 400 with error-path to the endpoint', async () => {
    const res = await request(api.http)
      .post('/api/v1/intents')
      .send(intentBody('e', { endpoints: { a: 'NewYork', b: 'Atlantis' } }));
    const e = await expectError(res, 400, 'invalid-value');
    expect(e['error-path']).toBe("/autonet-intent:intents/intent[name='e']/endpoints/b");
  });

  it('unknown slice (semantic) → 400', async () => {
    const res = await request(api.http)
      .post('/api/v1/intents')
      .send(intentBody('s', { slice: 'nope' }));
    await expectError(res, 400, 'invalid-value');
  });

  it('infeasible (more than any link carries) → 422 naming the blocking constraint', async () => {
    const res = await request(api.http)
      .post('/api/v1/intents')
      .send(intentBody('big', { slo: { bandwidthMbps: 50_000 } }));
    const e = await expectError(res, 422, 'operation-failed');
    expect(e['error-app-tag']).toBe('autonet:infeasible');
    const blocking = (e['error-info'] as { 'autonet:blocking': { constraint: string }[] })[
      'autonet:blocking'
    ];
    expect(blocking.length).toBeGreaterThan(0);
    expect(blocking[0]!.constraint).toMatch(/bandwidth/);
  });

  it('infeasible delay bound → 422', async () => {
    const res = await request(api.http)
      .post('/api/v1/intents')
      .send(intentBody('slow', { slo: { bandwidthMbps: 10, maxDelayUs: 100 } }));
    await expectError(res, 422, 'operation-failed');
  });

  it('a 10 MB body → 413 too-big', async () => {
    const huge = intentBody('huge', { pad: 'x'.repeat(10 * 1024 * 1024) });
    const res = await request(api.http).post('/api/v1/intents').send(huge);
    await expectError(res, 413, 'too-big');
  });

  it('unknown intent → 404; unknown endpoint URL → 404; both RFC 8040', async () => {
    await expectError(await request(api.http).get('/api/v1/intents/nope'), 404, 'invalid-value');
    await expectError(await request(api.http).delete('/api/v1/intents/nope'), 404, 'invalid-value');
    await expectError(await request(api.http).get('/api/v1/nothing-here'), 404, 'invalid-value');
    await expectError(await request(api.http).post('/api/v1/intents/nope/retry'), 404, 'invalid-value');
  });

  it('a PUT whose body names another intent → 400', async () => {
    const res = await request(api.http).put('/api/v1/intents/one').send(intentBody('two'));
    await expectError(res, 400, 'invalid-value');
  });

  it('a JSON array or a string instead of an object → 400', async () => {
    await expectError(
      await request(api.http)
        .post('/api/v1/intents')
        .send([intentBody('arr')]),
      400,
      /malformed-message|invalid-value|unknown-element/,
    );
    await expectError(
      await request(api.http)
        .post('/api/v1/intents')
        .set('content-type', 'application/json')
        .send('"just a string"'),
      400,
      /malformed-message/,
    );
  });

  it('has not reported any unexpected (500) error', () => {
    expect(api.unexpected).toEqual([]);
  });
});
