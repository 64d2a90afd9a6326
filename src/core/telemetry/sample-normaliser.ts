import type { ArcId, NodeId } from '../model/ids';
import { BoundedMap } from './bounded-map';
import { counterDelta, maxOctetsDelta } from './counter-rate';
import { SeriesKeyCache, pruneWhere } from './series-key.cache';
import type { CounterWidth } from './counter-rate';
import type { InterfaceArcMap } from './interface-map';
import type { CounterSampleInput, SampleInput } from './sample-input';
import { TrafficRateTracker } from './traffic-rate.tracker';
import type { OctetReading } from './traffic-rate.tracker';
import type {
  DemandPoint,
  InterfaceField,
  InterfacePoint,
  NodePoint,
  PolicyField,
  PolicyPoint,
  TelemetryPoint,
} from './telemetry-point';
import { seriesKey } from './telemetry-point';

type CounterSample = CounterSampleInput;
type CounterName =
  'inOctets' | 'outOctets' | 'inPkts' | 'outPkts' | 'inErrors' | 'inDiscards' | 'outDiscards' | 'inFcsErrors';

/** counter → rate field, and the multiplier (8 turns octets into bits). */
const RATE_OF: readonly (readonly [CounterName, InterfaceField, number])[] = [
  ['inOctets', 'inBps', 8],
  ['outOctets', 'outBps', 8],
  ['inPkts', 'inPps', 1],
  ['outPkts', 'outPps', 1],
  ['inErrors', 'inErrorsPs', 1],
  ['inDiscards', 'inDiscardsPs', 1],
  ['outDiscards', 'outDiscardsPs', 1],
  ['inFcsErrors', 'inFcsErrorsPs', 1],
];

interface InterfaceState {
  readonly key: string;
  readonly ne: NodeId;
  readonly outArc: ArcId | undefined;
  readonly inArc: ArcId | undefined;
  /** Link speeds in bit/s (0 = unknown: no utilisation, no plausibility bound). */
  readonly outBps: number;
  readonly inBps: bigint;
  readonly outSpeed: bigint;
  prev: CounterSample | undefined;
}

export interface NormaliserOptions {
  /** Width of the counters the drivers deliver (gNMI and the SNMP driver's extended counters: 64). */
  readonly counterWidth?: CounterWidth;
  /** Octet deltas above `slack` × link speed × interval are treated as discontinuities (default 4). */
  readonly speedSlack?: bigint;
  /** Interfaces (NE × name) with state held at most (default 131 072); least recently seen evicted first. */
  readonly maxInterfaces?: number;
  /** SR policies (headend × name) held at most (default 65 536). */
  readonly maxPolicies?: number;
  /** NEs held at most (default 16 384). */
  readonly maxNodes?: number;
  /** Traffic-matrix demands (NE × destination) held at most (default 65 536). */
  readonly maxDemands?: number;
}

/** State evicted to stay within the caps (a re-seen series starts again from a first sample), or pruned. */
export interface NormaliserEvictions {
  readonly interfaces: number;
  readonly policies: number;
  readonly nodes: number;
  readonly demands: number;
  /** Counter baselines of policy/destination traffic. */
  readonly baselines: number;
  /** Entries forgotten because their NE left the topology (`retainNes`). */
  readonly pruned: number;
}

export interface NormaliserStats {
  readonly samples: number;
  readonly points: number;
  /** Samples not newer than the previous one of their series (duplicates, reordering): not used. */
  readonly stale: number;
  /** Counters whose delta was not computed (reset, flagged discontinuity, implausible jump). */
  readonly discontinuities: number;
  /** Interfaces with no topology arc (still stored, without utilisation). */
  readonly unmappedInterfaces: number;
  readonly evictions: NormaliserEvictions;
}

/**
 * Turns driver sample streams (TelemetrySample, read as SampleInput) into TelemetryPoints: counter deltas → per-second rates (wraps, resets and
 * discontinuities via counter-rate), utilisation against the arc's capacity, gauges passed through. A first
 * counter sample of an interface (or the first after a discontinuity) yields no rates. Pure and synchronous;
 * holds one previous sample per interface. Every map keyed by input is capped (LRU, evictions counted), and
 * `retainNes` forgets NEs a topology change removed.
 */
