import type { LinkObservation, PathRow } from '../observation';
import { LatencyDetector } from './latency.detector';
import { DelaySeries, runIntervals } from './latency.fixture';
import { queueFactor } from './load-steps';
import { mulberry32, rowOf } from './sampling.fixture';

/** Two paths share B>C; p3 does not cross it. */
const rows: PathRow[] = [
  rowOf('p1', ['A', 'B', 'C', 'D']),
  rowOf('p2', ['A', 'B', 'C']),
  rowOf('p3', ['D', 'C']),
];
const S = 1000;
const arcs = [...new Set(rows.flatMap((r) => r.arcs.map((a) => a.arc)))];

/** Utilisation 0.3 on every arc, `u` on B>C. */
const links = (u: number): LinkObservation[] =>
  arcs.map((arc) => ({
    arc,
    link: arc as never,
    atMs: 0,
    up: true,
    utilisation: arc === 'B>C' ? u : 0.3,
    stale: false,
  }));

/**
 * Intervals `from`..`from+count` with B>C at utilisation `u(i)` and `shift(i)` µs added on B>C; the alarmed
 * intervals. σ 1 µs: +10 µs is a 10σ shift, what 1,500-byte packets queueing at 1 Gbit/s add when B>C goes
 * from 30 % to 50 % (12 µs × (1 − 0.43)).
 */
function run(
  d: LatencyDetector,
  s: DelaySeries,
  from: number,
  count: number,
  u: (i: number) => number,
  shift: (i: number) => number,
): number[] {
  return runIntervals(
    (t, p) => d.update(t, rows, p, links(u(t / S))),
    s,
    () => rows,
    from,
    count,
    S,
    undefined,
    (row, t) => (crossesBC(row) ? shift(t / S) : 0),
  );
}

const crossesBC = (row: PathRow): boolean => row.arcs.some((a) => a.arc === 'B>C');

// ADR 0162: traffic a repair or a reconvergence moves onto a link shifts the delay of every path over it
describe('LatencyDetector: delay shifts explained by a load step', () => {
  it.each([1, 2, 3, 4])(
    'raises nothing when B>C goes from 30 % to 50 % and its paths gain 10 µs (seed %i)',
    (seed) => {
      const s = new DelaySeries(mulberry32(seed), { sigmaUs: 1 });
      const d = new LatencyDetector();
      expect(
        run(
          d,
          s,
          0,
          600,
          () => 0.3,
          () => 0,
        ),
      ).toEqual([]);
      expect(
        run(
          d,
          s,
          600,
          300,
          () => 0.5,
          () => 10,
        ),
      ).toEqual([]);
      // the paths now learn at the new load: a fault after it is still seen
      expect(
        run(
          d,
          s,
          900,
          10,
          () => 0.5,
          () => 40,
        )[0],
      ).toBeLessThanOrEqual(902);
    },
  );

  it('alarms on the same 10 µs shift when the load on the paths has not moved (a fault of the link)', () => {
    const s = new DelaySeries(mulberry32(1), { sigmaUs: 1 });
    const d = new LatencyDetector();
    expect(
      run(
        d,
        s,
        0,
        600,
        () => 0.3,
        () => 0,
      ),
    ).toEqual([]);
    expect(
      run(
        d,
        s,
        600,
        10,
        () => 0.3,
        () => 10,
      )[0],
    ).toBeLessThanOrEqual(602);
  });

  it('alarms when the load steps on another path only (p3 is not among the shifted paths)', () => {
    const s = new DelaySeries(mulberry32(2), { sigmaUs: 1 });
    const d = new LatencyDetector();
    const ls = (u: number): LinkObservation[] =>
      links(0.3).map((l) => (l.arc === 'D>C' ? { ...l, utilisation: u } : l));
    const alarms = runIntervals(
      (t, p) => d.update(t, rows, p, ls(t >= 600 * S ? 0.6 : 0.3)),
      s,
      () => rows,
      0,
      610,
      S,
      undefined,
      (row, t) => (crossesBC(row) && t >= 600 * S ? 10 : 0),
    );
    expect(alarms[0]).toBeLessThanOrEqual(602);
  });

  // a reroute steps the load on several links at once: p1 and p2 queue more on A>B, p4 on E>B, and the
  // three meet on B>C, whose own load did not move; each path's shift is explained by its own step
  it('raises nothing where paths shifted by load steps on different arcs meet (B>C after steps on A>B and E>B)', () => {
    const four = [...rows, rowOf('p4', ['E', 'B', 'C'])];
    const s = new DelaySeries(mulberry32(4), { sigmaUs: 1 });
    const d = new LatencyDetector();
    const after = (t: number): boolean => t >= 600 * S;
    const ls = (t: number): LinkObservation[] =>
      [...links(0.3), { ...links(0.3)[0]!, arc: 'E>B' as never, link: 'E>B' as never }].map((l) =>
        ['A>B', 'E>B'].includes(l.arc) && after(t) ? { ...l, utilisation: 0.5 } : l,
      );
    const stepped = (row: PathRow): boolean => row.arcs.some((a) => ['A>B', 'E>B'].includes(a.arc));
    const alarms = runIntervals(
      (t, p) => d.update(t, four, p, ls(t)),
      s,
      () => four,
      0,
      900,
      S,
      undefined,
      (row, t) => (stepped(row) && after(t) ? 10 : 0),
    );
    expect(alarms).toEqual([]);
  });

  it('alarms when the load steps on an arc only one of the shifted paths crosses (C>D: p1, not p2)', () => {
    const s = new DelaySeries(mulberry32(4), { sigmaUs: 1 });
    const d = new LatencyDetector();
    const ls = (u: number): LinkObservation[] =>
      links(0.3).map((l) => (l.arc === 'C>D' ? { ...l, utilisation: u } : l));
    const alarms = runIntervals(
      (t, p) => d.update(t, rows, p, ls(t >= 600 * S ? 0.6 : 0.3)),
      s,
      () => rows,
      0,
      610,
      S,
      undefined,
      (row, t) => (crossesBC(row) && t >= 600 * S ? 10 : 0),
    );
    expect(alarms[0]).toBeLessThanOrEqual(602);
  });

  it('is not moved by a slow busy-hour ramp: a fault at the top of the ramp is still seen', () => {
    const s = new DelaySeries(mulberry32(3), { sigmaUs: 1 });
    const d = new LatencyDetector();
    // 30 % → 60 % over an hour, the delay following the M/M/1 factor at 12 µs per unit
    const u = (i: number): number => 0.3 + (0.3 * Math.min(i, 3600)) / 3600;
    const q = (i: number): number => 12 * (queueFactor(u(i)) - queueFactor(0.3));
    expect(run(d, s, 0, 3600, u, q)).toEqual([]);
    expect(run(d, s, 3600, 10, u, (i) => q(i) + 10)[0]).toBeLessThanOrEqual(3602);
  });
});
