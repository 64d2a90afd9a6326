/**
 * SNMPv3 authPriv for legacy NEs of a real network: the controller's network factory, given the v3
 * credentials the configuration now demands, polls every legacy NE with authPriv (SHA + AES, context = NE id);
 * Debian's snmpget shows the agent answers authPriv only — authNoPriv, noAuthNoPriv and a wrong privacy key
 * get nothing.
 */
import { startNetwork } from '../../src/adapters/network/network.factory';
import type { RunningNetwork } from '../../src/adapters/network/network.factory';
import { nodeId } from '../../src/core/model/ids';
import { SidTable, TopologyGraph } from '../../src/core/topology';
import type { TelemetrySample } from '../../src/ports/ne-driver.port';
import { DEFAULT_V3_USER, startSnmpAgent, type SnmpAgentHandle } from '../../simulators/snmp';
import { FakeSimSource } from '../snmp/fake-sim-source';
import { runTool, V3_ARGS } from '../snmp/net-snmp-tools';

const SYS_NAME = '1.3.6.1.2.1.1.5.0';
const QUICK = ['-t', '0.5', '-r', '0'];
const USER = DEFAULT_V3_USER;

describe('SNMPv3 authPriv for legacy NEs', () => {
  let source: FakeSimSource;
  let agent: SnmpAgentHandle;
  let target: string;

  beforeAll(async () => {
    source = new FakeSimSource(3, 2);
    source.start(50);
    agent = await startSnmpAgent(source, { port: 0, host: '127.0.0.1' });
    target = `127.0.0.1:${agent.port}`;
  });

  afterAll(async () => {
    source.stop();
    await agent.close();
  });

  it('answers snmpget with authPriv SHA/AES', async () => {
    const r = await runTool('snmpget', [
      ...QUICK,
      ...V3_ARGS(USER.name, USER.authKey, USER.privKey, 'ne2'),
      target,
      SYS_NAME,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ne2');
  });

  it.each([
    [
      'authNoPriv',
      ['-v3', '-l', 'authNoPriv', '-u', USER.name, '-a', 'SHA', '-A', USER.authKey, '-n', 'ne2'],
    ],
    ['noAuthNoPriv', ['-v3', '-l', 'noAuthNoPriv', '-u', USER.name, '-n', 'ne2']],
    ['a wrong privacy key', V3_ARGS(USER.name, USER.authKey, 'not-the-priv-key', 'ne2')],
  ])('gives nothing to %s', async (_what, args) => {
    const r = await runTool('snmpget', [...QUICK, ...args, target, SYS_NAME]);
    expect(r.stdout).not.toContain('ne2');
  });

  /** Samples per NE seen within `ms` from a gNMI network whose NEs are all legacy (SNMP at the agent). */
  async function pollLegacy(privKey: string, ms: number): Promise<string[]> {
    const topology = TopologyGraph.build({
      name: 'legacy-only',
      nodes: ['ne1', 'ne2', 'ne3'].map((id) => ({ id })),
      links: [
        {
          id: 'L1',
          a: 'ne1',
          b: 'ne2',
          ab: { capacityMbps: 1000, delayUs: 100, igpMetric: 10 },
          ba: { capacityMbps: 1000, delayUs: 100, igpMetric: 10 },
        },
      ],
    });
    const network: RunningNetwork = await startNetwork(
      {
        kind: 'gnmi',
        gnmi: '127.0.0.1:9', // no modern NE here: every NE is legacy
        snmp: target,
        legacy: ['ne1', 'ne2', 'ne3'],
        snmpV3: { user: USER.name, authKey: USER.authKey, privKey, authProtocol: 'sha', privProtocol: 'aes' },
      },
      topology,
      SidTable.allocate(topology),
    );
    try {
      expect(network.description).toMatchObject({ snmpSecurity: 'v3-authPriv' });
      const seen = new Set<string>();
      const sub = await network.driver.subscribe(
        ['ne1', 'ne2', 'ne3'].map(nodeId),
        (s: TelemetrySample) => void ('ne' in s && seen.add(s.ne)),
        { sampleIntervalMs: 200 },
      );
      const end = Date.now() + ms;
      while (seen.size < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      await sub.close();
      return [...seen].sort();
    } finally {
      await network.stop();
    }
  }

  it('polls every legacy NE of a gNMI network over v3 authPriv (network factory wiring)', async () => {
    expect(await pollLegacy(USER.privKey, 20_000)).toEqual(['ne1', 'ne2', 'ne3']);
  }, 60_000);

  it('gets nothing with a wrong v3 key: the factory really speaks v3, not the v2c the agent also answers', async () => {
    expect(await pollLegacy('wrong-priv-key', 3000)).toEqual([]);
  }, 60_000);
});
