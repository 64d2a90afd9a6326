import fc from 'fast-check';
import { RollingQuantile } from './rolling-quantile';

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

describe('RollingQuantile', () => {
  it('is the median of the last `size` values pushed (refresh 1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }),
        (size, xs) => {
          const m = new RollingQuantile(size);
          xs.forEach((x, i) => {
            m.push(x);
            expect(m.count).toBe(Math.min(size, i + 1));
            expect(m.value()).toBe(median(xs.slice(Math.max(0, i + 1 - size), i + 1)));
          });
        },
      ),
    );
  });

  it('interpolates the q-quantile between order statistics', () => {
    const m = new RollingQuantile(5, 1, 0.8);
    [5, 1, 4, 2, 3].forEach((x) => m.push(x));
    expect(m.value()).toBeCloseTo(4.2, 10);
  });

  it('with refresh k lags by fewer than k pushes once it holds 4k values, and clear() forgets', () => {
    const m = new RollingQuantile(50, 5);
    for (let i = 0; i < 50; i++) m.push(1);
    expect(m.value()).toBe(1);
    for (let i = 0; i < 4; i++) m.push(100);
    expect(m.value()).toBe(1); // stale for at most 4 pushes
    for (let i = 0; i < 26; i++) m.push(100);
    expect(m.value()).toBe(100);
    m.clear();
    expect(m.count).toBe(0);
    expect(m.value()).toBeNaN();
    m.push(3);
    expect(m.value()).toBe(3);
  });

  it('ignores a burst shorter than half its window (what the mean of |x| would not)', () => {
    const m = new RollingQuantile(120, 10);
    for (let i = 0; i < 120; i++) m.push(1 + (i % 3) * 0.1);
    for (let i = 0; i < 40; i++) m.push(80);
    expect(m.value()).toBeLessThan(1.3);
  });
});
