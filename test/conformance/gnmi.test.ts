import { nodeId, type NodeId } from '../../src/core/model/ids';
import { GnmiNeDriver } from '../../src/adapters/drivers/gnmi';
import { startGnmiServer } from '../../simulators/gnmi';
import { FakeSimSource } from '../gnmi/fake-sim.source';
import { describeNeDriver } from './ne-driver.suite';

const SIDS = ['fc00:0:1::', 'fc00:0:2::', 'fc00:0:3::'];

async function fixture() {
  const source = new FakeSimSource(
    [
      { id: 'R1', interfaces: 4 },
      { id: 'R2', interfaces: 2 },
    ],
    new Set(SIDS),
  );
  source.start(20);
  const server = await startGnmiServer(source, { port: 0 });
  const targets = [nodeId('R1'), nodeId('R2'), nodeId('OLD')];
  const driver = new GnmiNeDriver({
    address: `127.0.0.1:${server.port}`,
    targets,
    backoff: { initialMs: 20, maxMs: 200 },
  });
  return {
    source,
    server,
    driver,
    headends: targets.slice(0, 2),
    validSids: (_head: NodeId) => SIDS.slice(1),
    teardown: async () => {
      await driver.close();
      await server.close();
      source.stop();
    },
  };
}

describeNeDriver('gnmi', fixture);

describe('GnmiNeDriver sessions', () => {
  it('reconnects with backoff after the NE goes down and resyncs when it returns', async () => {
    const fx = await fixture();
    try {
      const r1 = nodeId('R1');
      const stamps: bigint[] = [];
      const statusOf = () => fx.driver.status().find((s) => s.ne === r1)!;
      await fx.driver.subscribe([r1], (s) => s.kind === 'interface-counters' && stamps.push(s.timestampNs), {
        sampleIntervalMs: 1000,
      });
      await until(() => statusOf().state === 'up' && stamps.length > 0);
      fx.source.setNodeUp('R1', false);
      await until(() => statusOf().state === 'backoff' || statusOf().state === 'connecting');
      expect(statusOf().lastError).toMatch(/down/);
      const seen = stamps.length;
      fx.source.setNodeUp('R1', true);
      await until(() => statusOf().state === 'up' && stamps.length > seen);
      expect(fx.driver.status().find((s) => s.ne === nodeId('R2'))!.state).toBe('down');
    } finally {
      await fx.teardown();
    }
  });

  it('reports an SNMP-only NE as unreachable over gNMI and keeps retrying slowly', async () => {
    const fx = await fixture();
    try {
      await fx.driver.subscribe([nodeId('OLD')], () => undefined);
      await until(() => fx.driver.status().some((s) => s.ne === nodeId('OLD') && s.state === 'backoff'));
      expect(fx.driver.status().find((s) => s.ne === nodeId('OLD'))!.lastError).toMatch(/unknown target/);
    } finally {
      await fx.teardown();
    }
  });

  it('reports capabilities', async () => {
    const fx = await fixture();
    try {
      const caps = await fx.driver.capabilities();
      expect(caps.supported_models.map((m) => m.name)).toContain('autonet-sr-policy');
    } finally {
      await fx.teardown();
    }
  });
});

async function until(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
