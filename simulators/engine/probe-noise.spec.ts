import fc from 'fast-check';
import { ProbeNoise } from './probe-noise';

/** Sample mean and variance of `runs` binomial draws. */
function moments(n: number, p: number, runs: number, seed: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let t = 0; t < runs; t++) {
    const x = new ProbeNoise(seed, 42, t).binomial(n, p);
    s += x;
    s2 += x * x;
  }
  const mean = s / runs;
  return { mean, variance: s2 / runs - mean * mean };
}

describe('ProbeNoise.binomial', () => {
  // Exact regime (geometric gaps), normal regime (n·p·(1−p) > 30), and the mirrored p > 0.5 case.
  it.each([
    [1000, 0.001],
    [1000, 0.01],
    [1000, 0.05],
    [1000, 0.2],
    [100, 0.9],
    [5000, 0.5],
  ])('n=%d p=%d: mean and variance match n·p and n·p·(1−p)', (n, p) => {
    const runs = 4000;
    const { mean, variance } = moments(n, p, runs, 7);
    const v = n * p * (1 - p);
    // Mean within 5 standard errors; variance within 15 % (its relative s.e. is ≈ √(2/runs) ≈ 2.2 %).
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(v / runs));
    expect(variance / v).toBeGreaterThan(0.85);
    expect(variance / v).toBeLessThan(1.15);
  });

  it('P(0 lost) matches (1−p)^n for rare loss (what a 0.1 % excess-loss test sees)', () => {
    const runs = 20_000;
    let zeros = 0;
    for (let t = 0; t < runs; t++) if (new ProbeNoise(3, 9, t).binomial(1000, 0.001) === 0) zeros++;
    const expected = Math.pow(0.999, 1000);
    expect(Math.abs(zeros / runs - expected)).toBeLessThan(5 * Math.sqrt((expected * (1 - expected)) / runs));
  });

  it('stays in [0, n], is exact at p = 0 and p = 1, and is a pure function of (seed, stream, tick)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        fc.nat(),
        (n, p, seed, tick) => {
          const x = new ProbeNoise(seed, 1, tick).binomial(n, p);
          expect(Number.isInteger(x) && x >= 0 && x <= n).toBe(true);
          expect(new ProbeNoise(seed, 1, tick).binomial(n, p)).toBe(x);
          expect(new ProbeNoise(seed, 1, tick).binomial(n, 0)).toBe(0);
          expect(new ProbeNoise(seed, 1, tick).binomial(n, 1)).toBe(n);
        },
      ),
    );
  });

  it('draws standard normals', () => {
    let s = 0;
    let s2 = 0;
    const runs = 20_000;
    const g = new ProbeNoise(5, 5, 5);
    for (let i = 0; i < runs; i++) {
      const z = g.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / runs)).toBeLessThan(0.04);
    expect(Math.abs(s2 / runs - 1)).toBeLessThan(0.05);
  });
});
