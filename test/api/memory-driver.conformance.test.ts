import { MemoryNeDriver } from '../../src/adapters/drivers/memory';
import { nodeId } from '../../src/core/model/ids';
import type { NodeId } from '../../src/core/model/ids';
import { describeNeDriver } from '../conformance/ne-driver.suite';
import { bottleneck } from './api-harness';

/** The in-process network passes the same NeDriver conformance suite as the protocol drivers. */
describeNeDriver('memory', () => {
  const network = bottleneck(1000);
  const driver = new MemoryNeDriver(network.topology, network.sids);
  return Promise.resolve({
    driver,
    headends: [nodeId('P1'), nodeId('Y')],
    validSids: (_head: NodeId) => [
      network.sids.endSid(nodeId('X')).sid,
      network.sids.endSid(nodeId('P2')).sid,
    ],
    teardown: () => driver.close(),
  });
});
