import { squareNetwork } from '../../intent/__fixtures__/intent-harness';
import type { Finding, LoopObservation, ObservedPath } from '../assurance-engine';
import { CollateralFold } from './collateral.fold';

const { topology } = squareNetwork();

function path(id: string, from: string, links: string[]): ObservedPath {
  let at = from;
  const hops = links.map((l) => {
    const a = topology.link(l).arcs.find((x) => x.from === at)!;
    at = a.to;
    return { link: l, arc: a.id, to: a.to, share: 1 };
  });
  const [headend, policy] = id.split('/') as [string, string];
  return {
    id,
    headend,
    policy,
    probeOnly: false,
    links: hops,
    nodes: [from, ...hops.map((h) => h.to)],
    probesSent: 1000,
    probesLost: 0,
    delayUs: 1000,
    jitterUs: 5,
  };
}

function obs(
  at: number,
  paths: ObservedPath[],
  load: Record<string, number> = {},
  discards: Record<string, number> = {},
): LoopObservation {
  return {
    at,
    intervalMs: 1000,
    links: [...topology.arcs()].map((a) => ({
      link: a.link,
      arc: a.id,
      from: a.from,
      to: a.to,
      status: 'up' as const,
      utilisation: load[a.link] ?? 0.2,
      discardsPs: discards[a.link] ?? 0,
      stale: false,
    })),
    nodes: [...topology.nodes()].map((n) => ({ id: n.id, status: 'up' as const })),
    paths,
    drift: [],
    silent: [],
  };
}

function finding(cls: Finding['class'], eq: string[], paths: string[]): Finding {
  return {
    class: cls,
    confidence: 0.9,
    classifier: 'rules',
    suspects: eq.map((id) => ({ kind: 'link' as const, id, probability: 1 / eq.length })),
    equivalenceClass: eq,
    paths,
    evidence: { signal: cls },
    probes: [],
  };
}

const classes = (fs: readonly Finding[]) => fs.map((f) => `${f.class}:${f.equivalenceClass.join('/')}`);

