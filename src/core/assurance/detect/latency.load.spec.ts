import type { LinkObservation, PathRow } from '../observation';
import { LatencyDetector } from './latency.detector';
import { DelaySeries, runIntervals } from './latency.fixture';
import { queueFactor } from './load-steps';
import { mulberry32, rowOf } from './sampling.fixture';

/** p1 and p2 share A>B and B>C; p3 crosses D>C only; p4 (where used) meets them on B>C from E>B. */
const rows: PathRow[] = [
  rowOf('p1', ['A', 'B', 'C', 'D']),
  rowOf('p2', ['A', 'B', 'C']),
  rowOf('p3', ['D', 'C']),
];
const withP4 = [...rows, rowOf('p4', ['E', 'B', 'C'])];
const S = 1000;

/**
 * The alarmed intervals of `count` from 0, σ 1 µs: each arc at utilisation `load(arc, i)` (30 % where it
 * says nothing), each path `extra(row, i)` µs slower. +10 µs is a 10σ shift, what 1,500-byte packets
 * queueing at 1 Gbit/s add when a link goes from 30 % to 50 % (12 µs × (1 − 0.43)).
 */
function alarmsOf(
  paths: readonly PathRow[],
  seed: number,
  count: number,
  load: (arc: string, i: number) => number | undefined,
  extra: (row: PathRow, i: number) => number,
): number[] {
  const s = new DelaySeries(mulberry32(seed), { sigmaUs: 1 });
  const d = new LatencyDetector();
  const arcs = [...new Set(paths.flatMap((r) => r.arcs.map((a) => a.arc)))];
  const links = (i: number): LinkObservation[] =>
    arcs.map((arc) => ({
      arc,
      link: arc as never,
      atMs: i * S,
      up: true,
      utilisation: load(arc, i) ?? 0.3,
      stale: false,
    }));
  return runIntervals(
    (t, p) => d.update(t, paths, p, links(t / S)),
    s,
    () => paths,
    0,
    count,
    S,
    undefined,
    (row, t) => extra(row, t / S),
  );
}

const over =
  (...arcs: string[]) =>
  (row: PathRow): boolean =>
    row.arcs.some((a) => arcs.includes(a.arc));
/** `v` on `arcs` from interval 600 on. */
const stepAt600 =
  (v: number, ...arcs: string[]) =>
  (arc: string, i: number): number | undefined =>
    arcs.includes(arc) && i >= 600 ? v : undefined;
/** +10 µs from interval 600 on the paths over `arcs`. */
const shiftAt600 =
  (...arcs: string[]) =>
  (row: PathRow, i: number): number =>
    over(...arcs)(row) && i >= 600 ? 10 : 0;
const first = (alarms: readonly number[]): number => alarms[0] ?? Infinity;

