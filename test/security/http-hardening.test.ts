/** Host/Origin checks (DNS rebinding), security headers, strict JSON bodies and per-client rate limits. */
import request from 'supertest';
import { restconfErrors } from '../api/api-harness';
import { startSecureApi } from './secure-harness';
import type { SecureApi } from './secure-harness';

describe('HTTP hardening', () => {
  let api: SecureApi;
  let auth: string;

  beforeAll(async () => {
    api = await startSecureApi({ allowedHosts: 'autonet.example.net', rateLimitPerMinute: 0 });
    auth = `Bearer ${api.adminToken}`;
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it.each([
    ['rebinding.attacker.example', 403],
    ['rebinding.attacker.example:8080', 403],
    ['localhost:8080', 200],
    ['127.0.0.1:8080', 200],
    ['[::1]:8080', 200],
    ['192.0.2.10', 200],
    ['autonet.example.net', 200],
    ['AUTONET.example.net:443', 200],
  ])('Host %s → %i', async (host, status) => {
    await request(api.http)
      .get('/api/v1/intents')
      .set('host', host)
      .set('authorization', auth)
      .expect(status);
  });

  it.each([
    ['http://evil.example', 403],
    ['http://192.0.2.66', 403],
    ['null', 403],
    ['http://autonet.example.net', 200],
  ])('Origin %s → %i', async (origin, status) => {
    await request(api.http)
      .get('/api/v1/intents')
      .set('origin', origin)
      .set('authorization', auth)
      .expect(status);
  });

  it('accepts the same origin (the dashboard)', async () => {
    const res = await request(api.http)
      .get('/api/v1/intents')
      .set('host', '127.0.0.1:9')
      .set('origin', 'http://127.0.0.1:9')
      .set('authorization', auth);
    expect(res.status).toBe(200);
  });

  it('sends security headers (helmet); no HSTS or upgrade on plain HTTP', async () => {
    const res = await request(api.http).get('/').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  const post = (body: string) =>
    request(api.http)
      .post('/api/v1/intents')
      .set('authorization', auth)
      .set('content-type', 'application/json')
      .send(body);

  it.each([
    ['{"name":"a","name":"b"}', '/name', /duplicate/],
    ['{"slo":{"x":1,"x":2}}', '/slo/x', /duplicate/],
    ['{"__proto__":{"admin":true}}', '/__proto__', /not allowed/],
    ['{"a":[1,{"constructor":{}}]}', '/a/1/constructor', /not allowed/],
    ['{"prototype":1}', '/prototype', /not allowed/],
    [
      `${'['.repeat(33)}${']'.repeat(33)}`,
      '/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0',
      /nesting/,
    ],
    [`{"a":${'{"b":'.repeat(5000)}1${'}'.repeat(5001)}`, undefined, /nesting/],
    ['{"a":', undefined, /invalid JSON|malformed/],
  ])('refuses %s with 400 at %s', async (body, path, message) => {
    const res = await post(body).expect(400);
    const [error] = restconfErrors(res.body);
    expect(error!['error-tag']).toBe('malformed-message');
    if (path !== undefined) expect(error!['error-path']).toBe(path);
    expect(error!['error-message']).toMatch(message);
  });

  it('does not mistake keys inside strings or escaped names for members', async () => {
    const res = await post('{"name":"x\\"name\\":","description":"{\\"name\\":1, \\"name\\":2}"}');
    expect(res.status).toBe(400); // refused by the intent model, not by the JSON reader
    expect(restconfErrors(res.body)[0]!['error-tag']).not.toBe('malformed-message');
  });

  it('counts refusals by reason in /metrics (they never reach a route)', async () => {
    const text = (await request(api.http).get('/metrics').set('authorization', auth).expect(200)).text;
    const count = (reason: string): number =>
      Number(new RegExp(`autonet_http_refused_total\\{reason="${reason}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    expect(count('host')).toBeGreaterThanOrEqual(2);
    expect(count('origin')).toBeGreaterThanOrEqual(3);
    expect(count('malformed-body')).toBeGreaterThanOrEqual(8);
  });

  it('never answers 500 and never leaks a stack', () => {
    expect(api.unexpected).toEqual([]);
  });
});

describe('per-client rate limit', () => {
  let api: SecureApi;

  beforeAll(async () => {
    api = await startSecureApi({ rateLimitPerMinute: 5 });
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('answers 429 with an RFC 8040 body past the limit, per client', async () => {
    const viewer = await api.tokenFor('v', 'viewer'); // 1 request by admin
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await request(api.http).get('/api/v1/intents').set('authorization', `Bearer ${viewer}`);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(restconfErrors(res.body)[0]!['error-tag']).toBe('resource-denied');
        expect(res.headers['ratelimit']).toBeDefined();
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // the admin is another client: still within its own budget
    await request(api.http)
      .get('/api/v1/intents')
      .set('authorization', `Bearer ${api.adminToken}`)
      .expect(200);
    expect(api.warnings.some((w) => w.message === 'rate limit exceeded')).toBe(true);
  });
});
