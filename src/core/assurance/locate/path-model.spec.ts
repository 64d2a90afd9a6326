import fc from 'fast-check';
import { goldenMax } from '../detect/stats';
import { LossModel } from './path-model';

describe('LossModel.profile', () => {
  it('finds the maximum golden-section search finds (or a better one) on random paths', () => {
    const path = fc.record({
      sent: fc.integer({ min: 1, max: 5000 }),
      lostShare: fc.double({ min: 0, max: 1, noNaN: true }),
      background: fc.double({ min: 0, max: 0.01, noNaN: true }),
      base: fc.double({ min: 0.5, max: 1, noNaN: true }),
      fraction: fc.double({ min: 0.05, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 6 }), (ps) => {
        const model = new LossModel(
          ps.map((p) => ({
            sent: p.sent,
            lost: Math.round(p.sent * p.lostShare ** 3),
            background: p.background,
          })),
        );
        const idx = ps.map((_, i) => i);
        const fr = ps.map((p) => p.fraction);
        const base = ps.map((p) => p.base);
        const newton = model.profile(idx, fr, base);
        const golden = goldenMax(
          (x) => idx.reduce((s, i) => s + model.logLik(i, model.apply(base[i]!, fr[i]!, x)), 0),
          0,
          1,
          80,
        );
        expect(newton.x).toBeGreaterThanOrEqual(0);
        expect(newton.x).toBeLessThanOrEqual(1);
        expect(newton.value).toBeGreaterThanOrEqual(
          golden.value - 1e-6 * Math.max(1, Math.abs(golden.value)),
        );
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
