import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../config';
import { DEFAULT_CONFIDENCE_THRESHOLD, LogisticModel } from '../../core/assurance/classify';
import type { LogisticModelJson } from '../../core/assurance/classify';
import { TopologyGraph } from '../../core/topology';
import { queueDelayUs } from '../../core/twin';
import { squareNetwork } from '../intent/__fixtures__/intent-harness';
import type { Finding, LoopObservation, ObservedPath } from './assurance-engine';
import { CoreAssuranceEngine } from './core.engine';

const { topology } = squareNetwork();
const arcOf = (link: string, from: string) => topology.link(link).arcs.find((a) => a.from === from)!;

/** A measured path from `from` over `links`. */
function path(id: string, from: string, links: string[], sent: number, lost: number): ObservedPath {
  let at = from;
  const hops = links.map((l) => {
    const a = arcOf(l, at);
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
    probesSent: sent,
    probesLost: lost,
    delayUs: 1000,
    jitterUs: 5,
  };
}

function observation(
  at: number,
  paths: ObservedPath[],
  down: string[] = [],
  errors: string[] = [],
): LoopObservation {
  return {
    at,
    intervalMs: 1000,
    links: [...topology.arcs()].map((a) => ({
      link: a.link,
      arc: a.id,
      from: a.from,
      to: a.to,
      status: down.includes(a.link) ? 'down' : 'up',
      errorsPs: errors.includes(a.id) ? 500 : 0,
      discardsPs: 0,
      stale: false,
    })),
    nodes: [...topology.nodes()].map((n) => ({ id: n.id, status: 'up' })),
    paths,
    drift: [],
    silent: [],
  };
}

describe('CoreAssuranceEngine', () => {
  it('reports a link that went down as link-down with the paths crossing it', () => {
    const e = new CoreAssuranceEngine(topology, 1000);
    const p = path('A/gold-ab', 'A', ['A-B', 'B-D'], 1000, 0);
    expect(e.analyse(observation(1000, [p]))).toEqual([]);
    const [f, ...rest] = e.analyse(observation(2000, [p], ['B-D']));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ class: 'link-down', equivalenceClass: ['B-D'], paths: ['A/gold-ab'] });
  });

  it('localises gray loss to the arc the clean paths do not clear, and calls it gray-loss', () => {
    const e = new CoreAssuranceEngine(topology, 1000);
    const healthy = (_at: number) => [
      path('A/gold-ab', 'A', ['A-B', 'B-D'], 1000, 0),
      path('A/x-ab', 'A', ['A-B'], 1000, 0),
      path('D/x-de', 'D', ['D-E'], 1000, 0),
    ];
    for (let t = 1; t <= 5; t++) expect(e.analyse(observation(t * 1000, healthy(t)))).toEqual([]);
    const lossy = [
      path('A/gold-ab', 'A', ['A-B', 'B-D'], 1000, 50),
      path('A/x-ab', 'A', ['A-B'], 1000, 0),
      path('D/x-de', 'D', ['D-E'], 1000, 0),
    ];
    const findings = e.analyse(observation(6000, lossy));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      class: 'gray-loss',
      equivalenceClass: ['B-D'],
      paths: ['A/gold-ab'],
    });
  });

  it('reports two links no measurement separates as one class, with probes aimed at each', () => {
    const e = new CoreAssuranceEngine(topology, 1000);
    // clean paths clear the nodes A, B and D; nothing separates the arcs A→B and B→D
    const only = (lost: number) => [
      path('A/gold-ab', 'A', ['A-B', 'B-D'], 1000, lost),
      path('A/x-ac', 'A', ['A-C'], 1000, 0),
      path('B/x-ba', 'B', ['A-B'], 1000, 0),
      path('D/x-de', 'D', ['D-E'], 1000, 0),
    ];
    for (let t = 1; t <= 5; t++) e.analyse(observation(t * 1000, only(0)));
    const [f] = e.analyse(observation(6000, only(50)));
    expect(f!.equivalenceClass).toEqual(['A-B', 'B-D']);
    expect(f!.suspects.map((s) => s.id)).toEqual(['A-B', 'B-D']);
    for (const s of f!.suspects) expect(s.probability).toBeCloseTo(0.5, 3);
    expect(f!.probes.map((p) => [p.headend, ...p.links])).toEqual([
      ['A', 'A-B'],
      ['B', 'B-D'],
    ]);
  });

  it('calls loss on a link whose receiver counts errors crc, not gray-loss', () => {
    const e = new CoreAssuranceEngine(topology, 1000);
    const bd = arcOf('B-D', 'B').id as string;
    const ps = (lost: number) => [
      path('A/gold-ab', 'A', ['A-B', 'B-D'], 1000, lost),
      path('A/x-ab', 'A', ['A-B'], 1000, 0),
      path('D/x-de', 'D', ['D-E'], 1000, 0),
    ];
    for (let t = 1; t <= 5; t++) e.analyse(observation(t * 1000, ps(0)));
    let last: ReturnType<CoreAssuranceEngine['analyse']> = [];
    for (let t = 6; t <= 9; t++) last = e.analyse(observation(t * 1000, ps(50), [], [bd]));
    expect(last.map((f) => f.class)).toEqual(['crc']);
    expect(last[0]!.equivalenceClass).toEqual(['B-D']);
  });

  it('reports drift once a read-back round confirms it twice, on the drifted policy', () => {
    const e = new CoreAssuranceEngine(topology, 1000);
    const round = {
      deployed: [{ headend: 'A', name: 'gold-ab', fingerprint: 'x' }],
      held: [{ headend: 'A', name: 'gold-ab', fingerprint: 'y' }],
      reported: ['A'],
      inFlight: [],
      owners: { 'A/gold-ab': 'gold' },
    };
    const obs = (at: number) => ({ ...observation(at, []), policyRound: round });
    expect(e.analyse(obs(1000))).toEqual([]);
    const [f] = e.analyse(obs(2000));
    expect(f).toMatchObject({ class: 'drift', equivalenceClass: ['A/gold-ab'], paths: ['A/gold-ab'] });
  });
});

