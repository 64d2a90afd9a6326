import type { TopologyGraph } from '../../src/core/topology';
import type { Demand } from '../../src/core/model/topology';
import type {
  SimDestinationCounters,
  SimNodeState,
  SimPolicyCounters,
  SimProbeState,
  SimSetResult,
  SimSource,
  SrPolicyJson,
} from '../sim-source';
import { DriftTracker } from './drift';
import { EngineEvents, type OperListener } from './engine-events';
import { busyHourDemands } from './busy-hour';
import { chooseLegacy, resolveDemands } from './engine-setup';
import { parseFaultRequest } from './fault-request';
import { FaultEffects, FaultRegistry, type SimFault } from './fault.registry';
import { FlowForwarder } from './flow-paths';
import { describePaths, planForwarding, surgeFactors, type ForwardingPlan } from './forwarding.plan';
import type { GravityOptions, SimDemand } from './gravity.model';
import { EngineProbes } from './engine-probes';
import { IgpRouting } from './igp-routing';
import { InterfaceTable } from './interface.table';
import { LinkLoad } from './link-load';
import type { PathFragment } from './path-builder';
import { NodeHealth } from './node-health';
import { SimNetwork } from './sim-network';
import { SimSidTable } from './sim-sid.table';
import { SrPolicyStore } from './sr-policy.store';
import { TrafficModel, type TrafficOptions } from './traffic.model';

export interface SimEngineOptions {
  readonly topology: TopologyGraph;
  /** Demands in Mbit/s; default: the topology's, else a seeded gravity model. */
  readonly demands?: readonly Demand[];
  readonly seed?: number;
  readonly tickMs?: number;
  /** Simulated time at tick 0 (ms since the epoch); default 2026-01-01T00:00:00Z. */
  readonly startMs?: number;
  /** Share of NEs that are legacy (SNMP only), chosen by seeded hash; default 0. */
  readonly legacyShare?: number;
  readonly gravity?: GravityOptions;
  readonly traffic?: TrafficOptions;
  /** Probe packets per second per SR policy (default 1,000; 0 = ideal, exact probes). */
  readonly probeRatePps?: number;
}

/**
 * The simulated network. `step()` advances one tick: faults start and end, IGP and SRv6 forwarding follow the
 * topology and policies, demands are offered hop by hop, and link state, counters, node health and SR-policy
 * probes are brought up to the end of the tick. Deterministic for a seed; no clocks or timers (see SimClock).
 */
export class SimEngine implements SimSource {
  readonly net: SimNetwork;
  /** The network's own SRv6 addressing (never the controller's SidTable). */
  readonly sids: SimSidTable;
  readonly tickMs: number;
  readonly seed: number;
  readonly demands: readonly SimDemand[];
  readonly faults = new FaultRegistry();
  readonly load: LinkLoad;
  readonly interfaces: InterfaceTable;
  readonly store: SrPolicyStore;
  private readonly igp: IgpRouting;
  private readonly forwarder: FlowForwarder;
  private readonly fx: FaultEffects;
  private readonly traffic: TrafficModel;
  private readonly health: NodeHealth;
  readonly probing: EngineProbes;
  private readonly demandSrc: Int32Array;
  private readonly demandDst: Int32Array;
  private readonly demandBase: Float64Array;
  /** Per demand this tick: offered rate and surge factor (Mbit/s, ×). */
  readonly rates: Float64Array;
  private readonly surge: Float64Array;
  private readonly nodeUp: Uint8Array;
  private readonly arcUp: Uint8Array;
  private readonly legacy: Uint8Array;
  private plan!: ForwardingPlan;
  private planKey = '';
  private readonly routeCache = new Map<number, PathFragment>();
  private surgeKey = '';
  private igpVersion = 0;
  private readonly drifts: DriftTracker;
  /** Tick and oper-status listeners (front ends); their failures are counted in `events.errors`. */
  readonly events = new EngineEvents();
  private now: number;
  private tickNo = 0;

