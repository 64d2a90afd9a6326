/**
 * SNMP trap authorisation with Debian's `snmptrap` (net-snmp tools): a linkDown with a community the
 * receiver was not configured for is refused and counted; the configured community and the configured
 * SNMPv3 authPriv user are accepted. A worker that dies later is reported (state, error count), not lost.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { SnmpTrapReceiver } from '../../src/adapters/drivers/snmp';
import type { LinkTrapEvent } from '../../src/adapters/drivers/snmp';

jest.setTimeout(60_000);
const run = promisify(execFile);

const LINK_DOWN = '1.3.6.1.6.3.1.1.5.3';
const V3 = { name: 'trapuser', authKey: 'auth-secret-123', privKey: 'priv-secret-456' };

const until = async (what: string, ok: () => boolean, ms = 15_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

let receiver: SnmpTrapReceiver;
const events: LinkTrapEvent[] = [];
const errors: string[] = [];

beforeAll(async () => {
  receiver = await SnmpTrapReceiver.start({
    port: 0,
    batchMs: 10,
    communities: ['ne1'],
    users: [{ ...V3, authProtocol: 'sha', privProtocol: 'aes' }],
    onTraps: (batch) => events.push(...batch),
    onError: (message) => errors.push(message),
  });
});
afterAll(async () => {
  await receiver?.close();
});

const v2c = (community: string, ifIndex: number): Promise<unknown> =>
  run('snmptrap', [
    '-v',
    '2c',
    '-c',
    community,
    `127.0.0.1:${receiver.port}`,
    '',
    LINK_DOWN,
    `1.3.6.1.2.1.2.2.1.1.${ifIndex}`,
    'i',
    String(ifIndex),
  ]);

it('refuses and counts a trap with a wrong community; accepts the configured one', async () => {
  await v2c('wrong-community', 7);
  await until('the refusal counted', () => receiver.stats().unauthorized >= 1);
  expect(events).toHaveLength(0);
  await v2c('ne1', 3);
  await until('the accepted trap', () => events.length === 1);
  expect(events[0]).toMatchObject({ community: 'ne1', ifIndex: 3, up: false });
  expect(receiver.stats()).toMatchObject({ unauthorized: 1, state: 'up' });
});

it('accepts an SNMPv3 authPriv trap from the configured user and refuses a wrong key', async () => {
  const before = events.length;
  const v3 = (authKey: string) =>
    run('snmptrap', [
      '-v',
      '3',
      '-u',
      V3.name,
      '-l',
      'authPriv',
      '-a',
      'SHA',
      '-A',
      authKey,
      '-x',
      'AES',
      '-X',
      V3.privKey,
      '-e',
      '0x8000000001020304',
      `127.0.0.1:${receiver.port}`,
      '',
      LINK_DOWN,
      '1.3.6.1.2.1.2.2.1.1.5',
      'i',
      '5',
    ]);
  await v3(V3.authKey);
  await until('the v3 trap', () => events.length === before + 1);
  expect(events[before]).toMatchObject({ community: V3.name, ifIndex: 5 });
  const refused = receiver.stats().unauthorized;
  await v3('not-the-auth-key');
  await until('the bad v3 trap refused', () => receiver.stats().unauthorized > refused);
  expect(events).toHaveLength(before + 1);
});

it('reports a worker that dies after start: state down, error counted and handed to onError', async () => {
  const r = await SnmpTrapReceiver.start({
    port: 0,
    communities: ['x'],
    onTraps: () => undefined,
    onError: (m) => errors.push(m),
  });
  // Kill the worker from outside, as an out-of-memory or native fault would.
  await (r as unknown as { worker: Worker }).worker.terminate();
  await until('the exit reported', () => r.stats().state === 'down');
  expect(r.stats().errors).toBeGreaterThanOrEqual(1);
  expect(r.stats().lastError).toMatch(/worker/i);
  expect(errors.some((e) => /worker/i.test(e))).toBe(true);
  await r.close();
});

it('counts a consumer that throws instead of losing the error (or the process)', async () => {
  const r = await SnmpTrapReceiver.start({
    port: 0,
    batchMs: 10,
    communities: ['ne1'],
    onTraps: () => {
      throw new Error('consumer failed');
    },
    onError: (m) => errors.push(m),
  });
  try {
    await run('snmptrap', [
      '-v',
      '2c',
      '-c',
      'ne1',
      `127.0.0.1:${r.port}`,
      '',
      LINK_DOWN,
      '1.3.6.1.2.1.2.2.1.1.2',
      'i',
      '2',
    ]);
    await until('the consumer error counted', () => r.stats().errors >= 1);
    expect(r.stats().lastError).toMatch(/consumer failed/);
    expect(r.stats().state).toBe('up');
  } finally {
    await r.close();
  }
});
