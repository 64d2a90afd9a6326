import type { Ecmp } from '../ecmp';

/** Where one unit of traffic goes: parallel arrays of arc indices and the share of the unit on each. */
export interface Footprint {
  readonly arcs: Int32Array;
  readonly fractions: Float64Array;
}

/**
 * SR-ECMP footprints: a leg x→y is what an End SID of y does to traffic at x (even split over equal-cost next
 * hops at every node); a route s→w1→…→t is the sum of its legs. Legs are computed on first use and cached.
 */
export class SrLegs {
  /** Per source node, the legs to each destination (undefined until computed). */
  private readonly cache: (Footprint | null | undefined)[][];

  constructor(readonly ecmp: Ecmp) {
    this.cache = Array.from({ length: ecmp.nodeCount }, () => []);
  }

  /** Unit footprint of the leg from node x to node y (dense indices); null when y is unreachable from x. */
  leg(x: number, y: number): Footprint | null {
    const row = this.cache[x]!;
    let fp = row[y];
    if (fp === undefined) {
      fp = this.computeLeg(x, y);
      row[y] = fp;
    }
    return fp;
  }

  /** The legs of the route from `from` through `waypoints` to `to`; null when one leg is unreachable. */
  legs(from: number, waypoints: readonly number[], to: number): Footprint[] | null {
    const stops = [from, ...waypoints, to];
    const out: Footprint[] = [];
    for (let i = 0; i + 1 < stops.length; i++) {
      const fp = this.leg(stops[i]!, stops[i + 1]!);
      if (!fp) return null;
      out.push(fp);
    }
    return out;
  }

  /** One footprint for a whole route, an arc's shares summed over legs, sorted by arc index. */
  route(from: number, waypoints: readonly number[], to: number): Footprint | null {
    const legs = this.legs(from, waypoints, to);
    if (!legs) return null;
    if (legs.length === 1) return legs[0]!;
    const sum = new Map<number, number>();
    for (const fp of legs) fp.arcs.forEach((a, i) => sum.set(a, (sum.get(a) ?? 0) + fp.fractions[i]!));
    const arcs = Int32Array.from([...sum.keys()].sort((p, q) => p - q));
    return { arcs, fractions: Float64Array.from(arcs, (a) => sum.get(a)!) };
  }

  private computeLeg(x: number, y: number): Footprint | null {
    const arcs: number[] = [];
    const fractions: number[] = [];
    const ok = this.ecmp.toward(y).spread(x, (a, f) => {
      arcs.push(a);
      fractions.push(f);
    });
    if (!ok) return null;
    const order = arcs.map((_, i) => i).sort((p, q) => arcs[p]! - arcs[q]!);
    return {
      arcs: Int32Array.from(order, (i) => arcs[i]!),
      fractions: Float64Array.from(order, (i) => fractions[i]!),
    };
  }
}

/** The share of a unit a sorted footprint puts on one arc (binary search). */
export function shareOn(fp: Footprint, arc: number): number {
  let lo = 0;
  let hi = fp.arcs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const a = fp.arcs[mid]!;
    if (a === arc) return fp.fractions[mid]!;
    if (a < arc) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}
