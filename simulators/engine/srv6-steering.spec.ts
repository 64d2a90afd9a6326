import fc from 'fast-check';
import { arcId, nodeId } from '../../src/core/model/ids';
import type { TopologyGraph } from '../../src/core/topology';
import type { SrPolicyJson } from '../sim-source';
import { SimEngine } from './sim.engine';
import { diamond } from './sim.fixtures';
import { generateTopology } from './topology.generator';

/** Independent reference: all-pairs IGP distances by Floyd–Warshall straight from the topology. */
function allPairs(topo: TopologyGraph, down: ReadonlySet<string> = new Set()): Map<string, number> {
  const ids = [...topo.nodes()].map((n) => n.id as string);
  const d = new Map<string, number>();
  const key = (a: string, b: string): string => `${a}>${b}`;
  for (const a of ids) for (const b of ids) d.set(key(a, b), a === b ? 0 : Infinity);
  for (const arc of topo.arcs()) {
    if (!down.has(arc.link))
      d.set(key(arc.from, arc.to), Math.min(d.get(key(arc.from, arc.to))!, arc.igpMetric));
  }
  for (const k of ids)
    for (const i of ids)
      for (const j of ids) {
        const via = d.get(key(i, k))! + d.get(key(k, j))!;
        if (via < d.get(key(i, j))!) d.set(key(i, j), via);
      }
  return d;
}

type Seg = { node: string; arc?: string };

/** Does the arc walk follow the segment list: shortest IGP paths between segment endpoints, End.X crossed exactly? */
function follows(
  topo: TopologyGraph,
  dist: Map<string, number>,
  head: string,
  end: string,
  segs: Seg[],
  walk: string[],
): boolean {
  let at = head;
  let i = 0;
  for (const s of [...segs, { node: end }]) {
    let metric = 0;
    const from = at;
    while (at !== s.node) {
      const a = walk[i++];
      if (a === undefined) return false;
      const arc = topo.arc(a);
      if (arc.from !== at) return false;
      metric += arc.igpMetric;
      at = arc.to;
    }
    if (metric !== dist.get(`${from}>${s.node}`)) return false;
    if (s.arc !== undefined) {
      if (walk[i++] !== s.arc) return false;
      at = topo.arc(s.arc).to;
    }
  }
  return i === walk.length && at === end;
}

function policy(
  name: string,
  headend: string,
  endpoint: string,
  lists: { weight: number; sids: string[] }[],
  preference = 100,
): SrPolicyJson {
  return {
    name,
    headend,
    color: 10,
    endpoint,
    'candidate-path': [
      {
        preference,
        'segment-list': lists.map((l) => ({
          weight: l.weight,
          segment: l.sids.map((sid, index) => ({ index, sid })),
        })),
      },
    ],
  };
}

