import fc from 'fast-check';
import type { Point } from './geo-box';
import { SpatialGrid } from './spatial-grid';

const points = fc.array(
  fc.record({ x: fc.double({ min: 0, max: 1, noNaN: true }), y: fc.double({ min: 0, max: 1, noNaN: true }) }),
  { minLength: 1, maxLength: 120 },
);
const dist = (p: Point, q: Point): number => Math.sqrt((p.x - q.x) ** 2 + (p.y - q.y) ** 2);

describe('SpatialGrid', () => {
  it('visits exactly the pairs within the radius, each once, smaller index first', () => {
    fc.assert(
      fc.property(points, fc.double({ min: 0.001, max: 1.5, noNaN: true }), (pts, radius) => {
        const seen: string[] = [];
        new SpatialGrid(pts, radius).forEachPairWithin(radius, (i, j, d) => {
          expect(i).toBeLessThan(j);
          expect(d).toBeCloseTo(dist(pts[i]!, pts[j]!), 12);
          seen.push(`${i}-${j}`);
        });
        const expected: string[] = [];
        for (let i = 0; i < pts.length; i++) {
          for (let j = i + 1; j < pts.length; j++) {
            const d2 = (pts[i]!.x - pts[j]!.x) ** 2 + (pts[i]!.y - pts[j]!.y) ** 2;
            if (d2 <= radius * radius) expected.push(`${i}-${j}`);
          }
        }
        expect(seen.sort()).toEqual(expected.sort());
      }),
    );
  });

  it('finds the nearest accepted point, as a full scan does', () => {
    fc.assert(
      fc.property(points, fc.double({ min: 0.001, max: 1, noNaN: true }), fc.nat(), (pts, cell, pick) => {
        const from = pick % pts.length;
        const accept = (j: number): boolean => j % 3 !== 0;
        const got = new SpatialGrid(pts, cell).nearest(from, accept);
        let best: number | undefined;
        for (let j = 0; j < pts.length; j++) {
          if (j === from || !accept(j)) continue;
          if (best === undefined || dist(pts[from]!, pts[j]!) < dist(pts[from]!, pts[best]!)) best = j;
        }
        if (best === undefined) expect(got).toBeUndefined();
        else expect(dist(pts[from]!, pts[got!]!)).toBe(dist(pts[from]!, pts[best]!));
      }),
    );
  });

  it('refuses a radius wider than its cells', () => {
    const pts = Array.from({ length: 100 }, (_, i) => ({ x: (i % 10) / 10, y: Math.floor(i / 10) / 10 }));
    expect(() => new SpatialGrid(pts, 0.1).forEachPairWithin(0.3, () => undefined)).toThrow(RangeError);
  });
});
