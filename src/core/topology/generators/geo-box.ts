import type { GeoPoint } from '../../model/topology';
// Module-level bindings of Math functions: hot loops then avoid global lookups, which are slow inside vm
// contexts such as Jest's sandbox.
const { sin, cos, asin, sqrt, min, max, round, PI } = Math;

/** A point of the generators' model space, the unit square [0, 1]². */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The latitude/longitude rectangle the unit square is mapped onto (x → longitude, y → latitude, linearly). */
export interface GeoBox {
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLon: number;
  readonly maxLon: number;
}

/** Roughly the contiguous United States: about 4,300 km × 2,000 km, so cross-country delays near 20 ms. */
export const DEFAULT_GEO_BOX: GeoBox = { minLat: 30, maxLat: 48, minLon: -122, maxLon: -72 };

const EARTH_RADIUS_KM = 6371.0088;
const round5 = (x: number): number => round(x * 1e5) / 1e5;

/** Maps a unit-square point into the box, rounded to 1e-5 degrees (about a metre). */
export function toGeo(p: Point, box: GeoBox): GeoPoint {
  return {
    lat: round5(box.minLat + p.y * (box.maxLat - box.minLat)),
    lon: round5(box.minLon + p.x * (box.maxLon - box.minLon)),
  };
}

/** Great-circle distance (haversine, mean Earth radius). */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const rad = PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = sin(dLat / 2) ** 2 + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * asin(min(1, sqrt(h)));
}

/** Euclidean distance in the unit square (the generators' model distance). */
export const distance = (a: Point, b: Point): number => sqrt((a.x - b.x) ** 2 + (a.y - b.y) ** 2);

/** Keeps a coordinate inside [0, 1]. */
export const clamp01 = (v: number): number => min(1, max(0, v));
