import type { SimProbeState } from '../sim-source';
import type { FlowForwarder } from './flow-paths';
import type { ForwardingPlan } from './forwarding.plan';
import { HeadendCounters } from './headend-counters';
import type { LinkLoad } from './link-load';
import { ProbeNoise } from './probe-noise';
import { probeOnRequest, ProbeTracker } from './probe.tracker';
import { hashString } from './sim-rng';
import type { SimNetwork } from './sim-network';
import type { SrPolicyStore } from './sr-policy.store';

/**
 * What the headends measure and count each tick: honest SR-policy probes (ProbeTracker) and the per-policy
 * and per-destination traffic counters (HeadendCounters). One object so the engine wires them in one place.
 */
export class EngineProbes {
  readonly tracker: ProbeTracker;
  readonly counters: HeadendCounters;

  constructor(
    net: SimNetwork,
    private readonly seed: number,
    /** Probe packets per second per policy; default DEFAULT_PROBE_RATE_PPS (1,000). */
    ratePps: number | undefined,
    demandSrc: Int32Array,
    demandDst: Int32Array,
  ) {
    this.tracker = new ProbeTracker(seed, ratePps === undefined ? {} : { ratePps });
    this.counters = new HeadendCounters(net, demandSrc, demandDst);
  }

  /** Counts one tick of offered demand (before the tick's time advances). */
  count(plan: ForwardingPlan, rates: Float64Array, tickMs: number): void {
    this.counters.advance(plan, rates, tickMs);
  }

  /** Probes every installed policy over the tick that ends at `nowMs`. */
  probe(plan: ForwardingPlan, load: LinkLoad, nowMs: number, tick: number, tickMs: number): void {
    this.tracker.measure(plan.probeTargets, plan.probePaths, load, nowMs, tick, tickMs);
  }

  /** One tick's worth of probes over a segment list on request, seeded by what is probed and when. */
  onRequest(
    ctx: {
      store: SrPolicyStore;
      forwarder: FlowForwarder;
      load: LinkLoad;
      nowMs: number;
      tick: number;
      tickMs: number;
    },
    headend: string,
    endpoint: string,
    segments: readonly string[],
  ): SimProbeState | { error: string } {
    const noise = new ProbeNoise(
      this.seed,
      hashString(`${headend}>${endpoint}>${segments.join(',')}`),
      ctx.tick,
    );
    const sent = this.tracker.sentPerTick(ctx.tickMs);
    const { store, forwarder, load, nowMs } = ctx;
    return probeOnRequest(store, forwarder, load, nowMs, headend, endpoint, segments, sent, noise);
  }
}
