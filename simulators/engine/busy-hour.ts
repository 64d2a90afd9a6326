import type { FlowForwarder, FlowEntry } from './flow-paths';
import type { SimDemand } from './gravity.model';
import type { SimNetwork } from './sim-network';
import type { TrafficModel, TrafficOptions } from './traffic.model';

/** Default peak utilisation of the busiest link in the busy hour, for generated (gravity-model) demands. */
export const DEFAULT_PEAK_UTILISATION = 0.75;

/**
 * The highest utilisation any arc reaches when every demand offers `peakFactor` × its mean rate over its IGP
 * paths (ECMP split as the network forwards it), with no faults. An upper bound of the busy-hour peak: the
 * diurnal peaks of different sources do not coincide exactly and noise rarely peaks everywhere at once.
 */
export function peakUtilisation(
  net: SimNetwork,
  forwarder: FlowForwarder,
  demands: readonly SimDemand[],
  peakFactor: number,
): number {
  const entries: FlowEntry[] = demands.map((d, key) => ({ src: d.src, dst: d.dst, key }));
  const t = forwarder.build(entries);
  const load = new Float64Array(net.arcCount);
  for (let d = 0; d < demands.length; d++) {
    const rate = demands[d]!.mbps * peakFactor;
    for (let p = t.entryPathStart[d]!; p < t.entryPathStart[d + 1]!; p++) {
      const f = rate * t.pathFraction[p]!;
      for (let h = t.pathHopStart[p]!; h < t.pathHopStart[p + 1]!; h++) load[t.hops[h]!]! += f;
    }
  }
  let max = 0;
  for (let a = 0; a < net.arcCount; a++) max = Math.max(max, load[a]! / net.arcCapacityMbps[a]!);
  return max;
}

/**
 * Benign busy hours: scales the demands so that the busiest link peaks at `target` utilisation in the daily
 * busy hour (near, but below, its capacity: congestion that must not be called a fault). Demands without
 * any load are returned as they are.
 */
export function calibrateBusyHour(
  net: SimNetwork,
  forwarder: FlowForwarder,
  demands: readonly SimDemand[],
  peakFactor: number,
  target: number,
): SimDemand[] {
  if (!(target > 0 && target < 1)) throw new RangeError(`peak utilisation must be in (0, 1), got ${target}`);
  const peak = peakUtilisation(net, forwarder, demands, peakFactor);
  if (!(peak > 0)) return [...demands];
  const scale = target / peak;
  return demands.map((d) => ({ ...d, mbps: d.mbps * scale }));
}

/** The demands to simulate with busy hours applied: generated ones always, given ones when asked for. */
export function busyHourDemands(
  net: SimNetwork,
  forwarder: FlowForwarder,
  demands: readonly SimDemand[],
  traffic: TrafficModel,
  options: {
    readonly demands?: unknown;
    readonly topology: { readonly demands: readonly unknown[] };
    readonly traffic?: TrafficOptions;
  },
): readonly SimDemand[] {
  const generated = options.demands === undefined && options.topology.demands.length === 0;
  const target = options.traffic?.peakUtilisation ?? (generated ? DEFAULT_PEAK_UTILISATION : undefined);
  return target === undefined
    ? demands
    : calibrateBusyHour(net, forwarder, demands, traffic.peakFactor(), target);
}
