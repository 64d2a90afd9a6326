import { Inject, Injectable, Optional } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { IN_SERVICE } from '../../core/intent';
import { EVENT_BUS } from '../../ports/event-bus.port';
import type { EventBus, IncidentView } from '../../ports/event-bus.port';
import { INCIDENT_STORE } from '../../ports/incident-store.port';
import type { IncidentStore } from '../../ports/incident-store.port';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStore } from '../../ports/intent-store.port';
import { NE_DRIVER } from '../../ports/ne-driver.port';
import type { NeDriver } from '../../ports/ne-driver.port';
import type { NodeId } from '../../core/model/ids';
import {
  configKey,
  IntentRecords,
  IntentService,
  NETWORK_MODEL,
  PolicyDeployer,
  toSrPolicyConfig,
} from '../intent';
import type { NetworkModel, PolicyOwners } from '../intent';
import { ASSURANCE_ENGINE } from './assurance-engine';
import type { AssuranceEngine, PolicyPrint, PolicyRound } from './assurance-engine';
import { AssuranceLoop } from './assurance.loop';
import { ASSURANCE_AVOIDANCE, ASSURANCE_OPTIONS, ASSURANCE_TAP } from './assurance.tokens';
import type { AssuranceOptions } from './assurance.tokens';
import type { AvoidanceRegistry } from './avoidance.registry';
import { IncidentBook } from './incident-book';
import { ASSURANCE_TWIN, ObservationBuilder } from './observation.builder';
import type { TwinReader } from './observation.builder';
import { ProbeManager } from './probe.manager';
import { RepairExecutor } from './repair.executor';
import type { TelemetryTap } from './telemetry-tap';

/** Anything with a prom-client registry (the controller's metrics), to add incident gauges to. */
interface MetricsRegistryHolder {
  readonly registry: import('prom-client').Registry;
}
export const ASSURANCE_METRICS = Symbol('AssuranceMetrics');

/**
 * The closed loop as a NestJS service: ticks the AssuranceLoop once per telemetry interval of the network
 * clock (the newest sample time, simulated when the simulator is accelerated), never two ticks at once.
 */
@Injectable()
export class AssuranceService implements OnApplicationBootstrap, OnApplicationShutdown, PolicyOwners {
  readonly loop: AssuranceLoop;
  private readonly probes: ProbeManager;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastTick = 0;
  private errors = 0;
  lastError: string | undefined;
  private readonly incidents: IncidentStore | undefined;

  constructor(
    @Inject(ASSURANCE_OPTIONS) readonly options: AssuranceOptions,
    @Inject(INTENT_STORE) store: IntentStore,
    @Inject(EVENT_BUS) bus: EventBus,
    @Inject(NETWORK_MODEL) network: NetworkModel,
    @Inject(NE_DRIVER) private readonly driver: NeDriver,
    @Inject(ASSURANCE_ENGINE) engine: AssuranceEngine,
    @Inject(ASSURANCE_TAP) private readonly tap: TelemetryTap,
    @Inject(ASSURANCE_AVOIDANCE) avoidance: AvoidanceRegistry,
    intents: IntentService,
    records: IntentRecords,
    deployer: PolicyDeployer,
    @Optional() @Inject(ASSURANCE_TWIN) twin?: TwinReader,
    @Optional() @Inject(ASSURANCE_METRICS) metrics?: MetricsRegistryHolder,
    @Optional() @Inject(INCIDENT_STORE) incidents?: IncidentStore,
  ) {
    this.probes = new ProbeManager(network, driver);
    const book = new IncidentBook(bus, undefined, incidents);
    this.incidents = incidents;
    const repair = new RepairExecutor(store, intents, records, deployer, driver, avoidance);
    this.loop = new AssuranceLoop(
      options,
      engine,
      new ObservationBuilder(network, store, tap, twin),
      store,
      repair,
      this.probes,
      book,
      () => this.policyRound(store),
    );
    if (metrics) this.metrics(metrics, book);
  }

  /** The loop's probe-only policies are its own: the intent reconciler must not remove them as orphans. */
  owns(policy: string): boolean {
    return this.probes.owns(policy);
  }

  list(which: 'open' | 'all'): IncidentView[] {
    return this.loop.book.list(which);
  }

  get(id: string): IncidentView {
    return this.loop.view(id);
  }

  approve(id: string, actor = 'api'): Promise<IncidentView> {
    return this.loop.approve(id, actor);
  }

  reject(id: string, actor = 'api'): IncidentView {
    return this.loop.reject(id, actor);
  }

  onApplicationBootstrap(): void {
    if (this.options.autoStart === false) return;
    this.timer = setInterval(() => this.poll(), this.options.pollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.incidents?.close();
  }

  /** Runs one interval now at network time `at` (tests and benchmarks drive the loop this way). */
  async tickAt(at: number): Promise<void> {
    this.lastTick = at;
    await this.loop.tick(at);
  }

  private poll(): void {
    if (this.running) return;
    const now = this.tap.nowMs();
    if (now === 0 || now - this.lastTick < this.options.intervalMs) return;
    this.running = this.tickAt(now)
      .catch((err: unknown) => {
        this.errors += 1;
        this.lastError = err instanceof Error ? err.message : String(err);
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Reads back what every headend of an in-service intent holds, fingerprinted against the stored plans. */
  private async policyRound(store: IntentStore): Promise<PolicyRound | undefined> {
    const owners: Record<string, string> = {};
    const deployed: PolicyPrint[] = [];
    const inFlight: string[] = [];
    for (const i of store.listIntents()) {
      if (!i.plan) continue;
      const busy = !IN_SERVICE.has(i.status) || i.status === 'repairing';
      for (const p of i.plan.policies) {
        const id = `${p.headend}/${p.name}`;
        owners[id] = i.spec.name;
        if (busy) inFlight.push(id);
        else deployed.push({ headend: p.headend, name: p.name, fingerprint: configKey(toSrPolicyConfig(p)) });
      }
    }
    if (deployed.length === 0) return undefined;
    const headends = [...new Set(deployed.map((p) => p.headend))] as NodeId[];
    try {
      const results = await this.driver.getPolicies(headends);
      const reported: string[] = [];
      const held: PolicyPrint[] = [];
      results.forEach((r, k) => {
        if (!r.ok) return;
        reported.push(headends[k]!);
        for (const c of r.value) {
          if (c.probeOnly || c.name.startsWith('probe-')) continue;
          held.push({ headend: c.headend, name: c.name, fingerprint: configKey(c) });
        }
      });
      return { deployed, held, reported, inFlight, owners };
    } catch {
      return undefined;
    }
  }

  private metrics(m: MetricsRegistryHolder, book: IncidentBook): void {
    const errors = (): number => this.errors;
    new Gauge({
      name: 'autonet_incidents',
      help: 'Incidents of this controller run by class and state',
      labelNames: ['class', 'state'],
      registers: [m.registry],
      collect() {
        this.reset();
        for (const c of book.counts()) this.set({ class: c.class, state: c.state }, c.n);
      },
    });
    new Gauge({
      name: 'autonet_assurance_loop_errors',
      help: 'Assurance intervals that ended in an error',
      registers: [m.registry],
      collect() {
        this.set(errors());
      },
    });
  }
}
