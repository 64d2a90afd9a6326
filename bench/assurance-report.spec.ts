import { poissonUpper95 } from './assurance-report';

describe('poissonUpper95', () => {
  it('gives the textbook one-sided 95 % bounds (0 → 3.00, 1 → 4.74, 2 → 6.30, 10 → 17.0)', () => {
    expect(poissonUpper95(0)).toBeCloseTo(2.9957, 3);
    expect(poissonUpper95(1)).toBeCloseTo(4.7439, 3);
    expect(poissonUpper95(2)).toBeCloseTo(6.2958, 3);
    expect(poissonUpper95(10)).toBeCloseTo(16.962, 2);
  });

  it('grows with the count', () => {
    for (let k = 0; k < 30; k++) expect(poissonUpper95(k + 1)).toBeGreaterThan(poissonUpper95(k));
  });
});
