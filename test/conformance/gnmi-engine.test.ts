import { nodeId, type NodeId } from '../../src/core/model/ids';
import { SidTable } from '../../src/core/topology';
import { GnmiNeDriver } from '../../src/adapters/drivers/gnmi';
import { SimEngine } from '../../simulators/engine';
import { diamond } from '../../simulators/engine/sim.fixtures';
import { startGnmiServer } from '../../simulators/gnmi';
import { describeNeDriver } from './ne-driver.suite';

/** The same conformance suite against the real simulator engine (diamond network, 20 ms per tick). */
async function engineFixture() {
  const topology = diamond();
  const engine = new SimEngine({ topology, seed: 7 });
  const sids = SidTable.allocate(topology);
  const timer = setInterval(() => engine.step(), 20);
  const server = await startGnmiServer(engine, { port: 0 });
  const headends = [nodeId('A')];
  const driver = new GnmiNeDriver({
    address: `127.0.0.1:${server.port}`,
    targets: engine.nodeIds().map(nodeId),
    backoff: { initialMs: 20, maxMs: 200 },
  });
  return {
    driver,
    headends,
    validSids: (_head: NodeId) => [sids.endSid(nodeId('C')).sid, sids.endSid(nodeId('E')).sid],
    teardown: async () => {
      await driver.close();
      await server.close();
      clearInterval(timer);
    },
  };
}

describeNeDriver('gnmi + SimEngine', engineFixture);
