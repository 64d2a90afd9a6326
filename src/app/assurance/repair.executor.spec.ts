import { SidTable, TopologyGraph } from '../../core/topology';
import type { LinkInput } from '../../core/topology';
import type { IntentSpec } from '../../core/model/intent';
import type { NetworkModel } from '../intent';
import type { Finding } from './assurance-engine';
import { assuranceHarness, ScriptedEngine } from './__fixtures__/assurance-harness';

const link = (id: string, a: string, b: string, delayUs: number): LinkInput => ({
  id,
  a,
  b,
  ab: { capacityMbps: 1000, delayUs, igpMetric: delayUs },
  ba: { capacityMbps: 1000, delayUs, igpMetric: delayUs },
});

/** A–B–D (the congested B-D) with a detour B–G–D, and the slow way A–C–D. */
function network(): NetworkModel {
  const topology = TopologyGraph.build({
    name: 't',
    nodes: ['A', 'B', 'C', 'D', 'G'].map((id) => ({ id })),
    links: [
      link('A-B', 'A', 'B', 100),
      link('B-D', 'B', 'D', 100),
      link('B-G', 'B', 'G', 100),
      link('G-D', 'G', 'D', 100),
      link('A-C', 'A', 'C', 300),
      link('C-D', 'C', 'D', 300),
    ],
  });
  return { topology, sids: SidTable.allocate(topology) };
}

const gold: IntentSpec = {
  name: 'gold',
  kind: 'connectivity',
  endpoints: { a: 'A' as never, b: 'D' as never },
  slo: { bandwidthMbps: 10, maxLossPct: 1 },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
};

const congestion = (paths: string[]): Finding => ({
  class: 'congestion',
  confidence: 1,
  classifier: 'rules',
  suspects: [{ kind: 'link', id: 'B-D', probability: 1 }],
  equivalenceClass: ['B-D'],
  paths,
  evidence: {},
  probes: [],
});

describe('RepairExecutor reroute under a surge (ADR 0151)', () => {
  it('keeps the intent off the discarding links of its own path when no way avoids every discarding link', async () => {
    const engine = new ScriptedEngine();
    const h = assuranceHarness({}, engine, network());
    await h.intents.create(gold);
    const primary = () => h.store.getIntent('gold')!.plan!.policies.map((p) => p.candidatePaths[0]!);
    expect(primary()[0]!.links).toEqual(['A-B', 'B-D']);
    // the surge on B-D overloads A-B (on gold's path) and C-D (on the slow way): no way avoids them all
    const arcs = ['B-D', 'A-B', 'C-D'].flatMap((l) => h.network.topology.link(l).arcs);
    h.tap.write(
      arcs.map((a) => ({
        key: `interface/${a.from}/${a.id}`,
        ne: a.from as never,
        timestampMs: 1000,
        measurement: 'interface' as const,
        interface: a.id,
        outArc: a.id,
        fields: { operUp: 1, outDiscardsPs: 500 },
      })),
    );
    engine.next = (obs) => [congestion(obs.paths.filter((p) => !p.probeOnly).map((p) => p.id))];
    for (const p of h.store.getIntent('gold')!.plan!.policies) h.probe(1000, p.headend, p.name, 1000, 100);
    await h.loop.tick(1000);
    expect(h.loop.book.list('all')[0]!.state).toBe('repairing');
    // around B-D only, the shortest way is A-B-G-D, still through the discarding A-B
    for (const c of primary()) expect([...c.links].sort()).toEqual(['A-C', 'C-D']);
  });
});
