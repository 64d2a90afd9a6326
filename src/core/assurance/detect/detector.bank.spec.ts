import { arcsOf, binomial, gaussian, mulberry32, rowOf } from './sampling.fixture';
import { DetectorBank } from './detector.bank';
import { locate } from '../locate';
import type { LinkObservation, NodeObservation, PathRow, ProbeObservation } from '../observation';

const arcs = arcsOf([
  ['A', 'B'],
  ['B', 'C'],
  ['C', 'D'],
]);
const rows: PathRow[] = [
  ['A', 'B', 'C', 'D'],
  ['A', 'B'],
  ['B', 'C'],
  ['C', 'D'],
  ['A', 'B', 'C'],
  ['B', 'C', 'D'],
  ['D', 'C', 'B', 'A'],
].map((h, i) => rowOf(`p${i}`, h));
const links = (at: number): LinkObservation[] =>
  arcs.map((a) => ({
    arc: a.arc,
    link: a.link,
    atMs: at,
    up: true,
    utilisation: 0.4,
    inErrorsPs: 0,
    outDiscardsPs: 0,
    stale: false,
  }));
const nodes = (at: number): NodeObservation[] =>
  ['A', 'B', 'C', 'D'].map((n) => ({ node: n as never, atMs: at, status: 'up', silent: false }));

function probes(
  rng: () => number,
  at: number,
  loss: (arc: string) => number,
  extraUs: (arc: string) => number,
): ProbeObservation[] {
  return rows.map((r) => {
    const pass = r.arcs.reduce((p, a) => p * (1 - 1e-4) * (1 - loss(a.arc)), 1);
    const delayUs = r.arcs.reduce((d, a) => d + 500 + extraUs(a.arc), 0) + 10 * gaussian(rng);
    return {
      headend: r.headend,
      policy: r.policy,
      atMs: at,
      probesSent: 1000,
      probesLost: binomial(rng, 1000, 1 - pass),
      delayUs,
      jitterUs: 5,
    };
  });
}

describe('DetectorBank feeding the localiser', () => {
  it('detects gray loss on one arc and hands measurements that locate it', () => {
    const rng = mulberry32(12);
    const bank = new DetectorBank(arcs);
    for (let i = 0; i < 120; i++) {
      const t = i * 1000;
      expect(
        bank.update({
          atMs: t,
          rows,
          probes: probes(
            rng,
            t,
            () => 0,
            () => 0,
          ),
          links: links(t),
          nodes: nodes(t),
        }).signals,
      ).toEqual([]);
    }
    let out: ReturnType<DetectorBank['update']> = { signals: [], measurements: [] };
    for (let i = 120; i < 123 && out.signals.length === 0; i++) {
      const t = i * 1000;
      out = bank.update({
        atMs: t,
        rows,
        probes: probes(
          rng,
          t,
          (a) => (a === 'B>C' ? 0.02 : 0),
          () => 0,
        ),
        links: links(t),
        nodes: nodes(t),
      });
    }
    expect(out.signals.map((s) => s.kind)).toEqual(['loss']);
    const where = locate({ kind: 'loss', rows, arcs, measurements: out.measurements, signals: out.signals });
    expect(where.classes).toEqual([['B-C']]);
  });

  it('detects a latency shift and locates it from the delay excess', () => {
    const rng = mulberry32(13);
    const bank = new DetectorBank(arcs);
    for (let i = 0; i < 200; i++) {
      const t = i * 10_000;
      bank.update({
        atMs: t,
        rows,
        probes: probes(
          rng,
          t,
          () => 0,
          () => 0,
        ),
        links: links(t),
        nodes: nodes(t),
      });
    }
    let out: ReturnType<DetectorBank['update']> = { signals: [], measurements: [] };
    for (let i = 200; i < 215 && out.signals.length === 0; i++) {
      const t = i * 10_000;
      out = bank.update({
        atMs: t,
        rows,
        probes: probes(
          rng,
          t,
          () => 0,
          (a) => (a === 'A>B' ? 60 : 0),
        ),
        links: links(t),
        nodes: nodes(t),
      });
    }
    expect(out.signals.map((s) => s.kind)).toEqual(['latency']);
    const where = locate({ kind: 'latency', rows, arcs, measurements: out.measurements });
    expect(where.equivalenceArcs).toContain('A>B');
    expect(where.suspects[0]!.arc).toBe('A>B');
  });

  // the latency detector reads the links' utilisation (nominal anchor ADR 0160, load steps ADR 0162): the bank
  // must hand it over, or a fault present from a path's first sample is learned as its baseline
  it('alarms on +20 ms present from the paths’ first samples over quiet links (their stated delay is 500 µs per arc)', () => {
    const rng = mulberry32(14);
    const bank = new DetectorBank(arcs);
    const stated = rows.map((r) => ({ ...r, nominalUs: 500 * r.arcs.length }));
    const kinds: string[] = [];
    for (let i = 0; i < 30; i++) {
      const t = i * 1000;
      const out = bank.update({
        atMs: t,
        rows: stated,
        probes: probes(
          rng,
          t,
          () => 0,
          (a) => (a === 'B>C' ? 20_000 : 0),
        ),
        links: links(t),
        nodes: nodes(t),
      });
      kinds.push(...out.signals.map((s) => s.kind));
    }
    expect(kinds).toContain('latency');
  });
});