/**
 * A hand-made network for the localiser cases: A–B–C–D a chain, E and F beside it.
 *   A ─ B ─ C ─ D
 *   │   │   │   │
 *   E ─────── F ┘ (A-E, B-E, C-F, D-F, E-F)
 */
const grid = TopologyGraph.build({
  name: 'grid',
  nodes: ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => ({ id })),
  links: [
    ['A-B', 'A', 'B'],
    ['B-C', 'B', 'C'],
    ['C-D', 'C', 'D'],
    ['A-E', 'A', 'E'],
    ['B-E', 'B', 'E'],
    ['C-F', 'C', 'F'],
    ['D-F', 'D', 'F'],
    ['E-F', 'E', 'F'],
  ].map(([id, a, b]) => ({
    id: id!,
    a: a!,
    b: b!,
    ab: { capacityMbps: 1000, delayUs: 100, igpMetric: 10 },
    ba: { capacityMbps: 1000, delayUs: 100, igpMetric: 10 },
  })),
});

/** A path over `nodes` in `g` (one arc per hop), with its probe counts and delay. */
function walk(g: TopologyGraph, id: string, nodes: string[], sent: number, lost: number, delayUs = 1000) {
  const hops = nodes.slice(1).map((to, i) => {
    const from = nodes[i]!;
    const a = [...g.arcs()].find((x) => x.from === from && x.to === to)!;
    return { link: a.link, arc: a.id, to, share: 1 };
  });
  const [headend, policy] = id.split('/') as [string, string];
  return {
    id,
    headend,
    policy,
    probeOnly: false,
    links: hops,
    nodes,
    probesSent: sent,
    probesLost: lost,
    delayUs,
    jitterUs: 5,
  } satisfies ObservedPath;
}

function gridObservation(
  at: number,
  paths: ObservedPath[],
  link: (arc: string) => { utilisation?: number; errorsPs?: number; discardsPs?: number } = () => ({}),
): LoopObservation {
  return {
    at,
    intervalMs: 1000,
    links: [...grid.arcs()].map((a) => ({
      link: a.link,
      arc: a.id,
      from: a.from,
      to: a.to,
      status: 'up' as const,
      utilisation: 0.3,
      errorsPs: 0,
      discardsPs: 0,
      stale: false,
      ...link(a.id),
    })),
    nodes: [...grid.nodes()].map((n) => ({ id: n.id, status: 'up' as const })),
    paths,
    drift: [],
    silent: [],
  };
}

const arcId = (from: string, to: string): string =>
  [...grid.arcs()].find((a) => a.from === from && a.to === to)!.id;