  constructor(options: SimEngineOptions) {
    this.seed = (options.seed ?? 1) >>> 0;
    this.tickMs = options.tickMs ?? 1000;
    this.now = options.startMs ?? Date.UTC(2026, 0, 1);
    this.net = new SimNetwork(options.topology);
    this.sids = new SimSidTable(this.net);
    this.store = new SrPolicyStore(this.net, this.sids);
    this.igp = new IgpRouting(this.net);
    this.forwarder = new FlowForwarder(this.net, this.igp, this.seed);
    this.fx = new FaultEffects(this.net);
    this.load = new LinkLoad(this.net);
    this.interfaces = new InterfaceTable(this.net, this.now);
    this.health = new NodeHealth(this.net, this.seed);
    const lon = Float64Array.from(this.net.nodeIds, (id) => options.topology.node(id).geo?.lon ?? 0);
    this.traffic = new TrafficModel(this.seed, lon, options.traffic);
    const resolved = resolveDemands(this.net, this.seed, options);
    this.demands = busyHourDemands(this.net, this.forwarder, resolved, this.traffic, options);
    this.demandSrc = Int32Array.from(this.demands, (d) => d.src);
    this.demandDst = Int32Array.from(this.demands, (d) => d.dst);
    this.demandBase = Float64Array.from(this.demands, (d) => d.mbps);
    const { probeRatePps } = options;
    this.probing = new EngineProbes(this.net, this.seed, probeRatePps, this.demandSrc, this.demandDst);
    this.rates = new Float64Array(this.demands.length);
    this.surge = new Float64Array(this.demands.length).fill(1);
    this.nodeUp = new Uint8Array(this.net.nodeCount).fill(1);
    this.arcUp = new Uint8Array(this.net.arcCount).fill(1);
    this.legacy = chooseLegacy(this.net, this.seed, options.legacyShare ?? 0);
    this.drifts = new DriftTracker(this.net, this.sids, this.store);
    this.replan();
  }

  /** Advances one tick of tickMs simulated milliseconds. */
  step(): void {
    const t = this.now;
    const { started, ended } = this.faults.advance(t);
    for (const e of ended) this.drifts.end(e.id);
    for (const e of started) this.drifts.start(e.id, e.spec);
    this.fx.compute(this.faults, t);
    for (let v = 0; v < this.nodeUp.length; v++) this.nodeUp[v] = this.fx.nodeDown[v] ? 0 : 1;
    const changes = this.interfaces.updateOper(this.fx, t);
    for (let a = 0; a < this.arcUp.length; a++) this.arcUp[a] = 1 - this.fx.arcDown[a]!;
    const rerouted = this.igp.update(this.arcUp, this.nodeUp);
    if (rerouted) this.igpVersion++;
    this.replan();
    this.traffic.rates(this.tickNo, t, this.demandSrc, this.demandBase, this.surge, this.nodeUp, this.rates);
    this.load.compute(this.plan.demandPaths, this.rates, this.igp.arcUsable, this.fx);
    this.interfaces.advance(this.load, this.fx, this.igp.arcUsable, this.tickMs);
    this.interfaces.discardDropped(this.plan.demandPaths, this.rates, this.load, this.tickMs);
    this.probing.count(this.plan, this.rates, this.tickMs);
    this.health.update(this.load, this.nodeUp, this.tickNo, rerouted, this.store);
    this.now = t + this.tickMs;
    this.probing.probe(this.plan, this.load, this.now, this.tickNo, this.tickMs);
    this.tickNo++;
    for (const { ifIx, up } of changes)
      this.events.operStatus(this.net.nodeIds[this.net.ifNode[ifIx]!]!, this.net.interfaceName(ifIx), up, t);
    this.events.tick(this.now);
  }

  get ticks(): number {
    return this.tickNo;
  }

  // --- SimSource -------------------------------------------------------------------------------------------

  nodeIds(): readonly string[] {
    return this.net.nodeIds;
  }

  node(id: string): SimNodeState | undefined {
    const v = this.net.nodeIndex(id);
    if (v === undefined) return undefined;
    const interfaces = [];
    for (let i = this.net.ifStart[v]!; i < this.net.ifStart[v + 1]!; i++)
      interfaces.push(this.interfaces.view(i));
    return {
      id,
      name: this.net.nodeNames[v]!,
      legacy: this.legacy[v] === 1,
      up: this.nodeUp[v] === 1,
      cpuPct: this.health.cpuPct[v]!,
      memPct: this.health.memPct[v]!,
      interfaces,
    };
  }

