/**
 * `autonet auth token …` and `autonet audit` against a running controller (AUTONET_TOKEN) and offline on a
 * data directory; every command sends AUTONET_TOKEN. The CLI's main() runs in-process (as bin/autonet does).
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { startSecureApi } from './secure-harness';
import type { SecureApi } from './secure-harness';

async function cli(args: string[], token?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  const saved = process.env['AUTONET_TOKEN'];
  if (token === undefined) delete process.env['AUTONET_TOKEN'];
  else process.env['AUTONET_TOKEN'] = token;
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    if (saved === undefined) delete process.env['AUTONET_TOKEN'];
    else process.env['AUTONET_TOKEN'] = saved;
  }
}

const lastLine = (s: string): string => s.trim().split('\n').at(-1)!;

describe('autonet auth / audit against a running controller', () => {
  let api: SecureApi;
  let server: string;

  beforeAll(async () => {
    api = await startSecureApi({ rateLimitPerMinute: 0 });
    await api.app.listen(0, '127.0.0.1');
    server = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('creates (token last), lists (no secrets) and revokes; the new token works until revoked', async () => {
    const created = await cli(
      ['auth', 'token', 'create', '--name', 'eng', '--role', 'engineer', '--server', server],
      api.adminToken,
    );
    expect(created.code).toBe(0);
    const token = lastLine(created.out);
    expect(token).toMatch(/^an_[A-Za-z0-9_-]{43}$/);
    const listed = await cli(['auth', 'token', 'list', '--json', '--server', server], api.adminToken);
    expect(JSON.parse(listed.out)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'eng', role: 'engineer', createdBy: 'admin' }),
      ]),
    );
    expect(listed.out).not.toContain(token);
    expect((await cli(['intent', 'list', '--server', server], token)).code).toBe(0);
    expect((await cli(['auth', 'token', 'revoke', 'eng', '--server', server], api.adminToken)).code).toBe(0);
    const after = await cli(['intent', 'list', '--server', server], token);
    expect(after.code).not.toBe(0);
    expect(after.err).toMatch(/401|authentication required/);
  });

  it('refuses without a token or with a weaker one', async () => {
    expect((await cli(['intent', 'list', '--server', server])).err).toMatch(/401/);
    const viewer = await api.tokenFor('cli-viewer', 'viewer');
    const r = await cli(
      ['auth', 'token', 'create', '--name', 'x', '--role', 'admin', '--server', server],
      viewer,
    );
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/403|may not/);
  });

  it('pages through the audit trail with autonet audit --all', async () => {
    for (let i = 0; i < 5; i++) await api.tokenFor(`audit-${i}`, 'viewer');
    const r = await cli(['audit', '--json', '--all', '--limit', '2', '--server', server], api.adminToken);
    expect(r.code).toBe(0);
    const entries = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; actor: string });
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
    expect(new Set(entries.map((e) => e.actor))).toContain('admin');
  });
});

describe('autonet auth token on a data directory (no controller running)', () => {
  it('creates, lists and revokes, refusing duplicates and unknown roles', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'autonet-cli-auth-'));
    try {
      const created = await cli([
        'auth',
        'token',
        'create',
        '--name',
        'ops',
        '--role',
        'operator',
        '--data-dir',
        dataDir,
      ]);
      expect(created.code).toBe(0);
      expect(lastLine(created.out)).toMatch(/^an_/);
      expect(
        (await cli(['auth', 'token', 'create', '--name', 'ops', '--role', 'viewer', '--data-dir', dataDir]))
          .err,
      ).toMatch(/CONFLICT/);
      expect(
        (await cli(['auth', 'token', 'create', '--name', 'x', '--role', 'root', '--data-dir', dataDir])).code,
      ).toBe(1);
      expect((await cli(['auth', 'token', 'list', '--data-dir', dataDir])).out).toMatch(/ops\toperator/);
      expect((await cli(['auth', 'token', 'revoke', 'ops', '--data-dir', dataDir])).code).toBe(0);
      expect((await cli(['auth', 'token', 'revoke', 'ops', '--data-dir', dataDir])).err).toMatch(/NOT_FOUND/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