describe('CollateralFold: one fault, one incident (ADR 0139)', () => {
  const p1 = path('A/p1', 'A', ['A-B', 'B-D', 'D-E']);
  const p2 = path('B/p2', 'B', ['B-D', 'D-E']);
  const p3 = path('A/p3', 'A', ['A-C', 'C-D']);

  it("folds a latency class whose alarmed paths cross an ongoing congestion (its queue's delay)", () => {
    const fold = new CollateralFold();
    const congested = finding('congestion', ['B-D'], ['A/p1', 'B/p2']);
    expect(fold.apply([congested], obs(1000, [p1, p2, p3], { 'B-D': 1 }, { 'B-D': 500 }))).toHaveLength(1);
    const out = fold.apply(
      [congested, finding('latency', ['D-E'], ['A/p1', 'B/p2'])],
      obs(2000, [p1, p2, p3], { 'B-D': 1 }, { 'B-D': 500 }),
    );
    expect(classes(out)).toEqual(['congestion:B-D']);
    expect(JSON.stringify(out[0]!.evidence)).toContain('latency on D-E');
  });

  it('keeps a second fault on disjoint elements: gray loss or latency on paths that avoid the congestion', () => {
    const fold = new CollateralFold();
    const congested = finding('congestion', ['B-D'], ['A/p1', 'B/p2']);
    fold.apply([congested], obs(1000, [p1, p2, p3], { 'B-D': 1 }, { 'B-D': 500 }));
    const out = fold.apply(
      [congested, finding('latency', ['A-C'], ['A/p3']), finding('gray-loss', ['C-D'], ['A/p3'])],
      obs(2000, [p1, p2, p3], { 'B-D': 1 }, { 'B-D': 500 }),
    );
    expect(classes(out).sort()).toEqual(['congestion:B-D', 'gray-loss:C-D', 'latency:A-C']);
  });

  it('never folds a congestion: two adjacent congested links both stand (no counter tells the root)', () => {
    const fold = new CollateralFold();
    fold.apply([], obs(1000, [p1, p2, p3]));
    const out = fold.apply(
      [finding('congestion', ['D-E'], ['A/p1']), finding('congestion', ['B-D'], ['B/p2'])],
      obs(2000, [p1, p2, p3], { 'B-D': 1, 'D-E': 0.97 }, { 'B-D': 900, 'D-E': 40 }),
    );
    expect(classes(out)).toEqual(['congestion:D-E', 'congestion:B-D']);
  });

  it('a congestion that shows after another, dropping more, stands (the root seen late)', () => {
    const fold = new CollateralFold();
    fold.apply([], obs(1000, [p1, p2, p3]));
    fold.apply(
      [finding('congestion', ['D-E'], ['A/p1'])],
      obs(2000, [p1, p2, p3], { 'D-E': 1 }, { 'D-E': 40 }),
    );
    const out = fold.apply(
      [finding('congestion', ['D-E'], ['A/p1']), finding('congestion', ['B-D'], [])],
      obs(3000, [p1, p2, p3], { 'B-D': 1, 'D-E': 1 }, { 'B-D': 900, 'D-E': 40 }),
    );
    expect(classes(out)).toEqual(['congestion:D-E', 'congestion:B-D']);
  });

  it('folds latency on a link a path was just moved onto while its load rose; not once the move is old, nor without the load', () => {
    const fold = new CollateralFold();
    const moved = path('A/p1', 'A', ['A-C', 'C-D', 'D-E']);
    for (let t = 1000; t <= 5000; t += 1000) fold.apply([], obs(t, [p1, p3]));
    fold.apply([], obs(6000, [moved, p3], { 'A-C': 0.6 }));
    const late = finding('latency', ['A-C'], ['A/p3']);
    expect(fold.apply([late], obs(8000, [moved, p3], { 'A-C': 0.6 }))).toEqual([]);
    // a 20 ms shift is no queueing of a link that drops nothing: a fault of its own, even there
    const big = { ...late, evidence: { localisation: [{ kind: 'latency', rate: 20_000 }] } };
    expect(fold.apply([big], obs(8500, [moved, p3], { 'A-C': 0.6 }))).toHaveLength(1);
    // a move onto C-D whose load did not rise explains nothing there
    expect(classes(fold.apply([finding('latency', ['C-D'], ['A/p3'])], obs(9000, [moved, p3])))).toEqual([
      'latency:C-D',
    ]);
    const again = new CollateralFold();
    for (let t = 1000; t <= 5000; t += 1000) again.apply([], obs(t, [p1, p3]));
    again.apply([], obs(6000, [moved, p3], { 'A-C': 0.6 }));
    for (let t = 7000; t <= 25_000; t += 1000) again.apply([], obs(t, [moved, p3], { 'A-C': 0.6 }));
    expect(again.apply([late], obs(26_000, [moved, p3], { 'A-C': 0.6 }))).toHaveLength(1);
  });

  // ADR 0173: the latency detector's link model says how much the load explains
  it('does not fold latency on a moved-onto link when the link model says its paths are slower than the load explains', () => {
    const moved = path('A/p1', 'A', ['A-C', 'C-D', 'D-E']);
    const late = finding('latency', ['A-C'], ['A/p3']);
    const after = (unexplained: Set<string>): Finding[] => {
      const fold = new CollateralFold();
      for (let t = 1000; t <= 5000; t += 1000) fold.apply([], obs(t, [p1, p3]));
      fold.apply([], obs(6000, [moved, p3], { 'A-C': 0.6 }));
      return fold.apply([late], obs(7000, [moved, p3], { 'A-C': 0.6 }), unexplained);
    };
    expect(after(new Set(['A/p3']))).toHaveLength(1);
    // another path's excess says nothing about this one: the same finding folds
    expect(after(new Set(['A/p1']))).toEqual([]);
  });

  it('never folds a fault on elements already seen as a fault, nor gray loss, crc or hard faults', () => {
    const fold = new CollateralFold();
    const congested = finding('congestion', ['B-D'], ['A/p1', 'B/p2']);
    // a latency fault on D-E seen first, then the congestion on B-D: the latency stays its own fault
    fold.apply([finding('latency', ['D-E'], ['B/p2'])], obs(1000, [p1, p2]));
    const out = fold.apply(
      [
        congested,
        finding('latency', ['D-E'], ['B/p2']),
        finding('gray-loss', ['D-E'], ['A/p1']),
        finding('link-down', ['A-B'], ['A/p1']),
      ],
      obs(2000, [p1, p2], {}, { 'B-D': 500 }),
    );
    expect(out).toHaveLength(4);
  });
});
