/** The NeDriver conformance suite for the SNMP driver against the simulator's SNMP agent (telemetry only). */
import { nodeId } from '../../src/core/model/ids';
import { SnmpNeDriver } from '../../src/adapters/drivers/snmp';
import { startSnmpAgent } from '../../simulators/snmp';
import { describeNeDriver } from '../conformance/ne-driver.suite';
import { FakeSimSource } from './fake-sim-source';

async function fixture() {
  const source = new FakeSimSource(2, 4);
  source.start(20);
  const agent = await startSnmpAgent(source, { port: 0 });
  const headends = [nodeId('ne1'), nodeId('ne2')];
  const driver = await SnmpNeDriver.create({
    targets: headends.map((ne) => ({ ne, host: '127.0.0.1', port: agent.port })),
    timeoutMs: 500,
    backoff: { initialMs: 20, maxMs: 200 },
  });
  return {
    driver,
    headends,
    validSids: () => [],
    teardown: async () => {
      await driver.close();
      await agent.close();
      source.stop();
    },
  };
}

describeNeDriver('snmp', fixture, { config: false });
