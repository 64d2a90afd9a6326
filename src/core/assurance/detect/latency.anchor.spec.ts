import type { LinkObservation, PathRow } from '../observation';
import { LatencyDetector } from './latency.detector';
import { DelaySeries, runIntervals } from './latency.fixture';
import { mulberry32, rowOf } from './sampling.fixture';

/** The fixture's paths measure 500 µs per arc: that is their stated (nominal) delay here. */
const nominal = (r: PathRow): PathRow => ({ ...r, nominalUs: 500 * r.arcs.length });
const rows: PathRow[] = [
  rowOf('p1', ['A', 'B', 'C', 'D']),
  rowOf('p2', ['A', 'B', 'C']),
  rowOf('p3', ['D', 'C']),
].map(nominal);
const S = 1000;

/** Utilisation `u` on every arc of `rows` (`busy` arcs at `busyU`). */
function links(u: number, busy: readonly string[] = [], busyU = 0.95): LinkObservation[] {
  const arcs = [...new Set(rows.flatMap((r) => r.arcs.map((a) => a.arc)))];
  return arcs.map((arc) => ({
    arc: arc,
    link: arc as never,
    atMs: 0,
    up: true,
    utilisation: busy.includes(arc) ? busyU : u,
    stale: false,
  }));
}

function run(
  d: LatencyDetector,
  s: DelaySeries,
  from: number,
  count: number,
  shiftOf: (arc: string) => number,
  paths: readonly PathRow[],
  ls: readonly LinkObservation[],
): number[] {
  return runIntervals(
    (t, p) => d.update(t, paths, p, ls),
    s,
    () => paths,
    from,
    count,
    S,
    shiftOf,
  );
}

// ADR 0160: a latency fault already present when a path is first measured must not become its baseline
describe('LatencyDetector: baselines anchored to the nominal delay', () => {
  const plus20ms = (arc: string): number => (arc === 'B>C' ? 20_000 : 0);

  it('alarms on +20 ms present from the first sample, within the seeding and two intervals', () => {
    const d = new LatencyDetector();
    const alarms = run(d, new DelaySeries(mulberry32(7), { sigmaUs: 2 }), 0, 30, plus20ms, rows, links(0.3));
    // 10 samples seed a new path, then the 2-interval window alarms
    expect(alarms[0]).toBeLessThanOrEqual(12);
    const sig = d.update(
      30 * S,
      rows,
      new DelaySeries(mulberry32(8), { sigmaUs: 2 }).probes(30 * S, rows, plus20ms),
      links(0.3),
    );
    expect(sig[0]!.arcs).toContain('B>C');
    expect(sig[0]!.policies).toEqual(['A/p1', 'A/p2']);
    expect(d.excess().find((e) => e.key === 'A/p1')!.delayExcessUs).toBeGreaterThan(17_000);
  });

  it('alarms on +20 ms that starts during the seeding (the seed spans the step: its σ must not be the step)', () => {
    const d = new LatencyDetector();
    const s = new DelaySeries(mulberry32(5), { sigmaUs: 2 });
    expect(run(d, s, 0, 4, () => 0, rows, links(0.3))).toEqual([]);
    const alarms = run(d, s, 4, 30, plus20ms, rows, links(0.3));
    expect(alarms[0]).toBeLessThanOrEqual(14);
  });

  it('without nominal delays the same fault is learned as the baseline (what anchoring fixes)', () => {
    const plain = rows.map(({ nominalUs: _n, ...r }) => r);
    const d = new LatencyDetector();
    expect(
      run(d, new DelaySeries(mulberry32(7), { sigmaUs: 2 }), 0, 60, plus20ms, plain, links(0.3)),
    ).toEqual([]);
  });

  it('does not anchor a path over a busy link (queueing may explain it), nor without utilisation', () => {
    const busy = new LatencyDetector();
    expect(
      run(busy, new DelaySeries(mulberry32(7), { sigmaUs: 2 }), 0, 60, plus20ms, rows, links(0.3, ['B>C'])),
    ).toEqual([]);
    const unknown = new LatencyDetector();
    expect(run(unknown, new DelaySeries(mulberry32(7), { sigmaUs: 2 }), 0, 60, plus20ms, rows, [])).toEqual(
      [],
    );
  });

  it('never alarms on a path that starts within the slack above nominal (queueing, inexact stated delays)', () => {
    const d = new LatencyDetector();
    const queue = (arc: string): number => (arc === 'B>C' ? 1_500 : 0);
    expect(
      run(d, new DelaySeries(mulberry32(9), { sigmaUs: 20 }), 0, 3_600, queue, rows, links(0.7)),
    ).toEqual([]);
  });

  it('anchors a moved path too: rerouted onto a link already +20 ms, it alarms after its 3 seeding samples', () => {
    const d = new LatencyDetector();
    const s = new DelaySeries(mulberry32(11), { sigmaUs: 2 });
    const before = [rowOf('p1', ['A', 'D']), ...rows.slice(1)].map(nominal);
    expect(run(d, s, 0, 600, plus20ms, before.slice(0, 1).concat(rows.slice(2)), links(0.3))).toEqual([]);
    const after = [rows[0]!, rows[2]!];
    const alarms = run(d, s, 600, 10, plus20ms, after, links(0.3));
    expect(alarms[0]).toBeLessThanOrEqual(605);
  });
});

// ADR 0175: the ceiling is what the twin expects the path to measure, queueing included, plus the slack
describe('LatencyDetector: the anchor is set over the link model’s delay where rows carry it', () => {
  /** 1.5 ms of queueing on every arc, as the link model gives it: 3–4.5 ms above nominal on these paths. */
  const queued = (): number => 1_500;
  const modelled = rows.map((r) => ({ ...r, modelUs: r.nominalUs! + 1_500 * r.arcs.length }));

  it('does not anchor healthy paths whose expected queueing is above the slack (no standing alarm)', () => {
    const d = new LatencyDetector();
    expect(
      run(d, new DelaySeries(mulberry32(13), { sigmaUs: 5 }), 0, 600, queued, modelled, links(0.5)),
    ).toEqual([]);
  });

  it('anchored on the nominal delay alone, the same healthy paths stand in alarm (what the model fixes)', () => {
    const d = new LatencyDetector({ anchorOnModel: false });
    const alarms = run(
      d,
      new DelaySeries(mulberry32(13), { sigmaUs: 5 }),
      0,
      60,
      queued,
      modelled,
      links(0.5),
    );
    expect(alarms.length).toBeGreaterThan(40);
  });

  it('still anchors a fault present from the first sample that is more than the slack above the model', () => {
    const d = new LatencyDetector();
    const both = (arc: string): number => queued() + (arc === 'B>C' ? 20_000 : 0);
    const alarms = run(d, new DelaySeries(mulberry32(7), { sigmaUs: 5 }), 0, 30, both, modelled, links(0.5));
    expect(alarms[0]).toBeLessThanOrEqual(12);
  });
});