/** Paths that cross A→B and C→D (two on A→B, two on C→D, one over both) and clear everything else. */
function gridPaths(lossAB: number, lossCD: number): ObservedPath[] {
  const lost = (rates: number[]) => Math.round(1000 * (1 - rates.reduce((p, r) => p * (1 - r), 1)));
  return [
    walk(grid, 'A/both', ['A', 'B', 'C', 'D'], 1000, lost([lossAB, lossCD])),
    walk(grid, 'A/ab-e', ['A', 'B', 'E'], 1000, lost([lossAB])),
    walk(grid, 'F/cd', ['F', 'C', 'D'], 1000, lost([lossCD])),
    walk(grid, 'E/bc', ['E', 'B', 'C', 'F'], 1000, 0),
    walk(grid, 'A/ae', ['A', 'E'], 1000, 0),
    walk(grid, 'D/df', ['D', 'F', 'E'], 1000, 0),
  ];
}

const shippedModel = (): LogisticModel =>
  LogisticModel.fromJson(
    JSON.parse(readFileSync(join(packageRoot(), 'models', 'fault-classifier.json'), 'utf8')),
  );

describe('CoreAssuranceEngine with the core localiser and the learned classifier', () => {
  it('finds both of two faults on one path, each as its own class', () => {
    const e = new CoreAssuranceEngine(grid, 1000);
    for (let t = 1; t <= 5; t++) expect(e.analyse(gridObservation(t * 1000, gridPaths(0, 0)))).toEqual([]);
    const found = e.analyse(gridObservation(6000, gridPaths(0.05, 0.04)));
    expect(found.map((f) => f.equivalenceClass).sort()).toEqual([['A-B'], ['C-D']]);
    for (const f of found) {
      expect(f.class).toBe('gray-loss');
      expect(f.suspects[0]!.probability).toBeGreaterThan(0.9);
      expect(f.probes).toEqual([]);
    }
    expect(found.find((f) => f.equivalenceClass[0] === 'A-B')!.paths).toEqual(['A/ab-e', 'A/both']);
  });

  it('reports an unidentifiable pair as one class, probability split, and asks for probes that split it', () => {
    const e = new CoreAssuranceEngine(grid, 1000);
    // only A/abc crosses A→B and B→C; the others clear the nodes A, B and C
    const ps = (lost: number) => [
      walk(grid, 'A/abc', ['A', 'B', 'C'], 1000, lost),
      walk(grid, 'A/ae', ['A', 'E'], 1000, 0),
      walk(grid, 'E/eb', ['E', 'B'], 1000, 0),
      walk(grid, 'C/cf', ['C', 'F'], 1000, 0),
    ];
    for (let t = 1; t <= 5; t++) e.analyse(gridObservation(t * 1000, ps(0)));
    const found = e.analyse(gridObservation(6000, ps(60)));
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f!.equivalenceClass).toEqual(['A-B', 'B-C']);
    expect(f!.suspects.map((s) => s.id)).toEqual(['A-B', 'B-C']);
    for (const s of f!.suspects) expect(s.probability).toBeCloseTo(0.5, 2);
    expect(f!.probes.map((p) => [p.headend, ...p.links])).toEqual([
      ['A', 'A-B'],
      ['B', 'B-C'],
    ]);
    // the probes' measurements (A→B lossy, B→C clean) narrow the class to A-B the next interval
    const probed = [
      ...ps(60),
      walk(grid, 'A/probe-0', ['A', 'B'], 1000, 60),
      walk(grid, 'B/probe-1', ['B', 'C'], 1000, 0),
    ];
    const [g] = e.analyse(gridObservation(7000, probed));
    expect(g!.equivalenceClass).toEqual(['A-B']);
  });

  it('does not flag benign congestion: utilisation near capacity, no loss above baseline, no discards', () => {
    const e = new CoreAssuranceEngine(grid, 1000, { model: shippedModel() });
    const busy = (t: number) =>
      gridObservation(
        t * 1000,
        gridPaths(0, 0).map((p) => ({ ...p, probesLost: t % 7 === 0 ? 1 : 0, delayUs: 1000 + (t % 5) * 8 })),
        () => ({
          utilisation: Math.min(0.97, 0.5 + t * 0.01),
        }),
      );
    for (let t = 1; t <= 60; t++) expect(e.analyse(busy(t))).toEqual([]);
  });

  it('classifies loss with rising error counters as crc by the learned model, with the model confidence', () => {
    const e = new CoreAssuranceEngine(grid, 1000, { model: shippedModel() });
    const cd = arcId('C', 'D');
    for (let t = 1; t <= 5; t++) e.analyse(gridObservation(t * 1000, gridPaths(0, 0)));
    let found: Finding[] = [];
    for (let t = 6; t <= 9; t++)
      found = e.analyse(
        gridObservation(t * 1000, gridPaths(0, 0.03), (a) => (a === cd ? { errorsPs: 800 } : {})),
      );
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f).toMatchObject({ class: 'crc', classifier: 'model', equivalenceClass: ['C-D'] });
    const verdict = (f!.evidence as { classification: { model: { class: string; confidence: number } } })
      .classification;
    expect(verdict.model.class).toBe('crc');
    expect(f!.confidence).toBe(verdict.model.confidence);
    expect(f!.confidence).toBeGreaterThanOrEqual(DEFAULT_CONFIDENCE_THRESHOLD);
  });

  it('never takes crc from the model without error counters on the fault (the rules decide, and say why)', () => {
    // a model that calls everything crc with certainty: only a corroborating errors signal may let it decide
    const shipped = JSON.parse(
      readFileSync(join(packageRoot(), 'models', 'fault-classifier.json'), 'utf8'),
    ) as LogisticModelJson;
    const json = { ...shipped, bias: shipped.classes.map((c) => (c === 'crc' ? 1e6 : 0)) };
    const e = new CoreAssuranceEngine(grid, 1000, { model: LogisticModel.fromJson(json) });
    for (let t = 1; t <= 5; t++) e.analyse(gridObservation(t * 1000, gridPaths(0, 0)));
    const [f] = e.analyse(gridObservation(6000, gridPaths(0.05, 0)));
    expect(f).toMatchObject({ class: 'gray-loss', classifier: 'rules', equivalenceClass: ['A-B'] });
    const verdict = (f!.evidence as { classification: { model: { class: string }; note: string } })
      .classification;
    expect(verdict.model.class).toBe('crc');
    expect(verdict.note).toMatch(/not a class this symptom and its counters support/);
    // with the receiver counting errors on the same link, the model's crc stands
    const ab = arcId('A', 'B');
    const e2 = new CoreAssuranceEngine(grid, 1000, { model: LogisticModel.fromJson(json) });
    for (let t = 1; t <= 5; t++) e2.analyse(gridObservation(t * 1000, gridPaths(0, 0)));
    let found: Finding[] = [];
    for (let t = 6; t <= 9; t++)
      found = e2.analyse(
        gridObservation(t * 1000, gridPaths(0.05, 0), (a) => (a === ab ? { errorsPs: 800 } : {})),
      );
    expect(found[0]).toMatchObject({ class: 'crc', classifier: 'model' });
  });

  it('falls back to the rules when the model is below its threshold, and says so', () => {
    const e = new CoreAssuranceEngine(grid, 1000, { model: shippedModel(), threshold: 0.99999 });
    for (let t = 1; t <= 5; t++) e.analyse(gridObservation(t * 1000, gridPaths(0, 0)));
    const [f] = e.analyse(gridObservation(6000, gridPaths(0.05, 0)));
    expect(f).toMatchObject({ class: 'gray-loss', classifier: 'rules', equivalenceClass: ['A-B'] });
    const verdict = (f!.evidence as { classification: { source: string; note: string; model: object } })
      .classification;
    expect(verdict.source).toBe('rules');
    expect(verdict.model).toBeDefined();
    expect(verdict.note).toMatch(/rules decided/);
    expect(f!.confidence).toBe(0.6); // the rule's confidence, not the model's
  });
});

