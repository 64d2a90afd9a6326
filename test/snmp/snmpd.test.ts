/**
 * Interop: the SNMP driver polls Debian's snmpd (package `snmpd`), started by this test on 127.0.0.1 with a
 * temporary configuration and stopped by pid, over v2c and v3 authPriv SHA/AES, and sees the real `lo`
 * interface counters grow (the polls themselves cross lo).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeId } from '../../src/core/model/ids';
import { SnmpNeDriver } from '../../src/adapters/drivers/snmp';
import type { TelemetrySample } from '../../src/ports/ne-driver.port';

type Counters = Extract<TelemetrySample, { kind: 'interface-counters' }>;
const until = async (what: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

function freeUdpPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

jest.setTimeout(60_000);

describe('SnmpNeDriver polling Debian snmpd', () => {
  let dir: string;
  let snmpd: ChildProcess;
  let port: number;
  let log = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'autonet-snmpd-'));
    port = await freeUdpPort();
    const conf = join(dir, 'snmpd.conf');
    writeFileSync(
      conf,
      [
        `agentAddress udp:127.0.0.1:${port}`,
        'rocommunity autonet-ro 127.0.0.1',
        'createUser pollv3 SHA authpass123 AES privpass123',
        'rouser pollv3 priv',
        '',
      ].join('\n'),
    );
    snmpd = spawn('/usr/sbin/snmpd', ['-f', '-Lo', '-C', '-c', conf, '-p', join(dir, 'snmpd.pid')], {
      env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    snmpd.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    snmpd.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    await until(() => /NET-SNMP version/.test(log) || snmpd.exitCode !== null);
    if (snmpd.exitCode !== null) throw new Error(`snmpd exited: ${log}`);
  });

  afterAll(async () => {
    if (snmpd.pid !== undefined && snmpd.exitCode === null) {
      const exited = new Promise((r) => snmpd.once('exit', r));
      process.kill(snmpd.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['v2c', { community: 'autonet-ro' }],
    ['v3 authPriv SHA/AES', { v3: { user: 'pollv3', authKey: 'authpass123', privKey: 'privpass123' } }],
  ])('%s: sees the lo interface and its counters grow', async (_name, credentials) => {
    const ne = nodeId('debian-snmpd');
    const driver = await SnmpNeDriver.create({
      targets: [{ ne, host: '127.0.0.1', port, ...credentials }],
      timeoutMs: 1000,
    });
    const samples: TelemetrySample[] = [];
    const sub = await driver.subscribe([ne], (s) => samples.push(s), { sampleIntervalMs: 500 });
    const lo = () =>
      samples.filter((s): s is Counters => s.kind === 'interface-counters' && s.interface === 'lo');
    // snmpd caches its interface table for a few seconds: wait for a poll past the cache
    const grown = () => lo().some((s) => s.inOctets > (lo()[0]?.inOctets ?? s.inOctets));
    try {
      await until(grown, 20_000);
    } finally {
      await sub.close();
      await driver.close();
    }
    const first = lo()[0]!;
    const last = lo().at(-1)!;
    expect(typeof first.inOctets).toBe('bigint');
    expect(last.inOctets).toBeGreaterThan(first.inOctets);
    expect(last.outPkts).toBeGreaterThan(first.outPkts!);
    expect(samples.find((s) => s.kind === 'oper-status' && s.interface === 'lo')).toMatchObject({
      status: 'up',
    });
    expect(lo().some((s) => s.discontinuity)).toBe(false);
  });
});