// ADR 0162: traffic a repair or a reconvergence moves onto a link shifts the delay of every path over it
describe('LatencyDetector: delay shifts explained by a load step', () => {
  it.each([1, 2, 3, 4])(
    'raises nothing when B>C goes from 30 % to 50 % and its paths gain 10 µs, then sees a fault (seed %i)',
    (seed) => {
      // +40 µs more from interval 900: the paths learned at the new load, a fault after it is still seen
      const extra = (row: PathRow, i: number): number =>
        shiftAt600('B>C')(row, i) + (over('B>C')(row) && i >= 900 ? 40 : 0);
      const alarms = alarmsOf(rows, seed, 910, stepAt600(0.5, 'B>C'), extra);
      expect(alarms.filter((i) => i < 900)).toEqual([]);
      expect(first(alarms)).toBeLessThanOrEqual(902);
    },
  );

  it('alarms on the same 10 µs shift when the load on the paths has not moved (a fault of the link)', () => {
    expect(first(alarmsOf(rows, 1, 610, () => undefined, shiftAt600('B>C')))).toBeLessThanOrEqual(602);
  });

  it('alarms when the load steps on another path only (D>C: p3 is not among the shifted paths)', () => {
    expect(first(alarmsOf(rows, 2, 610, stepAt600(0.6, 'D>C'), shiftAt600('B>C')))).toBeLessThanOrEqual(602);
  });

  it('alarms when the load steps on an arc only one of the shifted paths crosses (C>D: p1, not p2)', () => {
    expect(first(alarmsOf(rows, 4, 610, stepAt600(0.6, 'C>D'), shiftAt600('B>C')))).toBeLessThanOrEqual(602);
  });

  // a reroute steps the load on several links at once: p1 and p2 queue more on A>B, p4 on E>B, and the
  // three meet on B>C, whose own load did not move; each path's shift is explained by its own step
  it('raises nothing where paths shifted by load steps on different arcs meet (B>C after steps on A>B and E>B)', () => {
    expect(alarmsOf(withP4, 4, 900, stepAt600(0.5, 'A>B', 'E>B'), shiftAt600('A>B', 'E>B'))).toEqual([]);
  });

  it('is not moved by a slow busy-hour ramp: a fault at the top of the ramp is still seen', () => {
    // B>C from 30 % to 60 % over an hour, the delay following the M/M/1 factor at 12 µs per unit
    const u = (i: number): number => 0.3 + (0.3 * Math.min(i, 3600)) / 3600;
    const q = (row: PathRow, i: number): number =>
      over('B>C')(row) ? 12 * (queueFactor(u(i)) - queueFactor(0.3)) + (i >= 3600 ? 10 : 0) : 0;
    const alarms = alarmsOf(rows, 3, 3610, (arc, i) => (arc === 'B>C' ? u(i) : undefined), q);
    expect(alarms.filter((i) => i < 3600)).toEqual([]);
    expect(first(alarms)).toBeLessThanOrEqual(3602);
  });
});

// ADR 0171: repairs move traffic onto a link and off it again. The step up is explained (ADR 0162) and its
// paths reseed; the step down leaves the paths below their lagging level for tens of intervals. Those
// intervals say nothing about how far the arc's delays rise by chance, and must not widen its spread.
describe('LatencyDetector: after load came and went on the arc', () => {
  /** B>C at 50 % for 30 intervals of every 120 up to interval 600 (its paths +10 µs), 30 % otherwise. */
  const busy = (i: number): boolean => i < 600 && i % 120 >= 90;
  const load = (arc: string, i: number): number | undefined =>
    arc === 'B>C' ? (busy(i) ? 0.5 : 0.3) : undefined;
  // with the spread read from both tails, the same shift went unseen for 20 intervals and more on every seed
  it.each([1, 2, 3, 4])(
    'sees a 6σ shift of B>C in 3 intervals, with no alarm before it (seed %i)',
    (seed) => {
      const extra = (row: PathRow, i: number): number =>
        over('B>C')(row) ? (busy(i) ? 10 : 0) + (i >= 700 ? 6 : 0) : 0;
      const alarms = alarmsOf(rows, seed, 710, load, extra);
      expect(alarms.filter((i) => i < 700)).toEqual([]);
      expect(first(alarms)).toBeLessThanOrEqual(702);
    },
  );
});

describe('LatencyDetector: a small load move on a light, slow link (ADR 0171)', () => {
  // 10 % → 16 % is 0.111 → 0.190 in queue factor (under the old floor of 0.1): 9.5 µs of queueing at 120 µs per
  // packet (100 Mbit/s); the smoothed load passes the floor of 0.05 in its second interval
  it.each([1, 2, 3, 4])(
    'raises nothing when B>C goes from 10 % to 16 % and its paths gain 9 µs (seed %i)',
    (seed) => {
      const load = (arc: string, i: number): number | undefined =>
        arc === 'B>C' ? (i >= 600 ? 0.16 : 0.1) : undefined;
      const extra = (row: PathRow, i: number): number => (over('B>C')(row) && i >= 600 ? 9 : 0);
      expect(alarmsOf(rows, seed, 700, load, extra)).toEqual([]);
    },
  );
});