describe('CoreAssuranceEngine when the localiser cannot place an alarm', () => {
  it("still reports it on the detector's alarmed links, mass split, with probes to place it", () => {
    // a complexity penalty no fault can pay: the localiser explains nothing, the detector still fired
    const e = new CoreAssuranceEngine(grid, 1000, { locate: { penaltyNats: 1e9 } });
    const ps = (lost: number) => [walk(grid, 'A/abc', ['A', 'B', 'C'], 1000, lost)];
    for (let t = 1; t <= 5; t++) e.analyse(gridObservation(t * 1000, ps(0)));
    const found = e.analyse(gridObservation(6000, ps(60)));
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f!.class).toBe('gray-loss');
    expect(f!.equivalenceClass).toEqual(['A-B', 'B-C']);
    expect(f!.suspects.map((s) => [s.id, s.probability])).toEqual([
      ['A-B', 0.5],
      ['B-C', 0.5],
    ]);
    expect(f!.probes.map((p) => [p.headend, ...p.links]).sort()).toEqual([
      ['A', 'A-B'],
      ['B', 'B-C'],
    ]);
    expect((f!.evidence as { localisation: { posterior: number }[] }).localisation[0]!.posterior).toBe(0);
  });
});

describe('CoreAssuranceEngine on a lossy link both ways under a single intent', () => {
  it('calls it gray-loss, reports the nodes and links the data cannot tell apart, and narrows with probes', () => {
    const e = new CoreAssuranceEngine(grid, 1000, { model: shippedModel() });
    // the intent's two policies A→B→C and C→B→A, the fault on A-B both ways: one node fault or two arc
    // faults explain the losses equally well
    const ps = (lost: number) => [
      walk(grid, 'A/abc', ['A', 'B', 'C'], 1000, lost),
      walk(grid, 'C/cba', ['C', 'B', 'A'], 1000, lost),
    ];
    for (let t = 1; t <= 5; t++) e.analyse(gridObservation(t * 1000, ps(0)));
    const [f, ...more] = e.analyse(gridObservation(6000, ps(50)));
    expect(more).toEqual([]);
    expect(f!.equivalenceClass).toEqual(['A', 'A-B', 'B', 'B-C', 'C']);
    expect(f!.class).toBe('gray-loss'); // a path symptom is never a telemetry gap or drift
    expect(new Set(f!.suspects.map((s) => s.kind))).toEqual(new Set(['node', 'link']));
    // one-hop probes over each link of the class and over a link leading out of each node
    const probes = f!.probes.map((p) => [p.headend, ...p.links]);
    expect(probes).toEqual(
      expect.arrayContaining([
        ['A', 'A-B'],
        ['B', 'B-C'],
      ]),
    );
    expect(probes.some(([, link]) => !['A-B', 'B-C'].includes(link!))).toBe(true);
    // the probes measure: those over A-B lose, the others are clean
    const probed = [
      ...ps(50),
      ...f!.probes.map((p, i) => {
        const arc = [...grid.arcs()].find((a) => a.from === p.headend && a.link === p.links[0])!;
        return walk(grid, `${p.headend}/probe-${i}`, [arc.from, arc.to], 1000, arc.link === 'A-B' ? 50 : 0);
      }),
    ];
    const next = e.analyse(gridObservation(7000, probed));
    // one finding (the link's two directions are one fault), on the link alone
    expect(next.map((g) => g.equivalenceClass)).toEqual([['A-B']]);
    expect(next[0]!.suspects.map((x) => [x.kind, x.id])).toEqual([['link', 'A-B']]);
  });
});

