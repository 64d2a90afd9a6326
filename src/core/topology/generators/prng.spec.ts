import fc from 'fast-check';
import { Prng, prngFor, seedOf } from './prng';

const draw = (rng: Prng, n: number): number[] => Array.from({ length: n }, () => rng.nextUint32());

describe('Prng', () => {
  it('repeats the same sequence for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        expect(draw(new Prng(seed), 20)).toEqual(draw(new Prng(seed), 20));
      }),
    );
  });

  it('stays in range: next in [0, 1), int in [0, n)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1_000_000 }), (seed, n) => {
        const rng = new Prng(seed);
        for (let k = 0; k < 50; k++) {
          const x = rng.next();
          expect(x >= 0 && x < 1).toBe(true);
          const i = rng.int(n);
          expect(Number.isInteger(i) && i >= 0 && i < n).toBe(true);
        }
      }),
    );
  });

  it('is roughly uniform and its normals roughly standard', () => {
    const rng = new Prng(12345);
    const xs = Array.from({ length: 20_000 }, () => rng.next());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    const buckets = new Array<number>(10).fill(0);
    for (const x of xs) buckets[Math.floor(x * 10)]!++;
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(200);
    const zs = Array.from({ length: 20_000 }, () => rng.normal());
    const zMean = zs.reduce((s, z) => s + z, 0) / zs.length;
    const zVar = zs.reduce((s, z) => s + (z - zMean) ** 2, 0) / zs.length;
    expect(Math.abs(zMean)).toBeLessThan(0.03);
    expect(Math.abs(zVar - 1)).toBeLessThan(0.05);
  });

  it('picks by weight and never a zero-weight item', () => {
    const rng = new Prng(7);
    const counts = { a: 0, b: 0, c: 0 };
    for (let k = 0; k < 10_000; k++) {
      counts[
        rng.pickWeighted([
          ['a', 1],
          ['b', 0],
          ['c', 3],
        ] as const)
      ]++;
    }
    expect(counts.b).toBe(0);
    expect(Math.abs(counts.c / counts.a - 3)).toBeLessThan(0.3);
  });
});

describe('seedOf', () => {
  it('gives distinct states to distinct 32-bit seeds within a stream', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.string(),
        (a, b, stream) => {
          fc.pre(a !== b);
          expect(seedOf(a, stream)).not.toBe(seedOf(b, stream));
        },
      ),
    );
  });

  it('separates named streams and large or negative seeds', () => {
    expect(draw(prngFor(1, 'positions'), 5)).not.toEqual(draw(prngFor(1, 'capacities'), 5));
    expect(seedOf(2 ** 40, 's')).not.toBe(seedOf(0, 's'));
    expect(seedOf(-1, 's')).not.toBe(seedOf(1, 's'));
    expect(Number.isInteger(seedOf(Number.MAX_SAFE_INTEGER, 's'))).toBe(true);
  });
});