export class SampleNormaliser {
  /** Keyed `ne \0 interface`. */
  private readonly interfaces: BoundedMap<string, InterfaceState>;
  private readonly keys: SeriesKeyCache;
  private readonly traffic: TrafficRateTracker;
  private readonly width: CounterWidth;
  private readonly slack: bigint;
  private pruned = 0;
  private s = { samples: 0, points: 0, stale: 0, discontinuities: 0, unmappedInterfaces: 0 };

  constructor(
    private readonly map: InterfaceArcMap,
    options: NormaliserOptions = {},
  ) {
    this.width = options.counterWidth ?? 64;
    this.slack = options.speedSlack ?? 4n;
    this.interfaces = new BoundedMap(options.maxInterfaces ?? 131_072);
    const maxPolicies = options.maxPolicies ?? 65_536;
    const maxDemands = options.maxDemands ?? 65_536;
    this.keys = new SeriesKeyCache({ maxNodes: options.maxNodes ?? 16_384, maxPolicies, maxDemands });
    this.traffic = new TrafficRateTracker(64, maxPolicies + maxDemands);
  }

  stats(): NormaliserStats {
    return {
      ...this.s,
      evictions: {
        interfaces: this.interfaces.evicted,
        ...this.keys.evicted(),
        baselines: this.traffic.evicted,
        pruned: this.pruned,
      },
    };
  }

  /** Entries held per map (for tests and status). */
  sizes(): { interfaces: number; policies: number; nodes: number; demands: number; baselines: number } {
    return {
      interfaces: this.interfaces.size,
      ...this.keys.sizes(),
      baselines: this.traffic.size,
    };
  }

  /** Forgets every interface, policy, demand and baseline of NEs not in `nes` (call on a topology change). */
  retainNes(nes: ReadonlySet<NodeId>): void {
    this.pruned +=
      pruneWhere(this.interfaces, (_, st) => !nes.has(st.ne)) +
      this.keys.retainNes(nes) +
      this.traffic.retainNes((ne) => nes.has(ne));
  }

  /**
   * The point for one sample, or undefined when the sample carries nothing usable: stale, or the first
   * (or first-after-reset) reading of a policy/destination traffic counter, which has no rate yet.
   */
  normalise(sample: SampleInput): TelemetryPoint | undefined {
    this.s.samples++;
    const p = this.dispatch(sample);
    if (p) this.s.points++;
    return p;
  }

  private dispatch(sample: SampleInput): TelemetryPoint | undefined {
    switch (sample.kind) {
      case 'interface-counters':
        return this.counters(sample);
      case 'oper-status': {
        const st = this.stateOf(sample.ne, sample.interface);
        return this.interfacePoint(sample.ne, sample.interface, st, sample.timestampNs, {
          operUp: sample.status === 'up' ? 1 : 0,
        });
      }
      case 'node-resources':
        return this.nodePoint(sample);
      case 'probe':
        return this.policyPoint(sample);
      case 'policy-traffic':
        return this.policyTraffic(sample);
      case 'destination-traffic':
        return this.demandTraffic(sample);
    }
  }

  private policyTraffic(sample: Extract<SampleInput, { kind: 'policy-traffic' }>): PolicyPoint | undefined {
    const key = this.keys.policy(sample.ne, sample.policy);
    const bps = this.rateOf(key, sample);
    if (bps === undefined) return undefined;
    const ts = toMs(sample.timestampNs);
    const fields = { trafficBps: bps };
    return { measurement: 'policy', key, ne: sample.ne, policy: sample.policy, timestampMs: ts, fields };
  }

  private demandTraffic(
    sample: Extract<SampleInput, { kind: 'destination-traffic' }>,
  ): DemandPoint | undefined {
    const key = this.keys.demand(sample.ne, sample.destination);
    const bps = this.rateOf(key, sample);
    if (bps === undefined) return undefined;
    return {
      measurement: 'demand',
      key,
      ne: sample.ne,
      destination: sample.destination,
      timestampMs: toMs(sample.timestampNs),
      fields: { trafficBps: bps },
    };
  }

  private rateOf(key: string, sample: OctetReading): number | undefined {
    const r = this.traffic.next(key, sample);
    if (r.kind === 'stale') this.s.stale++;
    if (r.kind === 'discontinuity') this.s.discontinuities++;
    return r.kind === 'rate' ? r.bps : undefined;
  }

