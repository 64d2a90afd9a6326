import fc from 'fast-check';
import { DownsampleRing } from './downsample-ring';

/** Reference: aggregate the samples still retained (newer than the eviction horizon) into `step` buckets. */
function model(samples: readonly [number, number][], from: number, to: number, step: number) {
  const m = new Map<number, number[]>();
  for (const [t, v] of samples) {
    const b = t - (t % step);
    if (b < from - (from % step) || t > to) continue;
    m.set(b, [...(m.get(b) ?? []), v]);
  }
  return [...m.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, vs]) => ({
      t,
      mean: vs.reduce((a, b) => a + b, 0) / vs.length,
      min: Math.min(...vs),
      max: Math.max(...vs),
      count: vs.length,
    }));
}

const samplesArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -1000, max: 1000 })), {
    maxLength: 300,
  })
  .map((xs) => [...xs].sort((a, b) => a[0] - b[0]));

describe('DownsampleRing', () => {
  it('returns exact per-bucket mean/min/max/count of in-order samples at any multiple of the tier step', () => {
    fc.assert(
      fc.property(samplesArb, fc.integer({ min: 1, max: 20 }), (samples, k) => {
        const ring = new DownsampleRing([{ stepMs: 100, capacity: 1000 }]);
        for (const [t, v] of samples) expect(ring.add(t, v)).toBe(true);
        const r = ring.query(0, 10_000, k * 100);
        expect(r.stepMs).toBe(k * 100);
        const want = model(samples, 0, 10_000, k * 100);
        expect(r.buckets.map((b) => b.t)).toEqual(want.map((b) => b.t));
        r.buckets.forEach((b, i) => {
          expect(b.mean).toBeCloseTo(want[i]!.mean, 9);
          expect([b.min, b.max, b.count]).toEqual([want[i]!.min, want[i]!.max, want[i]!.count]);
        });
      }),
    );
  });

  it('keeps at most `capacity` buckets per tier and falls back to the coarser tier for old ranges', () => {
    const ring = new DownsampleRing([
      { stepMs: 1000, capacity: 60 },
      { stepMs: 60_000, capacity: 10 },
    ]);
    for (let t = 0; t < 600_000; t += 1000) ring.add(t, t / 1000);
    expect(ring.bytes()).toBeLessThanOrEqual((60 + 10) * 36 * 2);
    const recent = ring.query(540_000, 600_000, 1000);
    expect(recent.stepMs).toBe(1000);
    expect(recent.buckets).toHaveLength(60);
    const old = ring.query(0, 600_000, 1000);
    expect(old.stepMs).toBe(60_000);
    expect(old.buckets).toHaveLength(10);
    expect(old.buckets[0]).toMatchObject({ t: 0, mean: 29.5, min: 0, max: 59, count: 60 });
  });

  it('merges a late sample into a bucket it still holds, refuses one older than the ring', () => {
    const ring = new DownsampleRing([{ stepMs: 1000, capacity: 3 }]);
    for (const t of [0, 1000, 2000, 3000]) ring.add(t, 1);
    expect(ring.add(2500, 3)).toBe(true);
    expect(ring.add(500, 3)).toBe(false);
    expect(ring.query(0, 5000, 1000).buckets.map((b) => [b.t, b.mean])).toEqual([
      [1000, 1],
      [2000, 2],
      [3000, 1],
    ]);
  });
});
