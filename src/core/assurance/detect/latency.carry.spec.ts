import type { LinkObservation, PathRow } from '../observation';
import { LatencyDetector } from './latency.detector';
import { DelaySeries, runIntervals } from './latency.fixture';
import { queueFactor } from './load-steps';
import { gaussian, mulberry32, rowOf } from './sampling.fixture';

const S = 1000;
/** Each path is 30 µs slower than its model says (processing the link model does not know): carried. */
const OWN_US = 30;
/** The link model's queueing of an arc at utilisation u (µs): 10 µs × u/(1−u). */
const queueUs = (u: number): number => 10 * queueFactor(u);

interface World {
  /** The routes in force at interval i. */
  readonly routes: (i: number) => readonly PathRow[];
  /** Utilisation of an arc at interval i (30 % where it says nothing). */
  readonly util?: (arc: string, i: number) => number | undefined;
  /** A fault's added delay (µs) on an arc at interval i. */
  readonly fault?: (arc: string, i: number) => number;
  /** Rows carry the model's delay (the app's link model); false: they carry none. */
  readonly model: boolean;
  /** σ (µs) of the model's own error, per interval (0: exact). */
  readonly modelNoiseUs?: number;
}

/**
 * The alarmed intervals of `count` from 0, σ 1 µs. Each path measures 500 µs per arc (the fixture's
 * propagation) plus its arcs' queueing at their utilisation plus `OWN_US`, plus the fault on its arcs.
 */
function alarmsOf(w: World, seed: number, count: number): number[] {
  const d = new LatencyDetector({ useLinkModel: true });
  const s = new DelaySeries(mulberry32(seed), { sigmaUs: 1 });
  const util = (arc: string, i: number): number => w.util?.(arc, i) ?? 0.3;
  const queued = (r: PathRow, i: number): number => r.arcs.reduce((a, x) => a + queueUs(util(x.arc, i)), 0);
  const err = mulberry32(seed + 1000);
  const noise = new Map<number, number[]>();
  const errOf = (i: number, j: number): number => {
    if (!w.modelNoiseUs) return 0;
    if (!noise.has(i))
      noise.set(
        i,
        [0, 1, 2, 3, 4].map(() => w.modelNoiseUs! * gaussian(err)),
      );
    return noise.get(i)![j]!;
  };
  const rowsAt = (i: number): PathRow[] =>
    w
      .routes(i)
      .map((r, j) => (w.model ? { ...r, modelUs: 500 * r.arcs.length + queued(r, i) + errOf(i, j) } : r));
  let now = 0;
  return runIntervals(
    (t, p) => {
      const arcs = [...new Set(rowsAt(now).flatMap((r) => r.arcs.map((a) => a.arc)))];
      const links: LinkObservation[] = arcs.map((arc) => ({
        arc,
        link: arc as never,
        atMs: t,
        up: true,
        utilisation: util(arc, now),
        stale: false,
      }));
      const out = d.update(t, rowsAt(now), p, links);
      now += 1;
      return out;
    },
    s,
    () => rowsAt(now),
    0,
    count,
    S,
    (arc) => w.fault?.(arc, now) ?? 0,
    (r) => queued(r, now) + OWN_US,
  );
}

/** Before 600: p1 and p2 go through E; from 600 both move onto B>C (a repair elsewhere moved them). */
const moved = (i: number): PathRow[] =>
  i < 600
    ? [rowOf('p1', ['A', 'E', 'C', 'D']), rowOf('p2', ['A', 'E', 'C']), rowOf('p3', ['D', 'C'])]
    : [rowOf('p1', ['A', 'B', 'C', 'D']), rowOf('p2', ['A', 'B', 'C']), rowOf('p3', ['D', 'C'])];
/** +6 µs (6σ) on B>C from interval 600: the fault starts as the paths arrive on it. */
const onBC = (arc: string, i: number): number => (arc === 'B>C' && i >= 600 ? 6 : 0);
/** B>C runs at 50 % (10 µs of queueing where E>C's 30 % gives 4.3 µs): the new route is slower. */
const busyBC = (arc: string): number | undefined => (arc === 'B>C' ? 0.5 : undefined);

