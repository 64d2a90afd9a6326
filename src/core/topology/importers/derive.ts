import type { GeoPoint } from '../../model/topology';

/** Derivations importers use when a source lacks an attribute; each is named in the provenance. */
export const US_PER_KM = 5;
export const DEFAULT_CAPACITY_MBPS = 10_000;
export const DEFAULT_DELAY_US = 1_000;
export const REFERENCE_BANDWIDTH_MBPS = 100_000;
const EARTH_RADIUS_KM = 6371.0088;

export const DERIVED = {
  delayFromDistance: `delay from great-circle distance at ${US_PER_KM} µs/km`,
  delayDefault: `delay ${DEFAULT_DELAY_US} µs where an endpoint has no coordinates`,
  igpFromDelay: 'IGP metric from delay (1 per 10 µs, at least 1)',
  igpFromCapacity: `IGP metric from inverse capacity (${REFERENCE_BANDWIDTH_MBPS} Mbit/s reference bandwidth, at least 1)`,
  capacityDefault: `capacity ${DEFAULT_CAPACITY_MBPS} Mbit/s where the source gives none`,
} as const;

export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Propagation delay in whole µs (at least 1: co-located PoPs still take time to cross). */
export const delayFromKm = (km: number): number => Math.max(1, Math.round(km * US_PER_KM));

export const igpFromDelay = (delayUs: number): number => Math.max(1, Math.round(delayUs / 10));

export const igpFromCapacity = (capacityMbps: number): number =>
  Math.max(1, Math.round(REFERENCE_BANDWIDTH_MBPS / capacityMbps));

/** Node ids people can type: the label without spaces or punctuation, made unique with a suffix. */
export class IdMaker {
  private readonly used = new Set<string>();

  make(label: string | undefined, fallback: string): string {
    const slug = (label ?? '').normalize('NFKD').replace(/[^A-Za-z0-9_.-]/g, '');
    let id = slug.length > 0 ? slug : fallback;
    if (this.used.has(id)) id = `${id}-${fallback}`;
    let k = 2;
    const base = id;
    while (this.used.has(id)) id = `${base}-${k++}`;
    this.used.add(id);
    return id;
  }
}
