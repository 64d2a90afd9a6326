import fc from 'fast-check';
import { crossings, DAY_MS, fitHoltWinters, forecastLink, forecastSteps } from './index';
import type { LinkForecast, UtilisationHistory } from './index';

/** Mulberry32 + Box-Muller: a seeded normal sampler. */
function normal(seed: number): () => number {
  let a = seed >>> 0;
  const u = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
}

const signal = (t: number, period: number, level: number, amp: number): number =>
  level + amp * Math.sin((2 * Math.PI * t) / period) + 0.3 * amp * Math.cos((4 * Math.PI * t) / period);

function history(values: number[], stepMs: number): UtilisationHistory {
  return { link: 'L1', arc: 'L1:a', from: 'A', to: 'B', startMs: 0, stepMs, values };
}

describe('Holt-Winters forecast', () => {
  it('recovers a known daily seasonal signal (hourly buckets, 7 days, noise σ = 0.02)', () => {
    const z = normal(7);
    const p = 24;
    const values = Array.from({ length: 7 * p }, (_, t) => signal(t, p, 0.5, 0.2) + 0.02 * z());
    const f = forecastLink(history(values, DAY_MS / p), DAY_MS);
    expect(f.method).toBe('holt-winters');
    expect(f.points).toHaveLength(p);
    const errs = f.points.map((pt, i) => Math.abs(pt.utilisation - signal(7 * p + i, p, 0.5, 0.2)));
    expect(errs.reduce((s, e) => s + e, 0) / errs.length).toBeLessThan(0.03);
    expect(f.points[0]!.t).toBe(7 * p * (DAY_MS / p));
  });

  it('property: noiseless seasonal series are forecast almost exactly, whatever the bucket step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 48 }),
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (p, level, amp) => {
          const values = Array.from({ length: 5 * p }, (_, t) => signal(t, p, level, amp));
          const f = forecastLink(history(values, DAY_MS / p), DAY_MS / 2);
          f.points.forEach((pt, i) => {
            const truth = Math.max(0, signal(5 * p + i, p, level, amp));
            expect(Math.abs(pt.utilisation - truth)).toBeLessThan(0.02 + 0.1 * amp);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('95 % intervals cover about 95 % of fresh noisy observations', () => {
    const p = 24;
    let inside = 0;
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const z = normal(seed);
      const series = Array.from({ length: 8 * p }, (_, t) => signal(t, p, 0.4, 0.15) + 0.03 * z());
      const f = forecastLink(history(series.slice(0, 7 * p), DAY_MS / p), DAY_MS);
      f.points.forEach((pt, i) => {
        const y = series[7 * p + i]!;
        total++;
        if (y >= pt.lo && y <= pt.hi) inside++;
      });
    }
    const coverage = inside / total;
    expect(coverage).toBeGreaterThan(0.88);
    expect(coverage).toBeLessThan(0.995);
  });

  it('skips missing buckets without losing the season', () => {
    const p = 12;
    const values = Array.from({ length: 6 * p }, (_, t) => (t % 7 === 3 ? NaN : signal(t, p, 0.3, 0.1)));
    const f = forecastLink(history(values, 3_600_000), 6 * 3_600_000, { seasonMs: p * 3_600_000 });
    expect(f.method).toBe('holt-winters');
    f.points.forEach((pt, i) =>
      expect(Math.abs(pt.utilisation - signal(6 * p + i, p, 0.3, 0.1))).toBeLessThan(0.02),
    );
  });

  it('falls back to level and trend on less than two seasons, and to nothing on no data', () => {
    const trendy = Array.from({ length: 10 }, (_, t) => 0.1 + 0.01 * t);
    const f = forecastLink(history(trendy, 60_000), 5 * 60_000);
    expect(f.method).toBe('holt');
    expect(f.points[4]!.utilisation).toBeGreaterThan(0.19);
    expect(forecastLink(history([NaN, NaN], 60_000), 60_000).method).toBe('none');
  });

  it('interval widens with the horizon', () => {
    const z = normal(3);
    const m = fitHoltWinters(
      Array.from({ length: 48 }, () => 0.5 + 0.05 * z()),
      1,
    );
    const steps = forecastSteps(m, 10);
    expect(steps[9]!.sd).toBeGreaterThan(steps[0]!.sd);
  });
});

describe('crossings', () => {
  const fc1 = (arc: string, utils: number[]): LinkForecast => ({
    link: arc.split(':')[0]!,
    arc,
    from: 'A',
    to: 'B',
    method: 'holt',
    stepMs: 1000,
    points: utils.map((u, i) => ({ t: 1000 * (i + 1), utilisation: u, lo: u - 0.1, hi: u + 0.1 })),
  });

  it('lists the directions whose forecast reaches the ceiling within the horizon, earliest first', () => {
    const out = crossings(
      [fc1('L1:a', [0.5, 0.8, 0.9]), fc1('L2:a', [0.86, 0.9]), fc1('L3:a', [0.5, 0.6, 0.84])],
      0.85,
      10_000,
    );
    expect(out.map((c) => [c.arc, c.at])).toEqual([
      ['L2:a', 1000],
      ['L1:a', 3000],
    ]);
    expect(crossings([fc1('L1:a', [0.5, 0.8, 0.9])], 0.85, 2000)).toEqual([]);
    expect(crossings([fc1('L3:a', [0.5, 0.6, 0.84])], 0.8)).toHaveLength(1);
  });
});
