import { nodeId } from '../../model/ids';
import type { PathRow, ProbeObservation } from '../observation';
import { LossDetector } from './loss.detector';
import { binomial, mulberry32, rowOf } from './sampling.fixture';
import { excessLossLlr } from './stats';

const rows: PathRow[] = [
  rowOf('p1', ['A', 'B', 'C', 'D']),
  rowOf('p2', ['A', 'B', 'C']),
  rowOf('p3', ['B', 'C', 'D']),
  rowOf('p4', ['D', 'C', 'B', 'A']),
  rowOf('p5', ['C', 'B']),
];

function probes(
  rng: () => number,
  at: number,
  lossOf: (arc: string) => number,
  sent = 1000,
): ProbeObservation[] {
  return rows.map((r) => {
    const pass = r.arcs.reduce((acc, a) => acc * (1 - lossOf(a.arc)), 1);
    return {
      headend: r.headend,
      policy: r.policy,
      atMs: at,
      probesSent: sent,
      probesLost: binomial(rng, sent, 1 - pass),
      delayUs: 1000,
      jitterUs: 10,
    };
  });
}

const background = (): number => 1e-4;

function run(
  d: LossDetector,
  rng: () => number,
  from: number,
  count: number,
  lossOf: (arc: string) => number,
): number[] {
  const alarms: number[] = [];
  for (let i = from; i < from + count; i++)
    if (d.update(i * 1000, rows, probes(rng, i * 1000, lossOf)).length) alarms.push(i);
  return alarms;
}

describe('LossDetector', () => {
  it('sets its bar from the budget: ≈ 16 nats at 1 s, 1,000 policies, 1,000 arcs, and higher with more tests', () => {
    const d = new LossDetector();
    expect(d.threshold(1000, 1000)).toBeGreaterThan(15);
    expect(d.threshold(1000, 1000)).toBeLessThan(18);
    expect(d.threshold(10, 1000)).toBeGreaterThan(d.threshold(1000, 1000));
  });

  it('detects 1 % gray loss on one link within two intervals, naming the lossy arc and its paths', () => {
    const rng = mulberry32(7);
    const d = new LossDetector();
    expect(run(d, rng, 0, 300, background)).toEqual([]);
    const lossy = (arc: string): number => (arc === 'C>D' ? 0.01 : 1e-4);
    const signals = [
      d.update(300_000, rows, probes(rng, 300_000, lossy)),
      d.update(301_000, rows, probes(rng, 301_000, lossy)),
    ];
    const first = signals.find((s) => s.length > 0)!;
    expect(first).toBeDefined();
    expect(first[0]!.kind).toBe('loss');
    expect(first[0]!.arcs).toContain('C>D');
    expect(first[0]!.policies).toEqual(expect.arrayContaining(['A/p1', 'B/p3']));
  });

  it('finds 0.2 % loss within its 10-interval evidence window', () => {
    const rng = mulberry32(11);
    const d = new LossDetector();
    run(d, rng, 0, 300, background);
    const alarms = run(d, rng, 300, 12, (arc) => (arc === 'B>C' ? 0.002 : 1e-4));
    expect(alarms.length).toBeGreaterThan(0);
    expect(alarms[0]!).toBeLessThanOrEqual(311);
  });

  it('pools evidence: three paths each below the bar alone clear it together through their shared arc', () => {
    const d = new LossDetector({ window: 1 });
    const bar = d.threshold(5, 6);
    const p0 = d.baseline('A/p1') * 2;
    // 5 lost of 1,000 is below the bar on one path but the three paths through B>C add up.
    expect(excessLossLlr(1000, 5, p0)).toBeLessThan(bar);
    const obs = rows.map((r) => ({
      headend: nodeId(r.headend),
      policy: r.policy,
      atMs: 0,
      probesSent: 1000,
      probesLost: ['p1', 'p2', 'p3'].includes(r.policy) ? 5 : 0,
      delayUs: 1,
      jitterUs: 1,
    }));
    const s = d.update(0, rows, obs);
    expect(s).toHaveLength(1);
    expect(s[0]!.arcs![0]).toBe('B>C');
  });

  it('keeps quiet for two simulated hours of background loss with busy-hour utilisation (no excess: no alarm)', () => {
    const rng = mulberry32(3);
    expect(run(new LossDetector(), rng, 0, 7200, background)).toEqual([]);
  }, 60_000);

  it('does not carry the old route’s losses onto a new route after a reroute', () => {
    const rng = mulberry32(5);
    const d = new LossDetector();
    run(d, rng, 0, 100, background);
    expect(run(d, rng, 100, 3, (arc) => (arc === 'A>B' ? 0.05 : 1e-4)).length).toBe(3);
    // p1 and p2 now avoid A>B (a repair moved them onto a new first hop); the lossy link carries nothing.
    const moved = rows.map((r) =>
      r.policy === 'p1' || r.policy === 'p2'
        ? { ...r, arcs: r.arcs.map((a) => (a.arc === 'A>B' ? { ...a, arc: 'A>X' as never } : a)) }
        : r,
    );
    const signals = d.update(104_000, moved, probes(rng, 104_000, background));
    expect(signals).toEqual([]);
  });
});
