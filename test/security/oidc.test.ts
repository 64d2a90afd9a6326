/**
 * Optional OIDC: `autonet serve --oidc-issuer --oidc-audience --oidc-jwks <url>` accepts JWTs signed by the
 * issuer's keys (verified with `jose` in the controller), takes the role from a claim, and refuses anything
 * else. The key pair is generated here; the JWKS is served by a local HTTP server.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createSign, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const RUN_TS = join(__dirname, '..', 'api', 'run-ts.cjs');
const ISSUER = 'https://idp.example.test/realms/noc';
const AUDIENCE = 'autonet';

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A compact JWS (ES256) over the claims; `over` lets a test forge or break parts. */
function jwt(key: KeyObject, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'ES256', typ: 'JWT', kid: 'k1', ...header });
  const body = b64({ iss: ISSUER, aud: AUDIENCE, sub: 'alice', iat: now, exp: now + 300, ...claims });
  const signer = createSign('SHA256');
  signer.update(`${head}.${body}`);
  const sig = signer.sign({ key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return `${head}.${body}.${sig}`;
}

describe('OIDC JWTs (jose, JWKS over HTTP)', () => {
  const issuer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let jwks: Server;
  let server: ChildProcess;
  let dataDir: string;
  let base: string;
  let stderr = '';

  beforeAll(async () => {
    const publicJwk = { ...issuer.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    dataDir = mkdtempSync(join(tmpdir(), 'autonet-oidc-'));
    server = spawn(
      process.execPath,
      [
        RUN_TS,
        'serve',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--network',
        'memory',
        '--oidc-issuer',
        ISSUER,
        '--oidc-audience',
        AUDIENCE,
        '--oidc-jwks',
        jwksUrl,
        '--oidc-role-claim',
        'autonet_role',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AUTONET_LOG_LEVEL: 'warn' } },
    );
    server.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      createInterface({ input: server.stdout! }).once('line', resolve);
    });
    base = (JSON.parse(line) as { api: string }).api;
  }, 120_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await new Promise((r) => jwks.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (token: string, method = 'GET', path = '/intents', body?: unknown) =>
    (
      await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      })
    ).status;

  it('lets a valid token in with the role of its claim', async () => {
    expect(await call(jwt(issuer.privateKey, { autonet_role: 'viewer' }))).toBe(200);
    expect(
      await call(jwt(issuer.privateKey, { autonet_role: 'viewer' }), 'POST', '/slices', { name: 's' }),
    ).toBe(403);
    const engineer = await call(jwt(issuer.privateKey, { autonet_role: 'engineer' }), 'POST', '/slices', {
      name: 'oidc-slice',
      isolation: 'soft',
      bandwidthShare: 0.1,
    });
    expect([200, 201]).toContain(engineer);
    // an array claim: the highest known role wins
    const admin = jwt(issuer.privateKey, { autonet_role: ['viewer', 'admin', 'superuser'] });
    const audit = await fetch(`${base}/audit`, { headers: { authorization: `Bearer ${admin}` } });
    expect(audit.status).toBe(200);
    const { entries } = (await audit.json()) as { entries: { actor: string; target: string }[] };
    expect(entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: 'oidc:alice', target: '/api/v1/slices' })]),
    );
  }, 60_000);

  it.each([
    ['another key', () => jwt(stranger.privateKey, { autonet_role: 'admin' })],
    ['another issuer', () => jwt(issuer.privateKey, { autonet_role: 'admin', iss: 'https://evil.example' })],
    ['another audience', () => jwt(issuer.privateKey, { autonet_role: 'admin', aud: 'grafana' })],
    [
      'an expired token',
      () => jwt(issuer.privateKey, { autonet_role: 'admin', exp: Math.floor(Date.now() / 1000) - 600 }),
    ],
    ['no role', () => jwt(issuer.privateKey, {})],
    ['an unknown role', () => jwt(issuer.privateKey, { autonet_role: 'root' })],
    [
      'alg none',
      () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISSUER, aud: AUDIENCE, autonet_role: 'admin', exp: 9e9 })}.`,
    ],
    [
      'a tampered payload',
      () => {
        const [h, , s] = jwt(issuer.privateKey, { autonet_role: 'viewer' }).split('.');
        return `${h}.${b64({ iss: ISSUER, aud: AUDIENCE, sub: 'alice', autonet_role: 'admin', exp: 9e9 })}.${s}`;
      },
    ],
  ])('refuses %s with 401', async (_what, make) => {
    expect(await call(make())).toBe(401);
  });
});
