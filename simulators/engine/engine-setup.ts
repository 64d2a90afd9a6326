import type { Demand } from '../../src/core/model/topology';
import type { TopologyGraph } from '../../src/core/topology';
import { gravityDemands, type GravityOptions, type SimDemand } from './gravity.model';
import { hash4, hashString } from './sim-rng';
import type { SimNetwork } from './sim-network';

/** The demands to simulate: given ones, else the topology's, else a seeded gravity model (self-demands dropped). */
export function resolveDemands(
  net: SimNetwork,
  seed: number,
  options: {
    readonly topology: TopologyGraph;
    readonly demands?: readonly Demand[];
    readonly gravity?: GravityOptions;
  },
): SimDemand[] {
  const given =
    options.demands ?? (options.topology.demands.length > 0 ? options.topology.demands : undefined);
  if (!given) return gravityDemands(net, seed, options.gravity);
  return given
    .map((d) => ({ src: net.nodeIndex(d.from), dst: net.nodeIndex(d.to), mbps: d.mbps }))
    .filter((d): d is SimDemand => d.src !== undefined && d.dst !== undefined && d.src !== d.dst);
}

/** Marks floor(share × n) NEs as legacy (SNMP only), chosen by a seeded hash of their ids. */
export function chooseLegacy(net: SimNetwork, seed: number, share: number): Uint8Array {
  const n = net.nodeCount;
  const order = net.nodeIds.map((id, v) => [hash4(seed, hashString(id), 0x1e9), v] as const);
  order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const legacy = new Uint8Array(n);
  for (const [, v] of order.slice(0, Math.floor(Math.max(0, Math.min(1, share)) * n))) legacy[v] = 1;
  return legacy;
}