  /** A node's status without building its interface views. */
  nodeStatus(id: string): { up: boolean; legacy: boolean; cpuPct: number; memPct: number } | undefined {
    const v = this.net.nodeIndex(id);
    if (v === undefined) return undefined;
    const up = this.nodeUp[v] === 1;
    return {
      up,
      legacy: this.legacy[v] === 1,
      cpuPct: this.health.cpuPct[v]!,
      memPct: this.health.memPct[v]!,
    };
  }

  nowMs(): number {
    return this.now;
  }

  probes(headend: string): readonly SimProbeState[] {
    return this.probing.tracker.forHeadend(headend);
  }

  allProbes(): readonly SimProbeState[] {
    return this.probing.tracker.all();
  }

  policyCounters(headend: string): readonly SimPolicyCounters[] {
    return this.probing.counters.policyCounters(headend);
  }

  destinationCounters(ne: string): readonly SimDestinationCounters[] {
    return this.probing.counters.destinationCounters(ne);
  }

  telemetrySilent(ne: string): boolean {
    const v = this.net.nodeIndex(ne);
    return v !== undefined && this.fx.nodeSilent[v] === 1;
  }

  onTick(listener: (nowMs: number) => void): () => void {
    return this.events.onTick(listener);
  }

  onOperStatus(listener: OperListener): () => void {
    return this.events.onOperStatus(listener);
  }

  setPolicies(headend: string, policies: readonly SrPolicyJson[]): SimSetResult {
    return this.store.set(headend, policies);
  }

  deletePolicy(headend: string, name: string): SimSetResult {
    return this.store.delete(headend, name);
  }

  policies(headend: string): readonly SrPolicyJson[] {
    const v = this.net.nodeIndex(headend);
    return v === undefined ? [] : this.store.list(v).map((p) => p.json);
  }

  /** Probes SIDs in order (none: the IGP path) on request, one tick's worth of probes, without installing. */
  probeSegmentList(
    headend: string,
    endpoint: string,
    segments: readonly string[],
  ): SimProbeState | { error: string } {
    const { store, forwarder, load, now: nowMs, tickNo: tick, tickMs } = this;
    return this.probing.onRequest(
      { store, forwarder, load, nowMs, tick, tickMs },
      headend,
      endpoint,
      segments,
    );
  }

  // --- Faults ----------------------------------------------------------------------------------------------

  /** Validates and schedules a fault; throws FaultRequestError naming the bad field. */
  addFault(body: unknown): SimFault {
    const spec = parseFaultRequest(body, this.net, {
      tickMs: this.tickMs,
      hasPolicy: (h, name) => this.store.get(h, name) !== undefined,
      isSid: (sid) => this.sids.resolve(SrPolicyStore.canonical(sid) ?? '') !== undefined,
    });
    return this.faults.add(spec, this.now);
  }

  endFault(id: string): SimFault | undefined {
    return this.faults.end(id, this.now);
  }

  listFaults(): SimFault[] {
    return this.faults.list(this.now);
  }

  /** Whether an installed policy currently differs from what was configured because of a drift fault. */
  isDrifted(headend: string, name: string): boolean {
    return this.drifts.isDrifted(headend, name);
  }

  /** Per demand: Mbit/s delivered at its destination in the last tick. */
  get delivered(): Float64Array {
    return this.load.delivered;
  }

  /** The paths the last plan uses for demand `d` (arc ids), with their fractions. */
  demandPaths(d: number): { fraction: number; arcs: string[]; dropped: boolean }[] {
    return describePaths(this.net, this.plan.demandPaths, d);
  }

  /** Re-routes when the IGP or the policies changed; recomputes surges when routes or congestion faults did. */
  private replan(): void {
    const key = `${this.igpVersion}/${this.store.version}`;
    const surgeKey = `${key}/${this.fx.congestion.map((c) => c.id).join(',')}`;
    if (key !== this.planKey) {
      this.planKey = key;
      const { net, forwarder, store, demandSrc, demandDst, routeCache } = this;
      this.plan = planForwarding(net, forwarder, store, demandSrc, demandDst, routeCache);
    }
    if (surgeKey !== this.surgeKey) {
      this.surgeKey = surgeKey;
      const { net, fx, plan, demandSrc, demandDst, surge } = this;
      surgeFactors(net, fx.congestion, plan.demandPaths, demandSrc, demandDst, surge);
    }
  }
}
