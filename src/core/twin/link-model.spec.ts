import fc from 'fast-check';
import { congestionLossPct, DEFAULT_LINK_MODEL, queueDelayUs } from './link-model';
import { learnCorrection } from './probe-correction';

describe('link model', () => {
  it('has the stated queueing form: B · 8S/C · ρ/(1−ρ), capped, full buffer at ρ ≥ 1', () => {
    expect(queueDelayUs(0, 1000)).toBe(0);
    expect(queueDelayUs(0.5, 1000)).toBeCloseTo(40 * 6.4);
    expect(queueDelayUs(0.8, 10_000)).toBeCloseTo(40 * 0.64 * 4);
    expect(queueDelayUs(1, 1000)).toBe(DEFAULT_LINK_MODEL.maxQueueUs);
    expect(queueDelayUs(0.9999, 10)).toBe(DEFAULT_LINK_MODEL.maxQueueUs);
  });

  it('loses nothing below the knee, ramps to 0.1 % at capacity and drops the excess above it', () => {
    expect(congestionLossPct(0.9)).toBe(0);
    expect(congestionLossPct(1)).toBeCloseTo(0.1);
    expect(congestionLossPct(1.25)).toBeCloseTo(20);
  });

  it('is monotone in utilisation', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(queueDelayUs(lo, 1000)).toBeLessThanOrEqual(queueDelayUs(hi, 1000));
          expect(congestionLossPct(lo)).toBeLessThanOrEqual(congestionLossPct(hi));
        },
      ),
    );
  });
});

describe('probe-learned correction', () => {
  it('converges to the least-squares split of consistent probe equations', () => {
    // Arcs 0, 1, 2 with true extra delays 100, 300, 0; probes over {0, 1}, {1, 2} and {0}.
    const truth = [100, 300, 0];
    const probes = [
      { arcs: Int32Array.of(0, 1), frac: Float64Array.of(1, 1) },
      { arcs: Int32Array.of(1, 2), frac: Float64Array.of(1, 1) },
      { arcs: Int32Array.of(0), frac: Float64Array.of(1) },
    ];
    const c = new Float64Array(3);
    for (let round = 0; round < 200; round++) {
      for (const p of probes) {
        let measured = 0;
        let predicted = 0;
        p.arcs.forEach((a, i) => {
          measured += p.frac[i]! * truth[a]!;
          predicted += p.frac[i]! * c[a]!;
        });
        learnCorrection(c, p.arcs, p.frac, measured - predicted, () => 1000);
      }
    }
    expect(c[0]).toBeCloseTo(100, 1);
    expect(c[1]).toBeCloseTo(300, 1);
    expect(c[2]).toBeCloseTo(0, 1);
  });

  it('never makes an arc delay negative', () => {
    const c = new Float64Array(1);
    learnCorrection(c, Int32Array.of(0), Float64Array.of(1), -1e6, () => 50);
    expect(c[0]).toBe(-50);
  });
});
