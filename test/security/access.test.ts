/**
 * Access control, driven by the OpenAPI document so every endpoint added later is covered: anonymous callers
 * get 401, under-privileged ones 403, and neither changes anything. Roles: viewer < operator < engineer < admin.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { hashToken } from '../../src/app/auth';
import { loadConfig } from '../../src/config';
import { restconfErrors } from '../api/api-harness';
import { startSecureApi } from './secure-harness';
import type { SecureApi } from './secure-harness';

const ROLES = ['viewer', 'operator', 'engineer', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** The contract of the issue, written independently of src/app/auth/access.policy.ts. */
function needed(method: string, path: string): Role | 'public' {
  if (/^\/api\/v1\/(health|ready)$/.test(path) && method === 'get') return 'public';
  if (/^\/api\/v1\/(auth|audit|settings)(\/|$)/.test(path)) return 'admin';
  if (method === 'get') return 'viewer';
  if (/^\/api\/v1\/incidents\/\{[^}]+\}\/(approve|reject)$/.test(path)) return 'operator';
  if (/^\/api\/v1\/intents\/\{[^}]+\}\/retry$/.test(path)) return 'operator';
  return 'engineer';
}

const concrete = (path: string): string => path.replace(/\{[^}]+\}/g, 'sec-probe');

