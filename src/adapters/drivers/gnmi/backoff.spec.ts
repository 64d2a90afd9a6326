import fc from 'fast-check';
import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  it('stays between half and all of the capped exponential delay', () => {
    fc.assert(
      fc.property(
        fc.nat(100),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, initialMs, extra, r) => {
          const maxMs = initialMs + extra;
          const exp = Math.min(maxMs, initialMs * 2 ** attempt);
          const d = backoffDelayMs(attempt, { initialMs, maxMs }, () => r);
          expect(d).toBeGreaterThanOrEqual(exp / 2);
          expect(d).toBeLessThanOrEqual(exp);
        },
      ),
    );
  });

  it('grows with the attempt number until the cap', () => {
    const mid = () => 0.5;
    const delays = [0, 1, 2, 3, 10].map((a) => backoffDelayMs(a, { initialMs: 100, maxMs: 1000 }, mid));
    expect(delays).toEqual([75, 150, 300, 600, 750]);
  });
});
