import { arcId, linkId, nodeId } from '../../model/ids';
import type { HeldPolicy, LinkObservation, PathRow, ProbeObservation } from '../observation';
import { CounterDetector } from './counter.detector';
import { DriftDetector } from './drift.detector';
import { LatencyDetector } from './latency.detector';
import { LossDetector } from './loss.detector';
import { binomial, gaussian, mulberry32, rowOf } from './sampling.fixture';

const obs = (at: number, patch: Partial<LinkObservation> = {}): LinkObservation => ({
  arc: arcId('A>B'),
  link: linkId('A-B'),
  atMs: at,
  up: true,
  utilisation: 0.3,
  inErrorsPs: 0,
  inFcsErrorsPs: 0,
  outDiscardsPs: 0,
  stale: false,
  ...patch,
});

describe('CounterDetector', () => {
  it('signals CRC errors after three consecutive intervals above the floor, not before', () => {
    const d = new CounterDetector();
    for (let i = 0; i < 100; i++) expect(d.update(i * 1000, [obs(i * 1000)])).toEqual([]);
    const out = [100, 101, 102].map((i) => d.update(i * 1000, [obs(i * 1000, { inFcsErrorsPs: 40 })]));
    expect(out.map((s) => s.length)).toEqual([0, 0, 1]);
    expect(out[2]![0]).toMatchObject({ kind: 'errors', arcs: ['A>B'] });
  });

  it('ignores stale reports and a single burst', () => {
    const d = new CounterDetector();
    for (let i = 0; i < 50; i++) d.update(i * 1000, [obs(i * 1000)]);
    expect(d.update(50_000, [obs(50_000, { inErrorsPs: 1e6, stale: true })])).toEqual([]);
    expect(d.update(51_000, [obs(51_000, { inErrorsPs: 500 })])).toEqual([]);
    expect(d.update(52_000, [obs(52_000)])).toEqual([]);
  });

  it('signals sustained discards above the arc’s own baseline', () => {
    const d = new CounterDetector();
    for (let i = 0; i < 50; i++) d.update(i * 1000, [obs(i * 1000, { outDiscardsPs: 2 })]);
    const s = [50, 51, 52].flatMap((i) =>
      d.update(i * 1000, [obs(i * 1000, { outDiscardsPs: 5000, utilisation: 1 })]),
    );
    expect(s.map((x) => x.kind)).toEqual(['discards']);
  });
});

describe('benign busy hours', () => {
  it('raise no signal from any detector: utilisation to 0.92, a little queueing delay, no loss or discard excess', () => {
    const rng = mulberry32(17);
    const rows: PathRow[] = [
      rowOf('p1', ['A', 'B', 'C']),
      rowOf('p2', ['A', 'B']),
      rowOf('p3', ['C', 'B', 'A']),
    ];
    const loss = new LossDetector({ intervalMs: 10_000 });
    const latency = new LatencyDetector();
    const counters = new CounterDetector();
    const signals: string[] = [];
    for (let i = 0; i < 3 * 8640; i++) {
      const t = i * 10_000;
      const busy = Math.max(0, Math.sin((2 * Math.PI * t) / 86_400_000)); // a daily peak
      const util = 0.3 + 0.62 * busy;
      const queueUs = 8 * (util / (1 - util)); // M/D/1-like growth: tens of µs at the peak
      const probes: ProbeObservation[] = rows.map((r) => ({
        headend: r.headend,
        policy: r.policy,
        atMs: t,
        probesSent: 1000,
        probesLost: binomial(rng, 1000, 1e-4 * r.arcs.length),
        delayUs: 500 * r.arcs.length + queueUs * r.arcs.length + 15 * gaussian(rng),
        jitterUs: 5,
      }));
      const links = [obs(t, { utilisation: util, outDiscardsPs: rng() < 0.01 ? 3 : 0 })];
      for (const s of [
        ...loss.update(t, rows, probes),
        ...latency.update(t, rows, probes),
        ...counters.update(t, links),
      ])
        signals.push(`${i}:${s.kind}`);
    }
    expect(signals).toEqual([]);
  }, 60_000);
});

describe('DriftDetector', () => {
  const p = (headend: string, name: string, fingerprint: string): HeldPolicy => ({
    headend: nodeId(headend),
    name,
    fingerprint,
  });
  const deployed = [p('A', 'x', 'f1'), p('A', 'y', 'f2'), p('B', 'z', 'f3')];

  it('reports a modified policy after two confirming rounds, with both fingerprints', () => {
    const d = new DriftDetector();
    const held = [p('A', 'x', 'f1'), p('A', 'y', 'BAD'), p('B', 'z', 'f3')];
    expect(d.update(0, deployed, held, [nodeId('A'), nodeId('B')])).toEqual([]);
    const s = d.update(1000, deployed, held, [nodeId('A'), nodeId('B')]);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ kind: 'drift', policies: ['A/y'], nodes: ['A'] });
    expect(s[0]!.evidence).toMatchObject({ issue: 'modified', deployed: 'f2', held: 'BAD' });
  });

  it('reports missing and unexpected policies; ignores headends that did not report and in-flight deploys', () => {
    const d = new DriftDetector(1);
    const held = [p('A', 'x', 'f1'), p('A', 'orphan', 'f9')];
    const s = d.update(0, deployed, held, [nodeId('A')], ['A/orphan']);
    expect(s.map((x) => `${x.policies![0]}:${x.evidence.issue}`)).toEqual(['A/y:missing']);
  });

  it('forgets a difference that was repaired before it was confirmed', () => {
    const d = new DriftDetector();
    const bad = [p('A', 'x', 'f1'), p('A', 'y', 'BAD'), p('B', 'z', 'f3')];
    d.update(0, deployed, bad, [nodeId('A'), nodeId('B')]);
    d.update(1000, deployed, deployed, [nodeId('A'), nodeId('B')]);
    expect(d.update(2000, deployed, bad, [nodeId('A'), nodeId('B')])).toEqual([]);
  });
});
