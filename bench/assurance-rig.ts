import type { Provider } from '@nestjs/common';
import { SimEngine } from '../simulators/engine';
import {
  ASSURANCE_ENGINE,
  ASSURANCE_OPTIONS,
  AssuranceService,
  assuranceWiring,
  avoidingEngineFactory,
  CoreAssuranceEngine,
  TelemetryTap,
} from '../src/app/assurance';
import type { AssuranceEngine, AssuranceOptions } from '../src/app/assurance';
import { loadFaultModel } from '../src/adapters/models';
import { InProcessEventBus } from '../src/app/events';
import { IntentLedger, IntentPlanner, IntentRecords, IntentService, PolicyDeployer } from '../src/app/intent';
import type { NetworkModel } from '../src/app/intent';
import { MemoryIntentStore } from '../src/app/intent/__fixtures__/memory-intent-store';
import { IN_SERVICE, sharedEngineFactory, TopologyPlanVerifier } from '../src/core/intent';
import type { IntentSpec } from '../src/core/model/intent';
import { PathEngine } from '../src/core/pathcomp';
import { InterfaceArcMap, SampleNormaliser } from '../src/core/telemetry';
import type { TelemetrySample } from '../src/core/model/telemetry-sample';
import type { TelemetryPoint } from '../src/core/telemetry';
import { SidTable } from '../src/core/topology';
import type { TopologyGraph } from '../src/core/topology';
import { SimNeDriver } from './assurance-sim-driver';
import { rng } from './twin-sim-harness';

export { rng };

export interface RigOptions {
  readonly seed: number;
  readonly intents: number;
  readonly intervalMs: number;
  /** Network time at tick 0 (default 2026-01-01T00:00Z). */
  readonly startMs?: number;
  /**
   * Every n-th headend (by id) streams its probe results one interval late, as a stream whose report misses
   * the controller's tick does: a fault then reaches the paths over a link in different intervals, as seen
   * by hand against the real-time simulator. Off (every headend in lock step) unless set.
   */
  readonly lateEvery?: number;
}

/**
 * The controller's closed loop over the in-process simulator, composed as the app module composes it
 * (`assuranceWiring` options and engine, IntentService over a store, the avoidance-aware path engine,
 * AssuranceService with its own read-back round), ticked in lock step with the simulator on its clock:
 * step → the samples the gNMI subscriptions would deliver → SampleNormaliser → TelemetryTap → one loop tick.
 */
export class Rig {
  readonly engine: SimEngine;
  readonly network: NetworkModel;
  readonly driver: SimNeDriver;
  readonly store = new MemoryIntentStore();
  readonly intents: IntentService;
  readonly service: AssuranceService;
  readonly tap: TelemetryTap;
  readonly options: AssuranceOptions;
  readonly engineName: string;
  private readonly normaliser: SampleNormaliser;
  /** Ids of every incident the loop opened, in order (from the event bus). */
  readonly opened: string[] = [];
  /** CPU time spent in the controller's loop tick (ms), for the method notes. */
  loopMs = 0;
  simMs = 0;
  /** Probe samples of the late headends, held for the next interval (see `RigOptions.lateEvery`). */
  private held: TelemetrySample[] = [];
  private readonly late: ReadonlySet<string>;