describe('CoreAssuranceEngine: a large latency shift narrowed by fresh probes', () => {
  it('probes with no learned baseline are judged against their nominal delay: +20 ms on A-B narrows to A-B', () => {
    const e = new CoreAssuranceEngine(grid, 1000, { model: shippedModel() });
    // nominal 2 × 100 µs per policy; a little measurement noise
    const ps = (t: number, extra: number) => [
      walk(grid, 'A/abc', ['A', 'B', 'C'], 1000, 0, 203 + (t % 3) + extra),
      walk(grid, 'C/cba', ['C', 'B', 'A'], 1000, 0, 202 + (t % 2) + extra),
    ];
    for (let t = 1; t <= 40; t++) e.analyse(gridObservation(t * 1000, ps(t, 0)));
    let found: Finding[] = [];
    let t = 41;
    for (; t <= 50 && found.length === 0; t++) found = e.analyse(gridObservation(t * 1000, ps(t, 20_000)));
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.class).toBe('latency');
    expect(f.equivalenceClass.length).toBeGreaterThan(1);
    expect(f.probes.length).toBeGreaterThan(0);
    // the probes are new paths (no baseline to learn from): over A-B they carry the 20 ms, elsewhere nominal
    const probed = [
      ...ps(t, 20_000),
      ...f.probes.map((p, i) => {
        const arc = [...grid.arcs()].find((a) => a.from === p.headend && a.link === p.links[0])!;
        const delay = 101 + (arc.link === 'A-B' ? 20_000 : 0);
        return {
          ...walk(grid, `${p.headend}/probe-${i}`, [arc.from, arc.to], 1000, 0, delay),
          probeOnly: true,
        };
      }),
    ];
    const next = e.analyse(gridObservation(t * 1000, probed));
    expect(next.map((g) => g.equivalenceClass)).toEqual([['A-B']]);
    expect(next[0]!.class).toBe('latency');
  });
});

