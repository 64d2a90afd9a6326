import fc from 'fast-check';
import { counterDelta, counterRate, extendCounter, maxOctetsDelta, type CounterWidth } from './counter-rate';

const M32 = 1n << 32n;
const width = fc.constantFrom<CounterWidth>(32, 64);
const u = (w: CounterWidth) => fc.bigInt({ min: 0n, max: (1n << BigInt(w)) - 1n });

describe('counterDelta', () => {
  it('is the plain difference when the counter did not decrease', () => {
    fc.assert(
      fc.property(
        width.chain((w) => fc.tuple(fc.constant(w), u(w), u(w))),
        ([w, a, b]) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(counterDelta(lo, hi, { width: w })).toEqual({
            kind: 'delta',
            delta: hi - lo,
            wrapped: false,
          });
        },
      ),
    );
  });

  it('recovers the true increase of a 32-bit counter across one wrap', () => {
    fc.assert(
      fc.property(u(32), fc.bigInt({ min: 1n, max: M32 - 1n }), (start, increase) => {
        const end = (start + increase) % M32;
        const d = counterDelta(start, end, { width: 32 });
        expect(d).toEqual({ kind: 'delta', delta: increase, wrapped: end < start });
      }),
    );
  });

  it('never reports a negative delta, nor one above maxDelta', () => {
    fc.assert(
      fc.property(
        width.chain((w) =>
          fc.tuple(fc.constant(w), u(w), u(w), fc.option(fc.bigInt({ min: 0n, max: 1n << 40n }))),
        ),
        ([w, a, b, max]) => {
          const d = counterDelta(a, b, { width: w, ...(max === null ? {} : { maxDelta: max }) });
          if (d.kind === 'delta') {
            expect(d.delta).toBeGreaterThanOrEqual(0n);
            if (max !== null) expect(d.delta).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });

  it('treats any decrease of a 64-bit counter as a reset', () => {
    fc.assert(
      fc.property(u(64), u(64), (a, b) => {
        fc.pre(b < a);
        expect(counterDelta(a, b, { width: 64 })).toEqual({ kind: 'discontinuity', reason: 'decrease' });
      }),
    );
  });

  it('treats a 32-bit decrease as a reset when the wrap would exceed what the link can carry', () => {
    // 1 Gbit/s for 10 s: at most 2.5 GB with slack; a counter going from 3.9e9 to 1e9 would be a 1.4e9 wrap
    const max = maxOctetsDelta(1_000_000_000n, 10_000_000_000n);
    expect(counterDelta(3_900_000_000n, 1_000_000_000n, { width: 32, maxDelta: max }).kind).toBe('delta');
    expect(counterDelta(100_000n, 50_000n, { width: 32, maxDelta: max })).toEqual({
      kind: 'discontinuity',
      reason: 'decrease',
    });
  });

  it('reports a flagged reading and out-of-range values as discontinuities', () => {
    expect(counterDelta(1n, 2n, { width: 64, discontinuity: true })).toEqual({
      kind: 'discontinuity',
      reason: 'flagged',
    });
    expect(counterDelta(1n, M32, { width: 32 })).toEqual({ kind: 'discontinuity', reason: 'out-of-range' });
    expect(counterDelta(-1n, 2n, { width: 64 })).toEqual({ kind: 'discontinuity', reason: 'out-of-range' });
  });
});

describe('counterRate', () => {
  it('divides the delta by the interval', () => {
    const r = counterRate(
      { value: 1_000n, timestampNs: 1_000_000_000n },
      { value: 11_000n, timestampNs: 3_000_000_000n },
      { width: 64 },
    );
    expect(r).toEqual({
      kind: 'rate',
      perSecond: 5_000,
      delta: 10_000n,
      intervalNs: 2_000_000_000n,
      wrapped: false,
    });
  });

  it('refuses non-increasing time and flagged readings', () => {
    const a = { value: 1n, timestampNs: 5n };
    expect(counterRate(a, { value: 2n, timestampNs: 5n }, { width: 64 })).toEqual({
      kind: 'discontinuity',
      reason: 'time',
    });
    expect(counterRate(a, { value: 2n, timestampNs: 6n, discontinuity: true }, { width: 64 }).kind).toBe(
      'discontinuity',
    );
  });

  it('a series sampled from a steadily growing 32-bit counter gives the true rate at every step', () => {
    fc.assert(
      fc.property(
        u(32),
        fc.array(fc.bigInt({ min: 0n, max: M32 - 1n }), { minLength: 1, maxLength: 30 }),
        (start, increases) => {
          let prev = { value: start, timestampNs: 0n };
          let total = start;
          for (const [i, inc] of increases.entries()) {
            total += inc;
            const curr = { value: total % M32, timestampNs: BigInt(i + 1) * 1_000_000_000n };
            const r = counterRate(prev, curr, { width: 32 });
            expect(r.kind === 'rate' && r.delta).toBe(inc);
            prev = curr;
          }
        },
      ),
    );
  });
});

describe('extendCounter', () => {
  it('turns a wrapping 32-bit series into the monotonic true total', () => {
    fc.assert(
      fc.property(
        u(32),
        fc.array(fc.bigInt({ min: 0n, max: M32 - 1n }), { maxLength: 40 }),
        (start, incs) => {
          let c = extendCounter(undefined, start, { width: 32 }).counter;
          let total = start;
          for (const inc of incs) {
            total += inc;
            const r = extendCounter(c, total % M32, { width: 32 });
            expect(r.discontinuity).toBe(false);
            c = r.counter;
          }
          expect(c.extended).toBe(total);
        },
      ),
    );
  });

  it('restarts at the raw value and says so on a discontinuity', () => {
    const c = extendCounter(undefined, 500n, { width: 64 }).counter;
    expect(extendCounter(c, 10n, { width: 64 })).toEqual({
      counter: { raw: 10n, extended: 10n },
      discontinuity: true,
    });
    expect(extendCounter(c, 900n, { width: 64, discontinuity: true }).discontinuity).toBe(true);
  });
});
