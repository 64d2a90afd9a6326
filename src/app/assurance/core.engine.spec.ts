import { squareNetwork } from '../intent/__fixtures__/intent-harness';
import type { LoopObservation, ObservedPath } from './assurance-engine';
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