describe('CoreAssuranceEngine: one latency fault whose onset reaches its paths an interval apart', () => {
  it("+20 ms on A-B, seen by two intents a tick apart, is one fault on A-B, not one on each intent's other link", () => {
    // by hand: chi-atl and chi-kc across Chicago:Indianapolis, whose NEs' reports reached the controller a
    // tick apart; the window means (20 ms against 13.3 ms) were fitted as two faults on the links after it
    const e = new CoreAssuranceEngine(grid, 1000, { model: shippedModel() });
    const ps = (t: number, first: number, second: number) => [
      walk(grid, 'A/abc', ['A', 'B', 'C'], 1000, 0, 203 + (t % 3) + (t >= first ? 20_000 : 0)),
      walk(grid, 'C/cba', ['C', 'B', 'A'], 1000, 0, 202 + (t % 2) + (t >= first ? 20_000 : 0)),
      walk(grid, 'A/abe', ['A', 'B', 'E'], 1000, 0, 204 + (t % 2) + (t >= second ? 20_000 : 0)),
      walk(grid, 'E/eba', ['E', 'B', 'A'], 1000, 0, 203 + (t % 3) + (t >= second ? 20_000 : 0)),
    ];
    for (let t = 1; t <= 40; t++) expect(e.analyse(gridObservation(t * 1000, ps(t, 99, 99)))).toEqual([]);
    const found: Finding[] = [];
    for (let t = 41; t <= 46; t++) found.push(...e.analyse(gridObservation(t * 1000, ps(t, 41, 42))));
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(f.class).toBe('latency');
      expect(f.equivalenceClass).toContain('A-B');
    }
  });
});

describe('CoreAssuranceEngine: a probe installed while a latency fault is on', () => {
  // seen in the benchmark (Cogent, +46 µs on one link of a chain): the incident named the link at +2 s; the
  // disambiguation probe over it learned its baseline from samples that held the fault, reported no shift,
  // and the class moved to the next link; the incident resolved with the fault still on
  it.each([40, 400])(
    'keeps A-B among the suspects when the probe over it learned its baseline after a +%i µs onset',
    (shift) => {
      const e = new CoreAssuranceEngine(grid, 1000, { model: shippedModel() });
      const up = (t: number): number => (t >= 41 ? shift : 0);
      // two intents over A-B and B-C (nothing else crosses them): one class until a probe splits it
      const ps = (t: number, probe: boolean) => [
        walk(grid, 'A/abc', ['A', 'B', 'C'], 1000, 0, 203 + (t % 3) + up(t)),
        walk(grid, 'C/cba', ['C', 'B', 'A'], 1000, 0, 202 + (t % 2) + up(t)),
        ...(probe
          ? [{ ...walk(grid, 'A/probe-ab', ['A', 'B'], 1000, 0, 101 + (t % 2) + up(t)), probeOnly: true }]
          : []),
      ];
      for (let t = 1; t <= 40; t++) expect(e.analyse(gridObservation(t * 1000, ps(t, false)))).toEqual([]);
      const early: Finding[] = [];
      for (let t = 41; t <= 44; t++) early.push(...e.analyse(gridObservation(t * 1000, ps(t, false))));
      expect(early.length).toBeGreaterThan(0);
      // the probe answers from t = 45; its baseline is ready ten samples later
      const late: Finding[] = [];
      for (let t = 45; t <= 70; t++) late.push(...e.analyse(gridObservation(t * 1000, ps(t, true))));
      expect(late.length).toBeGreaterThan(20);
      for (const f of late) {
        expect(f.class).toBe('latency');
        expect(f.equivalenceClass).toContain('A-B');
      }
    },
  );
});

describe('CoreAssuranceEngine after a reroute', () => {
  it("does not carry a rerouted path's losses from its old route onto its new one", () => {
    const e = new CoreAssuranceEngine(grid, 1000);
    for (let t = 1; t <= 5; t++) e.analyse(gridObservation(t * 1000, gridPaths(0, 0)));
    e.analyse(gridObservation(6000, gridPaths(0.05, 0)));
    e.analyse(gridObservation(7000, gridPaths(0.05, 0)));
    // A/both leaves A→B (repaired); A/ab-e still crosses it and keeps the alarm up
    const moved = gridPaths(0.05, 0).map((p) =>
      p.id === 'A/both' ? walk(grid, 'A/both', ['A', 'E', 'F', 'D'], 1000, 0) : p,
    );
    const found = e.analyse(gridObservation(8000, moved));
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(f.equivalenceClass).toContain('A-B');
      expect(f.equivalenceClass).not.toContain('A');
      expect(f.paths).not.toContain('A/both');
    }
  });
});

