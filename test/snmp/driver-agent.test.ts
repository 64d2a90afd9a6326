/**
 * The SNMP driver polling the simulator's SNMP agent (v2c and v3): counters as bigint that match the source,
 * a reboot (sysUpTime reset with counters back to zero) flagged as a discontinuity, and backoff while an NE
 * is silent.
 */
import { nodeId } from '../../src/core/model/ids';
import { SnmpNeDriver } from '../../src/adapters/drivers/snmp';
import type { TelemetrySample } from '../../src/ports/ne-driver.port';
import { DEFAULT_V3_USER, startSnmpAgent, type SnmpAgentHandle } from '../../simulators/snmp';
import { FakeSimSource } from './fake-sim-source';

type Counters = Extract<TelemetrySample, { kind: 'interface-counters' }>;
const until = async (what: () => boolean, ms = 8000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('SnmpNeDriver against the simulated agent', () => {
  let source: FakeSimSource;
  let agent: SnmpAgentHandle;
  let driver: SnmpNeDriver;

  beforeAll(async () => {
    source = new FakeSimSource(3, 5);
    agent = await startSnmpAgent(source, { port: 0 });
    const v3 = {
      user: DEFAULT_V3_USER.name,
      authKey: DEFAULT_V3_USER.authKey,
      privKey: DEFAULT_V3_USER.privKey,
    };
    driver = await SnmpNeDriver.create({
      targets: [
        { ne: nodeId('ne1'), host: '127.0.0.1', port: agent.port },
        { ne: nodeId('ne2'), host: '127.0.0.1', port: agent.port, v3: { ...v3, context: 'ne2' } },
        { ne: nodeId('ne3'), host: '127.0.0.1', port: agent.port },
      ],
      timeoutMs: 200,
      retries: 0,
      maxRepetitions: 3, // several GetBulk round trips per poll
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
  });
  afterAll(async () => {
    await driver.close();
    await agent.close();
  });

  it('is read-only: policy changes fail per resource with UNSUPPORTED, nothing is installed', async () => {
    const ne1 = nodeId('ne1');
    const res = await driver.deletePolicies([{ headend: ne1, name: 'p' }]);
    expect(res).toEqual([expect.objectContaining({ resource: 'ne1/p', ok: false })]);
    expect(res[0]?.ok === false && res[0].error.code).toBe('UNSUPPORTED');
    expect(await driver.getPolicies([ne1])).toEqual([{ resource: 'ne1', ok: true, value: [] }]);
  });

  it('polls v2c and v3 NEs: every interface, counters equal to the source, oper-status once', async () => {
    const samples: TelemetrySample[] = [];
    const sub = await driver.subscribe([nodeId('ne1'), nodeId('ne2')], (s) => samples.push(s), {
      sampleIntervalMs: 100,
    });
    try {
      source.tick();
      await until(() => samples.filter((s) => s.kind === 'interface-counters').length >= 20);
    } finally {
      await sub.close();
    }
    const counters = samples.filter((s): s is Counters => s.kind === 'interface-counters');
    for (const ne of ['ne1', 'ne2']) {
      const names = new Set(counters.filter((s) => s.ne === ne).map((s) => s.interface));
      expect([...names].sort()).toEqual(['eth1', 'eth2', 'eth3', 'eth4', 'eth5']);
    }
    const last = counters.filter((s) => s.ne === 'ne2' && s.interface === 'eth3').at(-1);
    const truth = source.node('ne2')?.interfaces[2];
    expect(last?.inOctets).toBe(truth?.inOctets);
    expect(last?.outPkts).toBe(truth?.outPkts);
    expect(typeof last?.inOctets).toBe('bigint');
    const oper = samples.filter((s) => s.kind === 'oper-status' && s.ne === 'ne1');
    expect(oper).toHaveLength(5);
    expect(driver.status().find((s) => s.ne === 'ne2')?.state).toBe('up');
  });

  it('flags a reboot (sysUpTime back, counters reset) as a discontinuity instead of a negative delta', async () => {
    const fast = await SnmpNeDriver.create({
      targets: [{ ne: nodeId('ne3'), host: '127.0.0.1', port: agent.port }],
      timeoutMs: 100,
      retries: 0,
      backoff: { initialMs: 50, maxMs: 50 },
    });
    const samples: Counters[] = [];
    const sub = await fast.subscribe(
      [nodeId('ne3')],
      (s) => (s.kind === 'interface-counters' && s.interface === 'eth1' ? samples.push(s) : undefined),
      { sampleIntervalMs: 100 },
    );
    try {
      source.tick();
      await until(() => samples.length >= 2);
      source.setNodeUp('ne3', false);
      await until(() => fast.status()[0]?.state === 'backoff');
      source.resetCounters('ne3');
      source.setNodeUp('ne3', true);
      source.tick();
      await until(() => samples.some((s) => s.discontinuity));
      const i = samples.findIndex((s) => s.discontinuity);
      expect(samples[i]!.inOctets).toBeLessThan(samples[i - 1]!.inOctets);
      expect(samples.slice(0, i).every((s) => !s.discontinuity)).toBe(true);
      expect(fast.status()[0]?.state).toBe('up');
    } finally {
      await sub.close();
      await fast.close();
    }
  });

  it('backs off after a timeout: a silent NE is not polled again before the backoff expires', async () => {
    let polled = 0;
    source.silence('ne1', true);
    const sub = await driver.subscribe([nodeId('ne1')], () => polled++, { sampleIntervalMs: 50 });
    try {
      await until(() => driver.status().find((s) => s.ne === 'ne1')?.state === 'backoff');
      expect(driver.status().find((s) => s.ne === 'ne1')?.lastError).toBeDefined();
      source.silence('ne1', false);
      await new Promise((r) => setTimeout(r, 400));
      expect(polled).toBe(0);
    } finally {
      source.silence('ne1', false);
      await sub.close();
    }
  });
});
