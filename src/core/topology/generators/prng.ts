// Module-level bindings of Math functions: hot loops then avoid global lookups, which are slow inside vm
// contexts such as Jest's sandbox.
const { imul, floor, sqrt, log, cos, PI } = Math;

/**
 * Seeded pseudo-random numbers for the generators (core is pure: no Math.random).
 *
 * mulberry32: one 32-bit word of state, a Weyl increment and an xorshift-multiply output mix. It is tiny, fast
 * and statistically good enough for synthetic topologies; it is not cryptographic. Independent streams for
 * independent concerns (positions, capacities, demands…) come from `seedOf(seed, stream)`, so changing how one
 * concern draws numbers does not reshuffle the others.
 */
export class Prng {
  private state: number;

  constructor(seed32: number) {
    this.state = seed32 >>> 0;
  }

  /** A uniform integer in [0, 2^32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n); n must be a positive integer below 2^32 (bias < n / 2^32). */
  int(n: number): number {
    return floor(this.next() * n);
  }

  /** A uniform number in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A standard normal deviate (Box–Muller, one of the pair). */
  normal(): number {
    const u1 = 1 - this.next(); // (0, 1]: log is finite
    const u2 = this.next();
    return sqrt(-2 * log(u1)) * cos(2 * PI * u2);
  }

  /** One element by cumulative weights (weights >= 0, not all zero). */
  pickWeighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      if (x < w) return item;
      x -= w;
    }
    return items[items.length - 1]![0];
  }
}

/** murmur3's 32-bit finaliser: a bijection on 32-bit words with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a stream name. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The 32-bit state of one named stream of a user seed (any safe integer). For seeds in [0, 2^32) distinct seeds
 * give distinct states within a stream (the mix is a bijection of the low word).
 */
export function seedOf(seed: number, stream: string): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return fmix32(lo ^ fmix32(hi ^ hashName(stream)));
}

/** A generator for one named stream of a user seed. */
export const prngFor = (seed: number, stream: string): Prng => new Prng(seedOf(seed, stream));