describe('SRv6 forwarding', () => {
  it('steers a demand into its policy, splits by weight and follows each segment list exactly', () => {
    const topo = diamond([{ from: 'A', to: 'E', mbps: 200 }]);
    const e = new SimEngine({ topology: topo, seed: 5 });
    const endF = e.sids.endSid(nodeId('F')).sid;
    const endXCD = e.sids.endXSid(arcId('CD#ab')).sid;
    const r = e.setPolicies('A', [
      policy('p1', 'A', 'E', [
        { weight: 1, sids: [endF] },
        { weight: 3, sids: [e.sids.endSid(nodeId('C')).sid.toUpperCase(), endXCD] },
      ]),
    ]);
    expect(r).toEqual({ ok: true });
    e.step();
    const paths = e.demandPaths(0);
    const byWalk = new Map(paths.map((p) => [p.arcs.join(' '), p.fraction]));
    expect(byWalk).toEqual(
      new Map([
        ['AC#ab CF#ab FD#ab DE#ab', 0.25],
        ['AC#ab CD#ab DE#ab', 0.75],
      ]),
    );
    expect(e.delivered[0]).toBeCloseTo(e.rates[0]!, 9);
    expect(e.probes('A').map((p) => p.policy)).toEqual(['p1']);
    const probe = e.probes('A')[0]!;
    expect(probe.lossPct).toBe(0);
    expect(probe.delayUs).toBeGreaterThan(0.25 * (1000 + 3000 + 3000 + 1000) + 0.75 * 3000 - 1);
    const viaF = e.probeSegmentList('A', 'E', [endF]);
    const direct = e.probeSegmentList('A', 'E', []);
    if ('error' in viaF || 'error' in direct) throw new Error('probe refused');
    const sum = (arcs: string[]): number => arcs.reduce((s, a) => s + e.load.delayUs[e.net.arcIndex(a)!]!, 0);
    // On-request probes are honest: the mean of 1,000 noisy probe delays (spread of a few µs per packet).
    expect(Math.abs(viaF.delayUs - sum(['AC#ab', 'CF#ab', 'FD#ab', 'DE#ab']))).toBeLessThan(2);
    const ecmp = 0.5 * sum(['AB#ab', 'BD#ab', 'DE#ab']) + 0.5 * sum(['AC#ab', 'CD#ab', 'DE#ab']);
    expect(Math.abs(direct.delayUs - ecmp)).toBeLessThan(2);
    expect(viaF).toMatchObject({ probesSent: 1000, probesLost: 0, lossPct: 0 });
    expect(e.probeSegmentList('A', 'E', ['fcbb:bb00:ffff::'])).toEqual({
      error: expect.stringMatching(/sid/),
    });
  });

  it('follows random segment lists on a generated network (independent Floyd–Warshall check)', () => {
    const topo = generateTopology({ nodes: 16, degree: 4, seed: 3 });
    const dist = allPairs(topo);
    const ids = [...topo.nodes()].map((n) => n.id as string).sort();
    const arcs = [...topo.arcs()].map((a) => a.id as string).sort();
    const seg = fc.oneof(
      fc.constantFrom(...ids).map((n): Seg => ({ node: n })),
      fc.constantFrom(...arcs).map((a): Seg => ({ node: topo.arc(a).from, arc: a })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.constantFrom(...ids),
        fc.array(seg, { minLength: 1, maxLength: 4 }),
        fc.integer(),
        (h, t, segs, seed) => {
          fc.pre(h !== t);
          const e = new SimEngine({
            topology: topo,
            seed,
            demands: [{ from: nodeId(h), to: nodeId(t), mbps: 50 }],
          });
          const sids = segs.map((s) =>
            s.arc ? e.sids.endXSid(arcId(s.arc)).sid : e.sids.endSid(nodeId(s.node)).sid,
          );
          expect(e.setPolicies(h, [policy('p', h, t, [{ weight: 1, sids }])])).toEqual({ ok: true });
          e.step();
          const paths = e.demandPaths(0);
          expect(paths.reduce((s, p) => s + p.fraction, 0)).toBeCloseTo(1, 12);
          for (const p of paths) {
            expect(p.dropped).toBe(false);
            expect(follows(topo, dist, h, t, segs, p.arcs)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('falls back to the next candidate path when an End.X adjacency goes down, and to IGP when none is valid', () => {
    const e = new SimEngine({ topology: diamond([{ from: 'A', to: 'E', mbps: 100 }]), seed: 2 });
    const viaCD = e.sids.endXSid(arcId('CD#ab')).sid;
    const viaF = e.sids.endSid(nodeId('F')).sid;
    const p: SrPolicyJson = {
      ...policy('p', 'A', 'E', [{ weight: 1, sids: [viaCD] }], 200),
      'candidate-path': [
        policy('p', 'A', 'E', [{ weight: 1, sids: [viaCD] }], 200)['candidate-path'][0]!,
        policy('p', 'A', 'E', [{ weight: 1, sids: [viaF] }], 100)['candidate-path'][0]!,
      ],
    };
    e.setPolicies('A', [p]);
    e.step();
    expect(e.demandPaths(0).map((x) => x.arcs.join(' '))).toEqual(['AC#ab CD#ab DE#ab']);
    e.addFault({ type: 'link-down', target: 'CD' });
    e.step();
    expect(e.demandPaths(0).map((x) => x.arcs.join(' '))).toEqual(['AC#ab CF#ab FD#ab DE#ab']);
    e.addFault({ type: 'link-down', target: 'CF' });
    e.step();
    expect(e.demandPaths(0).map((x) => x.arcs.join(' '))).toEqual(['AB#ab BD#ab FD#ba FD#ab DE#ab']);
    e.addFault({ type: 'node-down', target: 'F' });
    e.step();
    expect(e.demandPaths(0).map((x) => x.arcs.join(' '))).toEqual(['AB#ab BD#ab DE#ab']);
    expect(e.probes('A')[0]!.lossPct).toBe(100);
  });

  it('rejects unknown SIDs and endpoints with a message naming the field, and deletes policies', () => {
    const e = new SimEngine({ topology: diamond(), seed: 1 });
    const bad = e.setPolicies('A', [policy('p', 'A', 'E', [{ weight: 1, sids: ['fcbb:bb00:ffff::'] }])]);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/segment-list\[0\]\.segment\[index=0\]\.sid/);
    const badEnd = e.setPolicies('A', [
      policy('p', 'A', 'Z', [{ weight: 1, sids: [e.sids.endSid(nodeId('F')).sid] }]),
    ]);
    expect(!badEnd.ok && badEnd.message).toMatch(/endpoint/);
    expect(e.policies('A')).toEqual([]);
    const ok = policy('p', 'A', e.sids.endSid(nodeId('E')).sid, [
      { weight: 1, sids: [e.sids.endSid(nodeId('F')).sid] },
    ]);
    expect(e.setPolicies('A', [ok])).toEqual({ ok: true });
    expect(e.policies('A')).toEqual([ok]);
    expect(e.deletePolicy('A', 'p')).toEqual({ ok: true });
    expect(e.deletePolicy('A', 'p').ok).toBe(false);
    expect(e.policies('A')).toEqual([]);
  });
});
