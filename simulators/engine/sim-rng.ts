/** Module-level aliases: global lookups are slow inside vm contexts (jest), and these run per arc per tick. */
const { imul } = Math;

/**
 * Seeded, order-independent randomness for the simulator. Every random draw is a pure function of
 * (seed, stream, a, b), so the same seed gives the same run whatever order the engine evaluates things in.
 */

/** 32-bit integer mix (a variant of the murmur3 finaliser). */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of up to four integers. */
export function hash4(seed: number, a: number, b = 0, c = 0): number {
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ imul(a | 0, 0xcc9e2d51));
  h = mix32(h ^ imul(b | 0, 0x1b873593));
  h = mix32(h ^ imul(c | 0, 0xe6546b64));
  return h;
}

/** Uniform in [0, 1) from four integers. */
export function uniform4(seed: number, a: number, b = 0, c = 0): number {
  return hash4(seed, a, b, c) / 4294967296;
}

/** FNV-1a hash of a string (for node ids in seeded choices). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A sequential seeded generator (mulberry32) for one-off set-up such as the gravity model. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