describe('CoreAssuranceEngine on one lossy link crossed by many paths', () => {
  it('reports one finding naming the link, not one per path whose loss strays from the fitted rate', () => {
    const e = new CoreAssuranceEngine(grid, 1000);
    // congestion drops unevenly: every path over A→B loses, some more than the fitted rate explains, and
    // C→D, D and E→F are crossed by no other path, so nothing clears them
    const ps = (lossy: boolean) => [
      walk(grid, 'A/abe', ['A', 'B', 'E'], 1000, lossy ? 30 : 0),
      walk(grid, 'A/abc', ['A', 'B', 'C'], 1000, lossy ? 45 : 0),
      walk(grid, 'A/abcd', ['A', 'B', 'C', 'D'], 1000, lossy ? 110 : 0),
      walk(grid, 'A/abcf', ['A', 'B', 'C', 'F'], 1000, lossy ? 50 : 0),
      walk(grid, 'A/abef', ['A', 'B', 'E', 'F'], 1000, lossy ? 95 : 0),
      walk(grid, 'E/ebc', ['E', 'B', 'C'], 1000, 0),
      walk(grid, 'C/cf', ['C', 'F'], 1000, 0),
      walk(grid, 'A/ae', ['A', 'E'], 1000, 0),
    ];
    for (let t = 1; t <= 5; t++) expect(e.analyse(gridObservation(t * 1000, ps(false)))).toEqual([]);
    const found = e.analyse(gridObservation(6000, ps(true)));
    expect(found).toHaveLength(1);
    expect(found[0]!.equivalenceClass).toEqual(['A-B']);
    expect(found[0]!.suspects[0]!.id).toBe('A-B');
    expect(found[0]!.paths).toEqual(['A/abc', 'A/abcd', 'A/abcf', 'A/abe', 'A/abef']);
  });
});

describe('CoreAssuranceEngine: one hard fault, one finding (ADR 0138)', () => {
  it('a node whose links all go down in one interval is one node-down finding, not a link-down per link', () => {
    const e = new CoreAssuranceEngine(topology, 1000);
    const p = path('A/gold-ad', 'A', ['A-B', 'B-D'], 1000, 0);
    e.analyse(observation(1000, [p]));
    const found = e.analyse(observation(2000, [p], ['A-B', 'B-D']));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ class: 'node-down', equivalenceClass: ['B'], paths: ['A/gold-ad'] });
  });

  it('two links down at a node that keeps another link up stay two link-down findings', () => {
    const e = new CoreAssuranceEngine(topology, 1000);
    const p = path('A/gold-ad', 'A', ['A-B', 'B-D'], 1000, 0);
    e.analyse(observation(1000, [p]));
    const found = e.analyse(observation(2000, [p], ['B-D', 'C-D']));
    expect(found.map((f) => [f.class, f.equivalenceClass])).toEqual([
      ['link-down', ['B-D']],
      ['link-down', ['C-D']],
    ]);
  });

  it("a flapping link's up phase keeps its fault alive; up for the whole hold-down, it is gone", () => {
    const e = new CoreAssuranceEngine(topology, 1000);
    const p = path('A/gold-ab', 'A', ['A-B'], 1000, 0);
    e.analyse(observation(1000, [p]));
    let at = 1000;
    for (let flip = 0; flip < 3; flip++)
      for (let n = 0; n < 2; n++) e.analyse(observation((at += 1000), [p], flip % 2 === 0 ? ['B-D'] : []));
    // up again: the link is held (one link-down finding, no path symptom) until the hold-down ends
    const upAt = at;
    let last: Finding[] = [];
    while (at - upAt < 15_000) {
      last = e.analyse(observation((at += 1000), [p]));
      if (at - upAt <= 10_000) expect(last.map((f) => f.equivalenceClass.join())).toContain('B-D');
    }
    expect(e.analyse(observation(at + 2000, [p]))).toEqual([]);
    expect(last.every((f) => f.paths.length === 0 || f.class === 'flap')).toBe(true);
  });
});

