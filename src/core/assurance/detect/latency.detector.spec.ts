import type { PathRow, ProbeObservation } from '../observation';
import { LatencyDetector } from './latency.detector';
import { gaussian, mulberry32, rowOf } from './sampling.fixture';

const rows: PathRow[] = [
  rowOf('p1', ['A', 'B', 'C', 'D']),
  rowOf('p2', ['A', 'B', 'C']),
  rowOf('p3', ['B', 'C', 'D']),
  rowOf('p4', ['D', 'C', 'B', 'A']),
  rowOf('p5', ['C', 'B']),
];
const SIGMA = 20;
const DAY = 86_400_000;

/** A latency KPI per path: base + diurnal ±3σ swing + AR(1) noise (φ 0.5) + 0.2 % spikes of 10 σ. */
class Series {
  private readonly ar = new Map<string, number>();
  constructor(
    private readonly rng: () => number,
    private readonly intervalMs: number,
  ) {}
  probes(i: number, shiftOf: (arc: string) => number): ProbeObservation[] {
    const t = i * this.intervalMs;
    return rows.map((r) => {
      const prev = this.ar.get(r.policy) ?? 0;
      const ar = 0.5 * prev + Math.sqrt(1 - 0.25) * gaussian(this.rng);
      this.ar.set(r.policy, ar);
      const spike = this.rng() < 0.002 ? 10 * SIGMA * this.rng() : 0;
      const diurnal = 3 * SIGMA * Math.sin((2 * Math.PI * t) / DAY);
      const shift = r.arcs.reduce((acc, a) => acc + shiftOf(a.arc), 0);
      const delayUs = 1000 * r.arcs.length + diurnal + SIGMA * ar + spike + shift;
      return {
        headend: r.headend,
        policy: r.policy,
        atMs: t,
        probesSent: 1000,
        probesLost: 0,
        delayUs,
        jitterUs: 5,
      };
    });
  }
}

function soak(
  d: LatencyDetector,
  s: Series,
  from: number,
  count: number,
  shiftOf: (arc: string) => number = () => 0,
): number[] {
  const alarms: number[] = [];
  for (let i = from; i < from + count; i++)
    if (d.update(i * 10_000, rows, s.probes(i, shiftOf)).length) alarms.push(i);
  return alarms;
}

const episodes = (alarms: number[]): number =>
  alarms.filter((x, j) => j === 0 || alarms[j - 1] !== x - 1).length;

describe('LatencyDetector', () => {
  it('detects a 3σ shift on a link within a few intervals, corroborated by the two paths over it', () => {
    const rng = mulberry32(21);
    const s = new Series(rng, 10_000);
    const d = new LatencyDetector();
    expect(soak(d, s, 0, 2000)).toEqual([]);
    const alarms = soak(d, s, 2000, 20, (arc) => (arc === 'C>D' ? 3 * SIGMA : 0));
    expect(alarms.length).toBeGreaterThan(0);
    expect(alarms[0]! - 2000).toBeLessThanOrEqual(7);
    const sig = d.update(
      2020 * 10_000,
      rows,
      s.probes(2020, (arc) => (arc === 'C>D' ? 3 * SIGMA : 0)),
    );
    expect(sig[0]!.policies).toEqual(['A/p1', 'B/p3']);
    expect(sig[0]!.arcs).toContain('C>D');
  });

  it('hands the localiser each path’s excess in µs and σ', () => {
    const s = new Series(mulberry32(2), 10_000);
    const d = new LatencyDetector();
    soak(d, s, 0, 500);
    soak(d, s, 500, 10, (arc) => (arc === 'A>B' ? 5 * SIGMA : 0));
    const p2 = d.excess().find((e) => e.key === 'A/p2')!;
    const p5 = d.excess().find((e) => e.key === 'C/p5')!;
    expect(p2.delayExcessUs / p2.delaySigmaUs).toBeGreaterThan(2);
    expect(Math.abs(p5.delayExcessUs / p5.delaySigmaUs)).toBeLessThan(4);
  });

  it('raises no more than the budget on 30 clean seasonal days (5 policies: 0.15 false incidents allowed)', () => {
    const s = new Series(mulberry32(99), 10_000);
    const d = new LatencyDetector();
    const alarms = soak(d, s, 0, 30 * 8640);
    expect(episodes(alarms)).toBe(0);
  }, 60_000);
});
