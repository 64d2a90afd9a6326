/**
 * Interop: Debian's snmpwalk/snmpbulkwalk/snmpget (package `snmp`) against the simulator's SNMP agent.
 * v2c selects the NE by community, v3 authPriv SHA/AES by context name.
 */
import { DEFAULT_V3_USER, startSnmpAgent, type SnmpAgentHandle } from '../../simulators/snmp';
import { FakeSimSource } from './fake-sim-source';
import { parseWalk, runTool, V3_ARGS } from './net-snmp-tools';

const IFX = '1.3.6.1.2.1.31.1.1.1';
const v3 = (ne: string) =>
  V3_ARGS(DEFAULT_V3_USER.name, DEFAULT_V3_USER.authKey, DEFAULT_V3_USER.privKey, ne);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('simulated SNMP agent, walked by Debian net-snmp tools', () => {
  let source: FakeSimSource;
  let agent: SnmpAgentHandle;
  let target: string;

  beforeAll(async () => {
    source = new FakeSimSource(3, 4);
    source.start(50);
    agent = await startSnmpAgent(source, { port: 0, host: '127.0.0.1' });
    target = `127.0.0.1:${agent.port}`;
  });
  afterAll(async () => {
    source.stop();
    await agent.close();
  });

  const hc = (walk: Map<string, { value: string }>, col: number, row: number): bigint =>
    BigInt(walk.get(`${IFX}.${col}.${row}`)?.value ?? 'NaN');

  it('snmpbulkwalk v2c (community = NE id) sees the NE ifXTable rows, and HC counters grow', async () => {
    const first = await runTool('snmpbulkwalk', ['-v2c', '-c', 'ne2', '-Cr25', target, IFX]);
    expect(first.code).toBe(0);
    const w1 = parseWalk(first.stdout);
    expect([1, 2, 3, 4].map((k) => w1.get(`${IFX}.1.${k}`)?.value)).toEqual(['eth1', 'eth2', 'eth3', 'eth4']);
    expect(w1.get(`${IFX}.18.1`)?.value).toMatch(/^L2-1 to /);
    expect(w1.get(`${IFX}.6.1`)?.type).toBe('Counter64');
    expect(w1.get(`${IFX}.15.1`)?.value).toBe('10000');
    expect(first.stdout).not.toMatch(/No more variables/);
    await sleep(300);
    const w2 = parseWalk((await runTool('snmpbulkwalk', ['-v2c', '-c', 'ne2', target, IFX])).stdout);
    for (const k of [1, 2, 3, 4]) {
      expect(hc(w2, 6, k)).toBeGreaterThan(hc(w1, 6, k));
      expect(hc(w2, 10, k)).toBeGreaterThan(hc(w1, 10, k));
    }
  });

  it('snmpwalk v3 authPriv SHA/AES (context = NE id) walks ifXTable and sees counters grow', async () => {
    const first = await runTool('snmpwalk', [...v3('ne3'), target, IFX]);
    expect(first.stderr).toBe('');
    const w1 = parseWalk(first.stdout);
    expect(w1.get(`${IFX}.18.2`)?.value).toMatch(/^L3-2 to /);
    await sleep(300);
    const w2 = parseWalk((await runTool('snmpbulkwalk', [...v3('ne3'), target, IFX])).stdout);
    expect(hc(w2, 6, 4)).toBeGreaterThan(hc(w1, 6, 4));
    expect(hc(w2, 11, 4)).toBeGreaterThan(hc(w1, 11, 4));
  });

  it('serves the system group and ifTable with per-NE values', async () => {
    const r = await runTool('snmpget', [
      '-v2c',
      '-c',
      'ne1',
      target,
      '1.3.6.1.2.1.1.5.0',
      '1.3.6.1.2.1.1.3.0',
      '1.3.6.1.2.1.2.1.0',
      '1.3.6.1.2.1.2.2.1.8.3',
      '1.3.6.1.2.1.2.2.1.3.3',
    ]);
    const w = parseWalk(r.stdout);
    expect(w.get('1.3.6.1.2.1.1.5.0')?.value).toBe('ne1');
    expect(w.get('1.3.6.1.2.1.1.3.0')?.type).toBe('Timeticks');
    expect(w.get('1.3.6.1.2.1.2.1.0')?.value).toBe('4');
    expect(w.get('1.3.6.1.2.1.2.2.1.8.3')?.value).toBe('1');
    expect(w.get('1.3.6.1.2.1.2.2.1.3.3')?.value).toBe('6');
  });

  it('does not answer an unknown community, a wrong v3 key, or a silenced NE', async () => {
    const sysName = '1.3.6.1.2.1.1.5.0';
    const quick = ['-t', '0.3', '-r', '0'];
    expect((await runTool('snmpget', [...quick, '-v2c', '-c', 'nope', target, sysName])).code).not.toBe(0);
    const badKey = V3_ARGS(DEFAULT_V3_USER.name, 'wrong-auth-key', DEFAULT_V3_USER.privKey, 'ne1');
    expect((await runTool('snmpget', [...quick, ...badKey, target, sysName])).code).not.toBe(0);
    source.silence('ne1', true);
    try {
      expect((await runTool('snmpget', [...quick, '-v2c', '-c', 'ne1', target, sysName])).code).not.toBe(0);
    } finally {
      source.silence('ne1', false);
    }
    expect((await runTool('snmpget', [...quick, '-v2c', '-c', 'ne1', target, sysName])).code).toBe(0);
  });

  it('rejects when the port is taken', async () => {
    await expect(startSnmpAgent(source, { port: agent.port, host: '127.0.0.1' })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });

  it('wraps Counter32 ifInOctets modulo 2^32 while ifHCInOctets keeps the full value', async () => {
    const big = new FakeSimSource(1, 1, 1000, (1n << 32n) - 1_000n);
    const a = await startSnmpAgent(big, { port: 0 });
    try {
      big.tick(); // +1 MB: past 2^32
      const r = await runTool('snmpget', [
        '-v2c',
        '-c',
        'ne1',
        `127.0.0.1:${a.port}`,
        '1.3.6.1.2.1.2.2.1.10.1',
        `${IFX}.6.1`,
      ]);
      const w = parseWalk(r.stdout);
      const full = BigInt(w.get(`${IFX}.6.1`)?.value ?? '0');
      expect(full).toBeGreaterThan(1n << 32n);
      expect(BigInt(w.get('1.3.6.1.2.1.2.2.1.10.1')?.value ?? '-1')).toBe(full % (1n << 32n));
    } finally {
      await a.close();
    }
  });
});
