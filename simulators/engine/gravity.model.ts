import { seededRandom } from './sim-rng';
import type { SimNetwork } from './sim-network';

/** A demand between two node indices. */
export interface SimDemand {
  readonly src: number;
  readonly dst: number;
  readonly mbps: number;
}

export interface GravityOptions {
  /** Share of a node's egress capacity it originates at the daily mean (default 0.08). */
  readonly loadFactor?: number;
  /** Above this many nodes each source sends to only `fanout` destinations drawn by mass (default 24). */
  readonly fanout?: number;
}

/**
 * A seeded gravity model: node mass = its egress capacity × a random factor in [0.5, 1.5); demand i→j is
 * proportional to mass_i × mass_j, scaled so node i originates `loadFactor` × its egress capacity in total.
 * Large networks draw `fanout` destinations per source (proportionally to mass) instead of the full mesh.
 */
export function gravityDemands(net: SimNetwork, seed: number, options: GravityOptions = {}): SimDemand[] {
  const loadFactor = options.loadFactor ?? 0.08;
  const fanout = options.fanout ?? 24;
  const rnd = seededRandom(seed ^ 0x5eed);
  const n = net.nodeCount;
  const egress = new Float64Array(n);
  for (let a = 0; a < net.arcCount; a++) egress[net.arcFrom[a]!]! += net.arcCapacityMbps[a]!;
  const mass = Float64Array.from(egress, (c) => c * (0.5 + rnd()));
  const demands: SimDemand[] = [];
  for (let i = 0; i < n; i++) {
    const dests = n - 1 <= fanout ? allBut(n, i) : drawByMass(mass, i, fanout, rnd);
    const sum = dests.reduce((s, j) => s + mass[j]!, 0);
    if (sum <= 0 || egress[i] === 0) continue;
    for (const j of dests.sort((x, y) => x - y)) {
      demands.push({ src: i, dst: j, mbps: (loadFactor * egress[i]! * mass[j]!) / sum });
    }
  }
  return demands;
}

function allBut(n: number, i: number): number[] {
  return Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
}

/** `k` distinct destinations other than `i`, each drawn with probability proportional to its mass. */
function drawByMass(mass: Float64Array, i: number, k: number, rnd: () => number): number[] {
  const chosen = new Set<number>();
  const total = mass.reduce((s, m) => s + m, 0);
  for (let tries = 0; chosen.size < k && tries < 20 * k; tries++) {
    let x = rnd() * total;
    let j = 0;
    while (j < mass.length - 1 && x >= mass[j]!) x -= mass[j++]!;
    if (j !== i) chosen.add(j);
  }
  return [...chosen];
}