describe('CoreAssuranceEngine: load a repair moved is not a new fault (ADR 0139)', () => {
  /** p1 moves from A-B-D onto A-C-D at interval 40; from 41 every path over C-D is 80 µs slower. */
  function run(loadRises: boolean, second = false): Finding[][] {
    const e = new CoreAssuranceEngine(topology, 1000);
    const out: Finding[][] = [];
    for (let t = 1; t <= 60; t++) {
      const moved = t >= 40;
      const slow = (links: string[]) =>
        (t >= 41 && links.includes('C-D') ? 80 : 0) + (second && t >= 41 && links.includes('A-B') ? 80 : 0);
      const mk = (id: string, from: string, links: string[], base: number) => ({
        ...path(id, from, links, 1000, 0),
        delayUs: base + slow(links) + ((t * 7 + id.length) % 5) * 2,
      });
      const paths = [
        mk('A/p1', 'A', moved ? ['A-C', 'C-D'] : ['A-B', 'B-D'], moved ? 600 : 200),
        mk('C/p2', 'C', ['C-D', 'D-E'], 350),
        mk('A/p3', 'A', ['A-C', 'C-D'], 600),
        mk('A/p4', 'A', ['A-B', 'B-D', 'D-E'], 250),
      ];
      const o = observation(t * 1000, paths);
      const hot = loadRises && moved ? ['C-D', 'A-C'] : [];
      out.push(
        e.analyse({
          ...o,
          links: o.links.map((l) => ({ ...l, utilisation: hot.includes(l.link) ? 0.8 : 0.2 })),
        }),
      );
    }
    return out;
  }
  const latency = (fs: Finding[][]) => fs.flat().filter((f) => f.class === 'latency');

  it('latency where the moved traffic landed and the load rose folds: no finding opens an incident', () => {
    expect(latency(run(true))).toEqual([]);
  });

  it('a second, disjoint latency fault at the same time still stands', () => {
    // the localiser cannot split the two on this small square (its classes hold both), but the class
    // naming A-B is not the moved load's alone: it is reported
    const found = latency(run(true, true));
    expect(found.some((f) => f.equivalenceClass.includes('A-B'))).toBe(true);
  });

  it('the same delay shift with no load rise is a latency fault of its own (reported)', () => {
    const found = latency(run(false));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.equivalenceClass).toContain('C-D');
  });
});

// ADR 0175: queueing the twin expects is not a fault already present (the nominal anchor's ceiling)
describe('CoreAssuranceEngine on slow links: the anchor allows the queueing the link model expects', () => {
  /** The grid at 100 Mbit/s: at 50 % the link model queues 2.56 ms per arc, more than the 2 ms slack. */
  const slow = TopologyGraph.build({
    name: 'slow-grid',
    nodes: ['A', 'B', 'C'].map((id) => ({ id })),
    links: [
      ['A-B', 'A', 'B'],
      ['B-C', 'B', 'C'],
    ].map(([id, a, b]) => ({
      id: id!,
      a: a!,
      b: b!,
      ab: { capacityMbps: 100, delayUs: 100, igpMetric: 10 },
      ba: { capacityMbps: 100, delayUs: 100, igpMetric: 10 },
    })),
  });
  const observe = (at: number, paths: ObservedPath[]): LoopObservation => ({
    at,
    intervalMs: 1000,
    links: [...slow.arcs()].map((a) => ({
      link: a.link,
      arc: a.id,
      from: a.from,
      to: a.to,
      status: 'up' as const,
      utilisation: 0.5,
      errorsPs: 0,
      discardsPs: 0,
      stale: false,
    })),
    nodes: [...slow.nodes()].map((n) => ({ id: n.id, status: 'up' as const })),
    paths,
    drift: [],
    silent: [],
  });
  const queued = 2 * queueDelayUs(0.5, 100);
  // two healthy policies measuring their propagation (200 µs) plus the queueing, with a little noise
  const ps = (t: number, extra = 0) => [
    walk(slow, 'A/abc', ['A', 'B', 'C'], 1000, 0, 200 + queued + (t % 3) + extra),
    walk(slow, 'C/cba', ['C', 'B', 'A'], 1000, 0, 200 + queued + (t % 2) + extra),
  ];

  it('raises nothing on healthy paths that measure milliseconds of expected queueing above nominal', () => {
    expect(queued).toBeGreaterThan(2 * 2_000);
    const e = new CoreAssuranceEngine(slow, 1000, { model: shippedModel() });
    const found: Finding[] = [];
    for (let t = 1; t <= 120; t++) found.push(...e.analyse(observe(t * 1000, ps(t))));
    expect(found).toEqual([]);
  });

  it('still tests a fault present from the start that is more than the slack above the expected delay', () => {
    const e = new CoreAssuranceEngine(slow, 1000, { model: shippedModel() });
    const found: Finding[] = [];
    for (let t = 1; t <= 30 && found.length === 0; t++)
      found.push(...e.analyse(observe(t * 1000, ps(t, 20_000))));
    expect(found.map((f) => f.class)).toEqual(['latency']);
  });
});