// ADR 0173: a path reseeded on a new route must not learn a fault that is on that route
describe('LatencyDetector: the offset from the link model carried across a move', () => {
  it.each([1, 2, 3])(
    'sees a 6σ fault on the arc the paths were just moved onto, though they never crossed it before (seed %i)',
    (seed) => {
      const alarms = alarmsOf({ routes: moved, util: busyBC, fault: onBC, model: true }, seed, 620);
      expect(alarms.filter((i) => i < 600)).toEqual([]);
      // 3 samples seed the moved paths; the 2-interval window then alarms
      expect(alarms[0]).toBeLessThanOrEqual(608);
    },
  );

  it('without the model the same fault becomes the moved paths’ baseline (what carrying fixes)', () => {
    expect(alarmsOf({ routes: moved, util: busyBC, fault: onBC, model: false }, 1, 900)).toEqual([]);
  });

  it.each([1, 2, 3, 4])(
    'raises nothing when the paths move onto a busier arc the model accounts for, nor after (seed %i)',
    (seed) => {
      expect(alarmsOf({ routes: moved, util: busyBC, model: true }, seed, 1_800)).toEqual([]);
    },
  );

  it.each([1, 2, 3])(
    'raises nothing after moves when the model errs by 5 µs (5σ) each interval: its error is learned (seed %i)',
    (seed) => {
      // moves back and forth every 10 minutes: each reseeds the level against the noisy model
      const often = (i: number): PathRow[] => moved(Math.floor(i / 600) % 2 === 1 ? 600 : 0);
      expect(alarmsOf({ routes: often, util: busyBC, model: true, modelNoiseUs: 5 }, seed, 3_600)).toEqual(
        [],
      );
    },
  );

  it('does not use the model where a link is busier than 50 % (its error grows as 1/(1−u)²)', () => {
    const hot = (arc: string): number | undefined => (arc === 'B>C' ? 0.6 : undefined);
    expect(alarmsOf({ routes: moved, util: hot, fault: onBC, model: true }, 1, 900)).toEqual([]);
  });

  it('raises nothing when the move also steps the load on the new route (the model follows it)', () => {
    const stepped = (arc: string, i: number): number | undefined =>
      arc === 'B>C' ? (i >= 600 ? 0.5 : 0.4) : undefined;
    expect(alarmsOf({ routes: moved, util: stepped, model: true }, 5, 1_200)).toEqual([]);
  });
});

// ADR 0162 with 0173: a load step explains a shift only as far as the model says it adds queueing
describe('LatencyDetector: a load step explains what the model says it adds, not more', () => {
  const paths = (): PathRow[] => [
    rowOf('p1', ['A', 'B', 'C', 'D']),
    rowOf('p2', ['A', 'B', 'C']),
    rowOf('p3', ['D', 'C']),
  ];
  /** B>C from 30 % to 40 % at 600: the model adds 2.4 µs. */
  const step = (arc: string, i: number): number | undefined => (arc === 'B>C' && i >= 600 ? 0.4 : undefined);

  it.each([1, 2, 3])('alarms on a 10 µs fault that starts with a 2.4 µs load step (seed %i)', (seed) => {
    const fault = (arc: string, i: number): number => (arc === 'B>C' && i >= 600 ? 10 : 0);
    const alarms = alarmsOf({ routes: paths, util: step, fault, model: true }, seed, 620);
    expect(alarms.filter((i) => i < 600)).toEqual([]);
    expect(alarms[0]).toBeLessThanOrEqual(610);
  });

  it('without the model the load step explains the fault away, and the paths learn it', () => {
    const fault = (arc: string, i: number): number => (arc === 'B>C' && i >= 600 ? 10 : 0);
    expect(alarmsOf({ routes: paths, util: step, fault, model: false }, 1, 900)).toEqual([]);
  });

  // p2 and p4 gain only the queueing the model predicts; p1 also crosses a faulty C>D: it alone stays shifted
  it.each([1, 2, 3])(
    'finds a 10 µs fault on C>D behind a load step on B>C that every path crosses (seed %i)',
    (seed) => {
      const withP4 = (): PathRow[] => [...paths(), rowOf('p4', ['E', 'B', 'C'])];
      const fault = (arc: string, i: number): number => (arc === 'C>D' && i >= 600 ? 10 : 0);
      const big = (arc: string, i: number): number | undefined =>
        arc === 'B>C' && i >= 600 ? 0.5 : undefined;
      expect(alarmsOf({ routes: withP4, util: big, fault, model: true }, seed, 620)[0]).toBeLessThanOrEqual(
        606,
      );
      expect(alarmsOf({ routes: withP4, util: big, fault, model: false }, seed, 900)).toEqual([]);
    },
  );

  it.each([1, 2, 3])('raises nothing for the load step alone (seed %i)', (seed) => {
    const big = (arc: string, i: number): number | undefined => (arc === 'B>C' && i >= 600 ? 0.5 : undefined);
    expect(alarmsOf({ routes: paths, util: big, model: true }, seed, 1_200)).toEqual([]);
  });
});
