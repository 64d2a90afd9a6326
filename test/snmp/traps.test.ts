/**
 * A fault on the (fake) simulated network makes the simulator's SNMP agent send linkDown/linkUp; the SNMP
 * driver's trap receiver (worker thread) turns them into oper-status samples, without waiting for a poll.
 */
import { spawn } from 'node:child_process';
import { nodeId } from '../../src/core/model/ids';
import { SnmpNeDriver, SnmpTrapReceiver, type LinkTrapEvent } from '../../src/adapters/drivers/snmp';
import type { TelemetrySample } from '../../src/ports/ne-driver.port';
import { startSnmpAgent, type SnmpAgentHandle } from '../../simulators/snmp';
import { FakeSimSource } from './fake-sim-source';

const until = async (what: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('linkDown/linkUp traps from the simulator reach the SNMP driver', () => {
  let source: FakeSimSource;
  let agent: SnmpAgentHandle;
  let driver: SnmpNeDriver;
  const samples: TelemetrySample[] = [];

  beforeAll(async () => {
    source = new FakeSimSource(2, 3);
    driver = await SnmpNeDriver.create({
      targets: ['ne1', 'ne2'].map((ne) => ({ ne: nodeId(ne), host: '127.0.0.1', port: 1 })), // port set below
      trapListener: { host: '127.0.0.1', port: 0 },
    });
    agent = await startSnmpAgent(source, {
      port: 0,
      trapTarget: { host: '127.0.0.1', port: driver.trapPort ?? 0 },
    });
  });
  afterAll(async () => {
    await driver.close();
    await agent.close();
  });

  it('turns a trap into an oper-status sample for the right NE and interface', async () => {
    // A one-hour poll interval: only traps can produce the samples below. The first (immediate) poll fails
    // (nothing listens on port 1), so the driver knows interface names only from the traps' ifName varbind.
    const sub = await driver.subscribe([nodeId('ne2')], (s) => samples.push(s), {
      sampleIntervalMs: 3_600_000,
    });
    try {
      source.setOper('ne2', 'eth2', false);
      source.setOper('ne1', 'eth1', false); // not subscribed: no sample
      await until(() => samples.some((s) => s.kind === 'oper-status'));
      source.setOper('ne2', 'eth2', true);
      await until(() => samples.filter((s) => s.kind === 'oper-status').length === 2);
      const oper = samples.filter((s) => s.kind === 'oper-status');
      expect(oper.map((s) => [s.ne, s.interface, s.status])).toEqual([
        ['ne2', 'eth2', 'down'],
        ['ne2', 'eth2', 'up'],
      ]);
      expect(driver.trapStats()?.received).toBeGreaterThanOrEqual(3);
      expect(agent.stats().trapsSent).toBeGreaterThanOrEqual(3);
    } finally {
      await sub.close();
    }
  });

  it('sends no trap for an NE silenced by a telemetry gap', async () => {
    const before = agent.stats().trapsSent;
    source.silence('ne1', true);
    source.setOper('ne1', 'eth3', false);
    source.silence('ne1', false);
    source.setOper('ne1', 'eth2', false);
    await until(() => agent.stats().trapsSent > before);
    expect(agent.stats().trapsSent).toBe(before + 1);
  });
});

describe('trap receiver under a flood', () => {
  it('keeps the main loop responsive, bounds its queue and counts what it drops', async () => {
    const events: LinkTrapEvent[] = [];
    const receiver = await SnmpTrapReceiver.start({
      port: 0,
      batchMs: 200,
      maxQueue: 500,
      communities: ['ne1'],
      onTraps: (batch) => events.push(...batch),
    });
    // The sender runs in a child process so this process only receives (what a collector does).
    const code = `
      const snmp = require(${JSON.stringify(require.resolve('net-snmp'))});
      const s = snmp.createSession('127.0.0.1', 'ne1', { version: snmp.Version2c, trapPort: ${receiver.port} });
      const vb = [{ oid: '1.3.6.1.2.1.2.2.1.1.3', type: snmp.ObjectType.Integer, value: 3 }];
      let n = 0;
      const burst = () => {
        for (let i = 0; i < 500; i++, n++) s.trap('1.3.6.1.6.3.1.1.5.3', vb, () => {});
        if (n < 5000) setImmediate(burst);
        else setTimeout(() => { s.close(); process.exit(0); }, 200);
      };
      burst();`;
    const sender = spawn(process.execPath, ['-e', code], { stdio: 'inherit' });
    let maxLagMs = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      maxLagMs = Math.max(maxLagMs, now - last - 10);
      last = now;
    }, 10);
    try {
      await new Promise((r) => sender.once('exit', r));
      await until(() => receiver.stats().received + receiver.stats().dropped > 0 && events.length > 0);
      await new Promise((r) => setTimeout(r, 400)); // last batch
      const stats = receiver.stats();
      expect(stats.dropped).toBeGreaterThan(0); // 5 000 traps in well under 200 ms overflow a 500-event queue
      expect(events.length + stats.dropped).toBe(stats.received);
      expect(events.every((e) => e.community === 'ne1' && e.ifIndex === 3 && !e.up)).toBe(true);
      expect(maxLagMs).toBeLessThan(250);
    } finally {
      clearInterval(probe);
      await receiver.close();
    }
  }, 30_000);
});
