import { MemoryNeDriver } from '../../../adapters/drivers/memory';
import { sharedEngineFactory, TopologyPlanVerifier } from '../../../core/intent';
import { PathEngine } from '../../../core/pathcomp';
import type { IncidentEvent, IncidentView } from '../../../ports/event-bus.port';
import type { IncidentStore } from '../../../ports/incident-store.port';
import { InProcessEventBus } from '../../events';
import { IntentLedger, IntentPlanner, IntentRecords, IntentService, PolicyDeployer } from '../../intent';
import type { NetworkModel } from '../../intent';
import { MemoryIntentStore } from '../../intent/__fixtures__/memory-intent-store';
import { squareNetwork } from '../../intent/__fixtures__/intent-harness';
import type { AssuranceEngine, Finding, LoopObservation } from '../assurance-engine';
import { AssuranceLoop } from '../assurance.loop';
import type { LoopOptions } from '../assurance.loop';
import { AvoidanceRegistry, avoidingEngineFactory, avoidingVerifier } from '../avoidance.registry';
import { DEFAULT_GUARDRAILS } from '../guardrails';
import { IncidentBook } from '../incident-book';
import { ObservationBuilder } from '../observation.builder';
import { ProbeManager } from '../probe.manager';
import { RepairExecutor } from '../repair.executor';
import { TelemetryTap } from '../telemetry-tap';

/** An engine that returns whatever the test scripts for the next interval, and records what it saw. */
export class ScriptedEngine implements AssuranceEngine {
  readonly name = 'scripted';
  next: (obs: LoopObservation) => Finding[] = () => [];
  readonly seen: LoopObservation[] = [];

  analyse(obs: LoopObservation): Finding[] {
    this.seen.push(obs);
    return this.next(obs);
  }
}

export const LOOP_DEFAULTS: LoopOptions = {
  autonomy: 'L4',
  intervalMs: 1000,
  verifyIntervals: 3,
  clearIntervals: 3,
  probeIntervals: 2,
  driftEveryIntervals: 1,
  silentAfterIntervals: 3,
  guardrails: DEFAULT_GUARDRAILS,
};

/** Incidents kept as a database would (JSON round trip). */
export class MemoryIncidentStore implements IncidentStore {
  private readonly rows = new Map<string, string>();
  load(): IncidentView[] {
    return [...this.rows.values()]
      .map((b) => JSON.parse(b) as IncidentView)
      .sort((a, b) => a.detectedAt - b.detectedAt || a.id.localeCompare(b.id));
  }
  save(incident: IncidentView): void {
    this.rows.set(incident.id, JSON.stringify(incident));
  }
  remove(id: string): void {
    this.rows.delete(id);
  }
  close(): void {}
}

/** The assurance loop wired by hand over the square network, a memory driver and store, as the module does. */
export function assuranceHarness(
  options: Partial<LoopOptions> = {},
  engine: AssuranceEngine = new ScriptedEngine(),
  network: NetworkModel = squareNetwork(),
) {
  const driver = new MemoryNeDriver(network.topology, network.sids);
  const store = new MemoryIntentStore();
  const bus = new InProcessEventBus();
  const events: IncidentEvent[] = [];
  bus.on('incident.opened', (e) => events.push(e));
  bus.on('incident.changed', (e) => events.push(e));
  let tick = 0;
  const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
  const avoidance = new AvoidanceRegistry();
  const ledger = new IntentLedger(network, store);
  const planner = new IntentPlanner(
    network,
    store,
    avoidingEngineFactory(
      sharedEngineFactory(network.topology, (o) => new PathEngine(network.topology, network.sids, o)),
      avoidance,
    ),
    avoidingVerifier(new TopologyPlanVerifier(network.sids), avoidance),
    ledger,
    driver,
  );
  const records = new IntentRecords(store, bus, clock, ledger);
  const deployer = new PolicyDeployer(driver);
  const intents = new IntentService(store, planner, records, deployer, ledger);
  const tap = new TelemetryTap();
  let probes = new ProbeManager(network, driver);
  const repair = new RepairExecutor(store, intents, records, deployer, driver, avoidance);
  const incidents = new MemoryIncidentStore();
  const book = new IncidentBook(bus, undefined, incidents);
  const build = (b: IncidentBook) =>
    new AssuranceLoop(
      { ...LOOP_DEFAULTS, ...options },
      engine,
      new ObservationBuilder(network, store, tap, undefined),
      store,
      repair,
      probes,
      b,
      () => Promise.resolve(undefined),
    );
  const loop = build(book);
  /**
   * A controller restart: memory (the book, the loop, the probe manager, the avoidance registry) lost; the
   * stores and what the NEs hold kept.
   */
  const restart = () => {
    for (const r of incidents.load()) avoidance.release(r.id);
    probes = new ProbeManager(network, driver);
    return build(new IncidentBook(bus, undefined, incidents));
  };
  /** Probe results for one interval, as the telemetry pipeline would hand them to the tap. */
  const probe = (at: number, ne: string, policy: string, sent: number, lost: number, delayUs = 1000) =>
    tap.write([
      {
        key: `policy/${ne}/${policy}`,
        ne: ne as never,
        timestampMs: at,
        measurement: 'policy',
        policy,
        fields: { probesSent: sent, probesLost: lost, delayUs, jitterUs: 10 },
      },
    ]);
  return {
    network,
    driver,
    store,
    bus,
    events,
    avoidance,
    intents,
    records,
    tap,
    loop,
    book,
    probe,
    incidents,
    restart,
    /** The probe manager of the running loop (a new one after `restart`). */
    get probes() {
      return probes;
    },
  };
}
