import { sharedEngineFactory, TopologyPlanVerifier } from '../../../core/intent';
import { PathEngine } from '../../../core/pathcomp';
import { SidTable } from '../../../core/topology';
import type { LinkInput } from '../../../core/topology';
import { TopologyGraph } from '../../../core/topology';
import type { DomainEventMap } from '../../../ports/event-bus.port';
import type { IntentStore } from '../../../ports/intent-store.port';
import type { NeDriver } from '../../../ports/ne-driver.port';
import { InProcessEventBus } from '../../events/in-process.event-bus';
import { IntentLedger } from '../intent-ledger';
import { IntentPlanner } from '../intent-planner';
import { IntentReconciler } from '../intent-reconciler';
import { IntentRecords } from '../intent-records';
import { IntentService } from '../intent.service';
import type { NetworkModel } from '../intent.tokens';
import { NetworkViewService } from '../network-view.service';
import { PolicyDeployer } from '../policy-deployer';
import { SliceService } from '../slice.service';
import { MemoryIntentStore } from './memory-intent-store';

const dir = (capacityMbps: number, delayUs: number) => ({ capacityMbps, delayUs, igpMetric: 10 });
const link = (id: string, a: string, b: string, cap: number, delay: number): LinkInput => ({
  id,
  a,
  b,
  ab: dir(cap, delay),
  ba: dir(cap, delay),
});

/** A–B–D fast (100 µs a hop), A–C–D slow (300 µs a hop), D–E pendant; every link `cap` Mbit/s. */
export function squareNetwork(cap = 1000): NetworkModel {
  const topology = TopologyGraph.build({
    name: 'square',
    nodes: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id })),
    links: [
      link('A-B', 'A', 'B', cap, 100),
      link('B-D', 'B', 'D', cap, 100),
      link('A-C', 'A', 'C', cap, 300),
      link('C-D', 'C', 'D', cap, 300),
      link('D-E', 'D', 'E', cap, 50),
    ],
  });
  return { topology, sids: SidTable.allocate(topology) };
}

/** The intent application wired by hand over fakes of its ports (the Nest module does the same binding). */
export function intentHarness<S extends IntentStore = MemoryIntentStore>(
  network: NetworkModel,
  driver: NeDriver,
  store: S = new MemoryIntentStore() as IntentStore as S,
) {
  const bus = new InProcessEventBus();
  const events: DomainEventMap['intent.status'][] = [];
  bus.on('intent.status', (e) => events.push(e));
  let tick = 0;
  const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
  const ledger = new IntentLedger(network, store);
  const planner = new IntentPlanner(
    network,
    store,
    sharedEngineFactory(network.topology, (o) => new PathEngine(network.topology, network.sids, o)),
    new TopologyPlanVerifier(network.sids),
    ledger,
    driver,
  );
  const records = new IntentRecords(store, bus, clock, ledger);
  const deployer = new PolicyDeployer(driver);
  const intents = new IntentService(store, planner, records, deployer, ledger);
  return {
    store,
    bus,
    events,
    ledger,
    intents,
    slices: new SliceService(store, ledger, records),
    view: new NetworkViewService(network, store, ledger),
    records,
    deployer,
    reconciler: new IntentReconciler(network, store, records, deployer, intents, bus),
  };
}