  private counters(sample: CounterSample): InterfacePoint | undefined {
    const st = this.stateOf(sample.ne, sample.interface);
    const prev = st.prev;
    if (prev !== undefined && sample.timestampNs <= prev.timestampNs) {
      this.s.stale++;
      return undefined;
    }
    st.prev = sample;
    const fields: Partial<Record<InterfaceField, number>> = {};
    if (prev !== undefined) {
      if (sample.discontinuity === true) this.s.discontinuities++;
      else this.rates(st, prev, sample, fields);
    }
    return this.interfacePoint(sample.ne, sample.interface, st, sample.timestampNs, fields, sample);
  }

  private rates(
    st: InterfaceState,
    prev: CounterSample,
    curr: CounterSample,
    fields: Partial<Record<InterfaceField, number>>,
  ): void {
    const intervalNs = curr.timestampNs - prev.timestampNs;
    const perSecond = 1e9 / Number(intervalNs);
    const width = this.width;
    for (const [counter, field, mult] of RATE_OF) {
      const a = prev[counter];
      const b = curr[counter];
      if (a === undefined || b === undefined) continue;
      const speed = counter === 'inOctets' ? st.inBps : counter === 'outOctets' ? st.outSpeed : 0n;
      const maxDelta = speed > 0n ? maxOctetsDelta(speed, intervalNs, this.slack) : undefined;
      const d = counterDelta(a, b, maxDelta === undefined ? { width } : { width, maxDelta });
      if (d.kind === 'discontinuity') {
        this.s.discontinuities++;
        continue;
      }
      fields[field] = Number(d.delta) * mult * perSecond;
    }
    const out = fields.outBps;
    if (out !== undefined && st.outBps > 0) fields.utilisation = out / st.outBps;
  }

  private interfacePoint(
    ne: NodeId,
    ifName: string,
    st: InterfaceState,
    timestampNs: bigint,
    fields: Partial<Record<InterfaceField, number>>,
    counters?: CounterSample,
  ): InterfacePoint {
    return {
      measurement: 'interface',
      key: st.key,
      ne,
      interface: ifName,
      timestampMs: toMs(timestampNs),
      ...(st.outArc !== undefined && { outArc: st.outArc }),
      ...(st.inArc !== undefined && { inArc: st.inArc }),
      fields,
      ...(counters !== undefined && { counters }),
    };
  }

  private nodePoint(sample: Extract<SampleInput, { kind: 'node-resources' }>): NodePoint {
    const key = this.keys.node(sample.ne);
    const fields: { cpuPct?: number; memPct?: number } = {};
    if (Number.isFinite(sample.cpuPct)) fields.cpuPct = sample.cpuPct;
    if (Number.isFinite(sample.memPct)) fields.memPct = sample.memPct;
    return { measurement: 'node', key, ne: sample.ne, timestampMs: toMs(sample.timestampNs), fields };
  }

  private policyPoint(sample: Extract<SampleInput, { kind: 'probe' }>): PolicyPoint {
    const key = this.keys.policy(sample.ne, sample.policy);
    const fields: Partial<Record<PolicyField, number>> = {};
    if (Number.isFinite(sample.delayUs)) fields.delayUs = sample.delayUs;
    if (Number.isFinite(sample.jitterUs)) fields.jitterUs = sample.jitterUs;
    if (Number.isFinite(sample.lossPct)) fields.lossPct = sample.lossPct;
    if (Number.isFinite(sample.probesSent) && sample.probesSent > 0) {
      fields.probesSent = sample.probesSent;
      if (Number.isFinite(sample.probesLost)) fields.probesLost = sample.probesLost;
    }
    const ts = toMs(sample.timestampNs);
    return { measurement: 'policy', key, ne: sample.ne, policy: sample.policy, timestampMs: ts, fields };
  }

  private stateOf(ne: NodeId, ifName: string): InterfaceState {
    const id = `${ne}\u0000${ifName}`;
    let st = this.interfaces.get(id);
    if (st === undefined) {
      const b = this.map.lookup(ne, ifName);
      if (b === undefined) this.s.unmappedInterfaces++;
      const outBps = (b?.outArc?.capacityMbps ?? 0) * 1e6;
      st = {
        key: seriesKey.interface(ne, ifName),
        ne,
        outArc: b?.outArc?.id,
        inArc: b?.inArc?.id,
        outBps,
        outSpeed: BigInt(Math.round(outBps)),
        inBps: BigInt(Math.round((b?.inArc?.capacityMbps ?? 0) * 1e6)),
        prev: undefined,
      };
      this.interfaces.set(id, st);
    }
    return st;
  }
}

const NS_PER_MS = 1_000_000n;
const toMs = (ns: bigint): number => Number(ns / NS_PER_MS);
