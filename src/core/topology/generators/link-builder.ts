import type { GeoPoint } from '../../model/topology';
import type { Prng } from './prng';
import { greatCircleKm } from './geo-box';
import type { DirectionInput, LinkInput } from '../topology-input';

const { max, round } = Math; // module bindings: cheap in hot loops, also inside Jest's vm sandbox

/** Capacity tiers in Mbit/s. */
export const GBPS_10 = 10_000;
export const GBPS_40 = 40_000;
export const GBPS_100 = 100_000;

/** Propagation delay of light in fibre, about 5 µs per km. */
export const DELAY_US_PER_KM = 5;

/** What every generator derives, recorded in `provenance.derived`. */
export const COMMON_DERIVATIONS: readonly string[] = [
  'geo: synthetic positions in the unit square mapped linearly onto the generator lat/lon box',
  'locatorNode: 1..N in generation order',
  `delayUs = max(1, round(great-circle km × ${DELAY_US_PER_KM} µs/km)), same in both directions`,
  'igpMetric = max(1, round(delayUs / 10)); teMetric = igpMetric',
  'capacityMbps: generator tiers 10000 / 40000 / 100000 (10G / 40G / 100G), same in both directions',
];

/** The attributes of one direction of a link between two places. */
export function directionBetween(a: GeoPoint, b: GeoPoint, capacityMbps: number): DirectionInput {
  const delayUs = max(1, round(greatCircleKm(a, b) * DELAY_US_PER_KM));
  return { capacityMbps, delayUs, igpMetric: max(1, round(delayUs / 10)) };
}

/**
 * Collects the links of one generated topology by node index: refuses self-loops and parallel links, numbers
 * links l1, l2… in the order they are added and derives delay and metric from the endpoints' positions.
 */
export class LinkBuilder {
  private readonly links: LinkInput[] = [];
  private readonly pairs = new Set<number>();
  /** Endpoint indices of each link, in link order. */
  readonly ends: [number, number][] = [];

  constructor(
    private readonly ids: readonly string[],
    private readonly geo: readonly GeoPoint[],
  ) {}

  get count(): number {
    return this.links.length;
  }

  has(i: number, j: number): boolean {
    return this.pairs.has(this.key(i, j));
  }

  /** Adds a link unless it is a self-loop or duplicates one; returns whether it was added. */
  add(i: number, j: number, capacityMbps: number, srlgs: readonly number[] = []): boolean {
    if (i === j || this.has(i, j)) return false;
    const [a, b] = i < j ? [i, j] : [j, i];
    this.pairs.add(this.key(a, b));
    this.ends.push([a, b]);
    const dir = directionBetween(this.geo[a]!, this.geo[b]!, capacityMbps);
    this.links.push({
      id: `l${this.links.length + 1}`,
      a: this.ids[a]!,
      b: this.ids[b]!,
      ...(srlgs.length > 0 && { srlgs: [...srlgs] }),
      ab: dir,
      ba: { ...dir },
    });
    return true;
  }

  /** Adds SRLGs to a link already built (by its position in link order). */
  addSrlg(link: number, srlg: number): void {
    const l = this.links[link]!;
    this.links[link] = { ...l, srlgs: [...(l.srlgs ?? []), srlg] };
  }

  result(): LinkInput[] {
    return this.links;
  }

  private key(i: number, j: number): number {
    return i < j ? i * this.ids.length + j : j * this.ids.length + i;
  }
}

/** A random capacity tier for a generic backbone link: 40% 10G, 35% 40G, 25% 100G. */
export function drawTier(rng: Prng): number {
  return rng.pickWeighted([
    [GBPS_10, 0.4],
    [GBPS_40, 0.35],
    [GBPS_100, 0.25],
  ]);
}
