/**
 * gNMI over TLS with username/password metadata (gNMI specification 3.1): the simulator's gNMI server with a
 * CA generated at test time, the controller's own gNMI driver as client, and Debian's openssl s_client for
 * the handshake. Wrong or missing credentials, a plaintext client and an untrusting client are all refused.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { GnmiNeDriver, gnmiChannelCredentials } from '../../src/adapters/drivers/gnmi';
import { nodeId } from '../../src/core/model/ids';
import { SidTable } from '../../src/core/topology';
import type { SrPolicyConfig, TelemetrySample } from '../../src/ports/ne-driver.port';
import { SimEngine } from '../../simulators/engine';
import { diamond } from '../../simulators/engine/sim.fixtures';
import { startGnmiServer, type GnmiServerHandle } from '../../simulators/gnmi';
import { makeTestPki } from './test-ca';
import type { TestPki } from './test-ca';

const topology = diamond([{ from: 'A', to: 'E', mbps: 100 }]);
const sids = SidTable.allocate(topology);
const A = nodeId('A');
const USER = { username: 'autonet', password: 'correct horse battery staple' };

const policy = (name: string): SrPolicyConfig => ({
  name,
  headend: A,
  color: 10,
  endpoint: sids.endSid(nodeId('E')).sid,
  candidatePaths: [{ preference: 100, segmentLists: [{ weight: 1, sids: [sids.endSid(nodeId('F')).sid] }] }],
});

describe('gNMI over TLS with username/password metadata', () => {
  let pki: TestPki;
  let engine: SimEngine;
  let server: GnmiServerHandle;
  let timer: NodeJS.Timeout;
  const drivers: GnmiNeDriver[] = [];

  const driver = (credentials: ReturnType<typeof gnmiChannelCredentials>): GnmiNeDriver => {
    const d = new GnmiNeDriver({
      address: `localhost:${server.port}`,
      targets: engine.nodeIds().map(nodeId),
      credentials,
      requestTimeoutMs: 5000,
      backoff: { initialMs: 20, maxMs: 200 },
    });
    drivers.push(d);
    return d;
  };

  beforeAll(async () => {
    pki = makeTestPki();
    engine = new SimEngine({ topology, seed: 5 });
    timer = setInterval(() => engine.step(), 10);
    server = await startGnmiServer(engine, {
      port: 0,
      tls: { cert: readFileSync(pki.serverCert), key: readFileSync(pki.serverKey) },
      users: [USER],
    });
  }, 60_000);

  afterAll(async () => {
    for (const d of drivers) await d.close();
    await server.close();
    clearInterval(timer);
    rmSync(pki.dir, { recursive: true, force: true });
  });

  it('installs, reads and streams with the right CA and credentials', async () => {
    const d = driver(gnmiChannelCredentials({ ca: readFileSync(pki.caCert) }, USER));
    const [set] = await d.setPolicies([policy('tls-1')]);
    expect(set).toMatchObject({ ok: true });
    const [held] = await d.getPolicies([A]);
    expect(held?.ok && held.value.map((p) => p.name)).toEqual(['tls-1']);
    const got: TelemetrySample[] = [];
    const sub = await d.subscribe([A], (s) => got.push(s), { sampleIntervalMs: 1000 });
    const end = Date.now() + 20_000;
    while (got.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    await sub.close();
    expect(got.length).toBeGreaterThan(0);
  }, 60_000);

  it.each([
    ['a wrong password', { username: USER.username, password: 'wrong' }],
    ['an unknown user', { username: 'mallory', password: USER.password }],
    ['no credentials', undefined],
  ])('refuses %s (UNAUTHENTICATED)', async (_what, user) => {
    const d = driver(gnmiChannelCredentials({ ca: readFileSync(pki.caCert) }, user));
    const [r] = await d.getPolicies([A]);
    expect(r?.ok).toBe(false);
    expect(!r?.ok && r?.error.message).toMatch(/username\/password|UNAUTHENTICATED/i);
    const [s] = await d.setPolicies([policy('must-not-land')]);
    expect(s?.ok).toBe(false);
    expect(engine.policies(A).some((p) => p.name === 'must-not-land')).toBe(false);
  });

  it('fails closed against a server whose certificate it cannot verify, and in plaintext', async () => {
    const untrusting = driver(gnmiChannelCredentials({}, USER)); // system roots only: the test CA is unknown
    expect((await untrusting.getPolicies([A]))[0]?.ok).toBe(false);
    const plaintext = driver(gnmiChannelCredentials(undefined));
    expect((await plaintext.getPolicies([A]))[0]?.ok).toBe(false);
  }, 60_000);

  it('takes tls and user as driver options too', async () => {
    const d = new GnmiNeDriver({
      address: `127.0.0.1:${server.port}`,
      targets: [A],
      tls: { ca: readFileSync(pki.caCert) },
      user: USER,
      requestTimeoutMs: 5000,
    });
    drivers.push(d);
    expect((await d.getPolicies([A]))[0]?.ok).toBe(true);
  });

  it('never sends a password without TLS', () => {
    expect(() => gnmiChannelCredentials(undefined, USER)).toThrow(/TLS/);
  });

  it('completes a verified TLS handshake with openssl s_client ', async () => {
    const out = await new Promise<string>((resolve) => {
      const child = execFile(
        'openssl',
        [
          's_client',
          '-connect',
          `127.0.0.1:${server.port}`,
          '-servername',
          'localhost',
          '-CAfile',
          pki.caCert,
          '-verify_return_error',
          '-brief',
        ],
        { timeout: 30_000 },
        (_err, stdout, stderr) => resolve(stdout + stderr),
      );
      child.stdin?.end('');
    });
    expect(out).toMatch(/Verification: OK|Verify return code: 0/);
    expect(out).toMatch(/Protocol version: TLSv1\.[23]/);
  }, 60_000);
});
