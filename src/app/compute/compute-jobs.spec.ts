import fc from 'fast-check';
import { nodeId } from '../../core/model/ids';
import { CompactGraph, PathEngine } from '../../core/pathcomp';
import type { PathQuery, PathResult } from '../../core/pathcomp';
import { SidTable, TopologyGraph } from '../../core/topology';
import { generateTopology } from '../../core/topology/generators';
import { TwinIndex, predictWhatIf, whatIfBase } from '../../core/twin';
import type { ComputeProgress } from '../../ports/compute-pool.port';
import { ComputeJobs, networkPayload } from './compute-jobs';
import type { WhatIfOutput } from './compute-jobs';

const topology = TopologyGraph.build(generateTopology('isp', { nodes: 120, seed: 5 }));
const sids = SidTable.allocate(topology);
// what a worker gets: a structured clone of the payload
const jobs = new ComputeJobs(structuredClone(networkPayload(topology, sids)));
const ids = [...topology.nodes()].map((n) => n.id);
const arcIds = CompactGraph.of(topology).arcIds;
const none = { links: [], nodes: [] };

const query = fc.record({
  from: fc.constantFrom(...ids),
  to: fc.constantFrom(...ids),
  metric: fc.constantFrom('igp' as const, 'delay' as const, 'hops' as const),
  bandwidthMbps: fc.constantFrom(0, 500, 5000),
  disjoint: fc.constantFrom(undefined, 'link' as const, 'node' as const, 'srlg' as const),
  allowPartialDisjoint: fc.boolean(),
  maxDelayUs: fc.constantFrom(undefined, 20_000, 80_000),
});

describe('ComputeJobs (what a compute worker runs)', () => {
  it('answers every path query exactly as the engine on the original topology, free bandwidth included', () => {
    const free = Float64Array.from(arcIds, (_a, i) => (i % 3) * 2000);
    const engine = new PathEngine(topology, sids, { freeMbps: (arc) => free[arcIds.indexOf(arc)]! });
    fc.assert(
      fc.property(fc.array(query, { minLength: 1, maxLength: 4 }), (raw) => {
        const queries = raw.map((q) => JSON.parse(JSON.stringify(q)) as PathQuery);
        const got = jobs.run('paths', { queries, free, avoid: none }, () => undefined) as PathResult[];
        expect(got).toEqual(queries.map((q) => engine.compute(q)));
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('applies the avoided links and nodes to every query, never to its own endpoints', () => {
    const [a, b] = [ids[0]!, ids[ids.length - 1]!];
    const plain = jobs.run(
      'paths',
      { queries: [{ from: a, to: b }], free: null, avoid: none },
      () => undefined,
    ) as PathResult[];
    if (!plain[0]!.ok) throw new Error('fixture: no path');
    const transit = plain[0]!.paths[0]!.nodes.slice(1, -1);
    const link = plain[0]!.paths[0]!.links[0]!;
    const avoid = { links: [link], nodes: [...transit, a] };
    const [r] = jobs.run(
      'paths',
      { queries: [{ from: a, to: b }], free: null, avoid },
      () => undefined,
    ) as PathResult[];
    // the source is on the avoid list too, yet the query still leaves from it
    if (!r!.ok) throw new Error(r!.error.message);
    expect(r!.paths[0]!.nodes[0]).toBe(a);
    expect(r!.paths[0]!.links).not.toContain(link);
    expect(r!.paths[0]!.nodes.slice(1, -1).some((n) => transit.includes(n))).toBe(false);
  });

  it('reports, before a pair search, the single-path lower bound it has proven', () => {
    const reports: ComputeProgress[] = [];
    const q: PathQuery = { from: ids[1]!, to: ids[50]!, disjoint: 'srlg', allowPartialDisjoint: true };
    jobs.run('paths', { queries: [q, { from: ids[2]!, to: ids[3]! }], free: null, avoid: none }, (p) =>
      reports.push(p),
    );
    expect(reports.map((r) => r.stage)).toEqual(['query', 'pair-search', 'query']);
    expect(reports[1]!.detail).toMatch(
      /0 of 2 queries answered; query 1 \(srlg-disjoint pair .*\): a single path meeting the constraints exists \(igp \d+/,
    );
    expect(reports[2]).toMatchObject({ done: 1, total: 2 });
  });

  it('predicts a what-if like the twin engine, with the unchanged baseline', () => {
    const index = TwinIndex.of(topology, sids);
    const base = whatIfBase(index, {
      demands: [{ from: nodeId(ids[0]!), to: nodeId(ids[9]!), mbps: 300, estimated: false }],
    });
    const change = { failLinks: [[...topology.links()][0]!.id] };
    const out = jobs.run('what-if', structuredClone({ base, change }), () => undefined) as WhatIfOutput;
    expect(out.result).toEqual(predictWhatIf(index, base, change));
    expect(out.baseline).toEqual(predictWhatIf(index, base, {}).links);
  });

  it('refuses a network whose rebuilt arc order differs from the sender', () => {
    const payload = networkPayload(topology, sids);
    const swapped = { ...payload, arcIds: [...payload.arcIds].reverse() };
    expect(() => new ComputeJobs(swapped)).toThrow(/orders its arcs differently/);
  });
});