describe('access control on every endpoint of the OpenAPI document', () => {
  let api: SecureApi;
  const tokens = {} as Record<Role, string>;
  let operations: { method: string; path: string }[];

  beforeAll(async () => {
    api = await startSecureApi();
    tokens.admin = api.adminToken;
    for (const role of ['viewer', 'operator', 'engineer'] as const)
      tokens[role] = await api.tokenFor(role, role);
    const doc = await request(api.http).get('/api/docs/openapi.json').expect(200);
    operations = Object.entries((doc.body as { paths: Record<string, object> }).paths).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => ({ method, path })),
    );
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  const send = (method: string, path: string, token?: string) => {
    const req = (request(api.http) as unknown as Record<string, (p: string) => request.Test>)[method]!(
      concrete(path),
    );
    if (token !== undefined) req.set('authorization', `Bearer ${token}`);
    return method === 'get' ? req : req.send({ name: 'sec-probe' });
  };

  it('covers the mutating endpoints', () => {
    const mutating = operations.filter((o) => o.method !== 'get');
    expect(mutating.length).toBeGreaterThanOrEqual(7);
  });

  it('refuses anonymous callers with 401 and a Bearer challenge on every non-public endpoint', async () => {
    for (const op of operations) {
      if (needed(op.method, op.path) === 'public' || op.path.endsWith('/events')) continue;
      const res = await send(op.method, op.path);
      expect({ op, status: res.status }).toEqual({ op, status: 401 });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(restconfErrors(res.body)[0]!['error-tag']).toBe('access-denied');
    }
  });

  it('cannot be bypassed by another spelling of a path (the router is case-insensitive)', async () => {
    const spellings = (p: string): string[] => [
      p.toUpperCase(),
      p.replace('/api/', '/API/'),
      p.replace('/v1/', '/V1/'),
      p.replace(/\//g, '//'),
      p.replace('/v1/', '/v1/./'),
      p.replace('/v1/', '/v1/x/../'),
      `${p}/`,
    ];
    for (const op of operations) {
      const need = needed(op.method, op.path);
      if (need === 'public' || op.path.endsWith('/events')) continue;
      for (const variant of spellings(op.path)) {
        const anonymous = await send(op.method, variant);
        expect({ variant, ok: anonymous.status < 300 }).toEqual({ variant, ok: false });
        if (need === 'admin' || need === 'engineer') {
          const weak = await send(op.method, variant, tokens.viewer);
          expect({ variant, ok: weak.status < 300 }).toEqual({ variant, ok: false });
        }
      }
    }
  });

  it('refuses a wrong, a malformed and a revoked token', async () => {
    for (const bad of ['an_nosuchtoken', 'garbage', `${tokens.viewer}x`, 'a'.repeat(10_000)]) {
      await request(api.http).get('/api/v1/intents').set('authorization', `Bearer ${bad}`).expect(401);
    }
    const doomed = await api.tokenFor('doomed', 'engineer');
    await request(api.http).get('/api/v1/intents').set('authorization', `Bearer ${doomed}`).expect(200);
    await request(api.http)
      .delete('/api/v1/auth/tokens/doomed')
      .set('authorization', `Bearer ${tokens.admin}`)
      .expect(204);
    await request(api.http).get('/api/v1/intents').set('authorization', `Bearer ${doomed}`).expect(401);
  });

  it('refuses under-privileged callers with 403 on every endpoint, and lets the needed role through', async () => {
    let checked = 0;
    for (const op of operations) {
      const need = needed(op.method, op.path);
      if (need === 'public' || op.path.endsWith('/events')) continue;
      for (const role of ROLES) {
        const res = await send(op.method, op.path, tokens[role]);
        const allowed = ROLES.indexOf(role) >= ROLES.indexOf(need);
        if (allowed) expect({ op, role, status: res.status }).not.toEqual({ op, role, status: 403 });
        else expect({ op, role, status: res.status }).toEqual({ op, role, status: 403 });
        expect(res.status).toBeLessThan(500);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(api.unexpected).toEqual([]);
  });

  it('changes nothing for refused calls: no intent, no slice, no token, no audit entry', async () => {
    const before = await request(api.http)
      .get('/api/v1/audit?limit=1000')
      .set('authorization', `Bearer ${tokens.admin}`);
    for (const role of [undefined, 'viewer', 'operator'] as const) {
      const t = role === undefined ? undefined : tokens[role];
      await send('post', '/api/v1/intents', t).expect(role === undefined ? 401 : 403);
      await send('post', '/api/v1/slices', t).expect(role === undefined ? 401 : 403);
      await send('post', '/api/v1/auth/tokens', t).expect(role === undefined ? 401 : 403);
    }
    const after = await request(api.http)
      .get('/api/v1/audit?limit=1000')
      .set('authorization', `Bearer ${tokens.admin}`);
    expect(after.body).toEqual(before.body);
    const intents = await request(api.http)
      .get('/api/v1/intents')
      .set('authorization', `Bearer ${tokens.viewer}`);
    expect(intents.body).toEqual({ intents: [] });
    expect(api.driver.policyCount()).toBe(0);
  });

  it('audits a successful mutating call with its actor, and pages the audit trail', async () => {
    await request(api.http)
      .post('/api/v1/slices')
      .set('authorization', `Bearer ${tokens.engineer}`)
      .send({ name: 'gold', isolation: 'soft', share: 0.2 });
    const all: { seq: number; actor: string; target: string }[] = [];
    let after = 0;
    for (;;) {
      const page = await request(api.http)
        .get(`/api/v1/audit?after=${after}&limit=2`)
        .set('authorization', `Bearer ${tokens.admin}`)
        .expect(200);
      const body = page.body as { entries: typeof all; next: number | null };
      expect(body.entries.length).toBeLessThanOrEqual(2);
      all.push(...body.entries);
      if (body.next === null) break;
      after = body.next;
    }
    expect(new Set(all.map((e) => e.seq)).size).toBe(all.length);
    expect(all).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: 'admin', target: '/api/v1/auth/tokens' })]),
    );
    // ?dryRun exempts only POST /intents (which honours it), not a write that ignores it
    const sliceWrites = async (): Promise<number> => {
      const trail = await request(api.http)
        .get('/api/v1/audit?limit=1000')
        .set('authorization', `Bearer ${tokens.admin}`);
      return (trail.body as { entries: { actor: string; target: string }[] }).entries.filter(
        (e) => e.actor === 'engineer' && e.target === '/api/v1/slices',
      ).length;
    };
    const writesBefore = await sliceWrites();
    await request(api.http)
      .post('/api/v1/slices?dryRun=true')
      .set('authorization', `Bearer ${tokens.engineer}`)
      .send({ name: 'silver', isolation: 'soft', bandwidthShare: 0.1 })
      .expect(201);
    expect(await sliceWrites()).toBe(writesBefore + 1);
    await request(api.http)
      .get('/api/v1/audit?limit=100000')
      .set('authorization', `Bearer ${tokens.admin}`)
      .expect(400);
    await request(api.http)
      .get('/api/v1/audit?after=-1')
      .set('authorization', `Bearer ${tokens.admin}`)
      .expect(400);
  });

  it('streams events with the token as access_token (EventSource cannot send headers), not without', async () => {
    await request(api.http).get('/api/v1/intents/events').expect(401);
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(api.http)
        .get(`/api/v1/intents/events?access_token=${encodeURIComponent(tokens.viewer)}`)
        .buffer(false)
        .parse((r, cb) => {
          resolve(r.statusCode ?? 0);
          (r as unknown as { destroy(): void }).destroy();
          cb(null, null);
        });
      req.end((err: Error | null) =>
        err && !/aborted|socket hang up/i.test(String(err)) ? reject(err) : undefined,
      );
    });
    expect(res).toBe(200);
    // the query parameter works only for event streams
    await request(api.http).get(`/api/v1/intents?access_token=${tokens.viewer}`).expect(401);
  });

  it('stores only hashes, and writes the first admin token to admin.token with mode 0600', () => {
    const file = join(api.dataDir, 'admin.token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(tokens.admin);
    for (const f of ['autonet.db', 'autonet.db-wal']) {
      const raw = readFileSync(join(api.dataDir, f)).toString('latin1');
      for (const t of Object.values(tokens)) expect(raw.includes(t)).toBe(false);
    }
    const wal = readFileSync(join(api.dataDir, 'autonet.db-wal')).toString('latin1');
    expect(wal.includes(hashToken(tokens.viewer))).toBe(true);
  });

  it('declares bearer authentication in the OpenAPI document (Swagger UI can send the token)', async () => {
    const doc = await request(api.http).get('/api/docs/openapi.json').expect(200);
    const body = doc.body as {
      components: { securitySchemes: Record<string, unknown> };
      security: unknown[];
    };
    expect(body.components.securitySchemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(body.security).toEqual([{ bearer: [] }]);
  });

  it('leaves health public (orchestrators) and keeps the dashboard page public (it holds no data)', async () => {
    await request(api.http).get('/api/v1/health').expect(200);
    await request(api.http).get('/').expect(200);
  });
});

describe('--auth none', () => {
  it('is refused on a non-loopback address', () => {
    expect(() => loadConfig({}, { auth: 'none', host: '0.0.0.0' })).toThrow(/auth.*loopback/);
    expect(() => loadConfig({}, { auth: 'none', host: '192.0.2.1' })).toThrow(/loopback/);
    expect(loadConfig({}, { auth: 'none', host: '127.0.0.1' }).auth).toBe('none');
  });
});
