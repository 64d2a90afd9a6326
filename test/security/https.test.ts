/**
 * HTTPS end to end, as an operator runs it: `autonet serve --tls-cert --tls-key` as a real process, checked
 * with Debian's `openssl s_client` and `curl --cacert`; the CLI over HTTPS with AUTONET_TOKEN; and no token
 * ever in the controller's log (pino on stderr, at debug level), whatever requests it saw.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { makeTestPki } from './test-ca';
import type { TestPki } from './test-ca';

const RUN_TS = join(__dirname, '..', 'api', 'run-ts.cjs');

function run(
  cmd: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { env: options.env ?? process.env, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

describe('HTTPS: openssl s_client, curl, the CLI; tokens never logged', () => {
  let pki: TestPki;
  let server: ChildProcess;
  let dataDir: string;
  let base: string;
  let adminToken: string;
  let stderr = '';
  const secrets: string[] = [];

  beforeAll(async () => {
    pki = makeTestPki();
    dataDir = mkdtempSync(join(tmpdir(), 'autonet-https-'));
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
        '--tls-cert',
        pki.serverCert,
        '--tls-key',
        pki.serverKey,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AUTONET_LOG_LEVEL: 'debug' } },
    );
    server.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      createInterface({ input: server.stdout! }).once('line', resolve);
    });
    const summary = JSON.parse(line) as { listening: string; dashboard: string };
    base = summary.listening;
    expect(base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    adminToken = new URL(summary.dashboard).searchParams.get('token')!;
    expect(readFileSync(join(dataDir, 'admin.token'), 'utf8').trim()).toBe(adminToken);
    secrets.push(adminToken);
  }, 90_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(pki.dir, { recursive: true, force: true });
  });

  const port = () => new URL(base).port;

  it('completes a verified handshake with openssl s_client', async () => {
    const res = await run(
      'openssl',
      [
        's_client',
        '-connect',
        `127.0.0.1:${port()}`,
        '-servername',
        'localhost',
        '-CAfile',
        pki.caCert,
        '-verify_return_error',
        '-brief',
      ],
      { input: 'Q\n' },
    );
    const out = res.stdout + res.stderr;
    expect(out).toMatch(/Verification: OK|Verify return code: 0/);
    expect(out).toMatch(/Protocol version: TLSv1\.[23]/);
  });

  it('serves the API to curl --cacert, refuses curl without the CA, and sends HSTS', async () => {
    const ok = await run('curl', [
      '-sS',
      '-i',
      '--cacert',
      pki.caCert,
      `https://localhost:${port()}/api/v1/health`,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(ok.stdout.toLowerCase()).toContain('strict-transport-security: max-age=');
    const anonymous = await run('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--cacert',
      pki.caCert,
      `https://localhost:${port()}/api/v1/intents`,
    ]);
    expect(anonymous.stdout).toBe('401');
    const authed = await run('curl', [
      '-sS',
      '--cacert',
      pki.caCert,
      '-H',
      `Authorization: Bearer ${adminToken}`,
      `https://127.0.0.1:${port()}/api/v1/intents`,
    ]);
    expect(JSON.parse(authed.stdout)).toEqual({ intents: [] });
    const untrusted = await run('curl', [
      '-sS',
      '-o',
      '/dev/null',
      `https://localhost:${port()}/api/v1/health`,
    ]);
    expect(untrusted.code).toBe(60); // peer certificate cannot be authenticated
    const plain = await run('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      `http://127.0.0.1:${port()}/api/v1/health`,
    ]);
    expect(plain.stdout).not.toBe('200');
  });

  it('creates a token with the CLI over HTTPS (the token is the last line), and refuses a weaker caller', async () => {
    const env = { ...process.env, AUTONET_TOKEN: adminToken, NODE_EXTRA_CA_CERTS: pki.caCert };
    const created = await run(
      process.execPath,
      [RUN_TS, 'auth', 'token', 'create', '--name', 'ops', '--role', 'operator', '--server', base],
      { env },
    );
    expect(created.code).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^an_[A-Za-z0-9_-]{43}$/);
    secrets.push(token);
    const denied = await run(process.execPath, [RUN_TS, 'auth', 'token', 'list', '--server', base], {
      env: { ...env, AUTONET_TOKEN: token },
    });
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/403|may not/);
  }, 180_000);

  it('never writes a token to its log, whatever it was sent', async () => {
    const forged = 'an_forgedTokenThatMustNotAppearInLogs0000000000';
    secrets.push(forged);
    const curl = (...args: string[]) =>
      run('curl', ['-sS', '-o', '/dev/null', '--cacert', pki.caCert, ...args]);
    await curl('-H', `Authorization: Bearer ${forged}`, `https://localhost:${port()}/api/v1/intents`);
    await curl(
      '-X',
      'POST',
      '-H',
      `Authorization: Bearer ${forged}`,
      `https://localhost:${port()}/api/v1/intents`,
    );
    await curl('-m', '2', `https://localhost:${port()}/api/v1/intents/events?access_token=${forged}`);
    await curl(
      '-H',
      `Authorization: Bearer ${secrets[0]}`,
      '-H',
      'content-type: application/json',
      '-d',
      '{"a":1,"a":2}',
      `https://localhost:${port()}/api/v1/intents`,
    );
    await curl(
      '-H',
      'Host: evil.example',
      '-H',
      `Authorization: Bearer ${forged}`,
      `https://127.0.0.1:${port()}/api/v1/intents`,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(stderr).toMatch(/unauthenticated request refused/); // the log did see the refusals…
    for (const s of secrets) expect(stderr.includes(s)).toBe(false); // …and none of the credentials
  }, 60_000);
});