  constructor(
    readonly topology: TopologyGraph,
    readonly o: RigOptions,
  ) {
    this.network = { topology, sids: SidTable.allocate(topology) };
    this.engine = new SimEngine({
      topology,
      seed: o.seed,
      tickMs: o.intervalMs,
      probeRatePps: 1000,
      ...(o.startMs !== undefined && { startMs: o.startMs }),
    });
    this.driver = new SimNeDriver(this.engine);
    const every = o.lateEvery ?? 0;
    this.late = new Set(
      every > 0
        ? [...topology.nodes()]
            .map((n) => n.id as string)
            .sort()
            .filter((_, i) => i % every === 0)
        : [],
    );
    const wiring = assuranceWiring(
      // the shipped fault model, as `serve` loads it: the bench measures what runs
      { autonomy: 'L4', intervalMs: o.intervalMs, autoStart: false, faultModel: loadFaultModel().model },
      this.network,
    );
    const value = <T>(token: symbol): T | undefined =>
      (
        wiring.providers.find(
          (p: Provider) => typeof p === 'object' && 'provide' in p && p.provide === token,
        ) as { useValue?: T } | undefined
      )?.useValue;
    this.options = value<AssuranceOptions>(ASSURANCE_OPTIONS)!;
    const engine =
      value<AssuranceEngine>(ASSURANCE_ENGINE) ?? new CoreAssuranceEngine(topology, o.intervalMs);
    this.engineName = engine.name;
    // silence is judged on the collector's clock: here the network clock (no wall-clock sleeps)
    this.tap = new TelemetryTap(() => this.engine.nowMs());
    this.normaliser = new SampleNormaliser(InterfaceArcMap.simulated(topology));
    const bus = new InProcessEventBus();
    bus.on('incident.opened', (e) => this.opened.push(e.incident.id));
    const clock = () => new Date(this.engine.nowMs());
    const ledger = new IntentLedger(this.network, this.store);
    const { sids } = this.network;
    const planner = new IntentPlanner(
      this.network,
      this.store,
      avoidingEngineFactory(
        sharedEngineFactory(topology, (opt) => new PathEngine(topology, sids, opt)),
        wiring.avoidance,
      ),
      new TopologyPlanVerifier(sids),
      ledger,
      this.driver,
    );
    const records = new IntentRecords(this.store, bus, clock, ledger);
    const deployer = new PolicyDeployer(this.driver);
    this.intents = new IntentService(this.store, planner, records, deployer, ledger);
    this.service = new AssuranceService(
      this.options,
      this.store,
      bus,
      this.network,
      this.driver,
      engine,
      this.tap,
      wiring.avoidance,
      this.intents,
      records,
      deployer,
    );
  }

  /** Creates `intents` unprotected intents between random node pairs (refusals are skipped). */
  async deployIntents(): Promise<number> {
    const r = rng(this.o.seed * 31 + 7);
    const ids = [...this.topology.nodes()].map((n) => n.id);
    let made = 0;
    for (let k = 0; made < this.o.intents && k < this.o.intents * 4; k++) {
      const a = ids[Math.floor(r() * ids.length)]!;
      const b = ids[Math.floor(r() * ids.length)]!;
      if (a === b) continue;
      const spec: IntentSpec = {
        name: `i${k}`,
        kind: 'connectivity',
        endpoints: { a: a, b: b },
        slo: { bandwidthMbps: 1, maxLossPct: 0.5 },
        sle: { protection: 'none', isolation: 'shared' },
        priority: 3,
      };
      try {
        await this.intents.create(spec, 'bench');
        made += 1;
      } catch {
        /* refused (no path, capacity): not part of the campaign */
      }
    }
    return made;
  }

  /** One telemetry interval: the network advances, the controller receives its telemetry, the loop ticks. */
  async interval(): Promise<void> {
    const t0 = process.hrtime.bigint();
    this.engine.step();
    const points: TelemetryPoint[] = [];
    const due = this.held;
    this.held = [];
    for (const s of this.driver.samples())
      if (s.kind === 'probe' && this.late.has(s.ne)) this.held.push(s);
      else due.push(s);
    for (const s of due) {
      const p = this.normaliser.normalise(s);
      if (p) points.push(p);
    }
    this.tap.write(points);
    const t1 = process.hrtime.bigint();
    await this.service.tickAt(this.engine.nowMs());
    const t2 = process.hrtime.bigint();
    this.simMs += Number(t1 - t0) / 1e6;
    this.loopMs += Number(t2 - t1) / 1e6;
  }

  nowMs(): number {
    return this.engine.nowMs();
  }

  /** In-service intents' policies with the links and transit nodes of their preferred path. */
  policies(): { id: string; intent: string; headend: string; links: string[]; nodes: string[] }[] {
    return this.store.listIntents().flatMap((i) =>
      !IN_SERVICE.has(i.status) || !i.plan
        ? []
        : i.plan.policies.map((p) => {
            const cp = [...p.candidatePaths].sort((x, y) => y.preference - x.preference)[0];
            return {
              id: `${p.headend}/${p.name}`,
              intent: i.spec.name,
              headend: p.headend,
              links: [...(cp?.links ?? [])] as string[],
              nodes: [...(cp?.nodes ?? [])] as string[],
            };
          }),
    );
  }

  policyCount(): number {
    return this.policies().length;
  }
}
