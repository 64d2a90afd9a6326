import type { IntentSpec } from '../../core/model/intent';
import { SidTable, TopologyGraph } from '../../core/topology';
import type { LinkInput } from '../../core/topology';
import type { NetworkModel } from '../intent';
import type { Finding, LoopObservation } from './assurance-engine';
import { assuranceHarness, ScriptedEngine } from './__fixtures__/assurance-harness';

/** What a repair's verification tells the operator when it ends `repaired`. */

const link = (id: string, a: string, b: string, delayUs: number): LinkInput => ({
  id,
  a,
  b,
  ab: { capacityMbps: 1000, delayUs, igpMetric: delayUs },
  ba: { capacityMbps: 1000, delayUs, igpMetric: delayUs },
});

/** gold (A→D) runs A–B–D; around B-D it takes A–C–D; around B-D and C-D, A–B–F–D. */
const network = (): NetworkModel => {
  const topology = TopologyGraph.build({
    name: 't',
    nodes: ['A', 'B', 'C', 'D', 'F'].map((id) => ({ id })),
    links: [
      link('A-B', 'A', 'B', 100),
      link('B-D', 'B', 'D', 100),
      link('A-C', 'A', 'C', 300),
      link('C-D', 'C', 'D', 300),
      link('B-F', 'B', 'F', 300),
      link('F-D', 'F', 'D', 300),
    ],
  });
  return { topology, sids: SidTable.allocate(topology) };
};

const gold: IntentSpec = {
  name: 'gold',
  kind: 'connectivity',
  endpoints: { a: 'A' as never, b: 'D' as never },
  slo: { bandwidthMbps: 10, maxLossPct: 1 },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
};

/** A finding of `cls` on `id`, explaining the measured intent paths that cross it (none: background only). */
const on =
  (cls: Finding['class'], id: string) =>
  (obs: LoopObservation): Finding[] => [
    {
      class: cls,
      confidence: 1,
      classifier: 'rules',
      suspects: [{ kind: 'link', id, probability: 1 }],
      equivalenceClass: [id],
      paths: obs.paths.filter((p) => !p.probeOnly && p.links.some((l) => l.link === id)).map((p) => p.id),
      evidence: {},
      probes: [],
    },
  ];

async function rig() {
  const engine = new ScriptedEngine();
  const h = assuranceHarness({}, engine, network());
  await h.intents.create(gold);
  const primary = () => h.store.getIntent('gold')!.plan!.policies[0]!.candidatePaths[0]!.links;
  /** One interval: clean fresh probes on every intent policy, then a tick. */
  const interval = async (at: number) => {
    for (const i of h.store.listIntents())
      for (const p of i.plan!.policies) h.probe(at, p.headend, p.name, 1000, 0);
    await h.loop.tick(at);
  };
  const verified = (id: string) => {
    const r = h.loop.view(id);
    expect(r.state).toBe('repaired');
    const last = r.actions.at(-1)!;
    expect(last).toMatchObject({ kind: 'verify', result: 'ok' });
    const audit = h.store.audit({ target: id }).find((a) => a.action === 'incident-repaired')!;
    return { detail: last.detail, audit: audit.detail as { verified?: string[] } };
  };
  return { h, engine, primary, interval, verified };
}

describe('repair verification wording', () => {
  it('a repair that moved intents says they passed on fresh probes within their SLO', async () => {
    const { h, engine, primary, interval, verified } = await rig();
    engine.next = on('gray-loss', 'B-D');
    await interval(1000);
    expect(primary()).toEqual(['A-C', 'C-D']);
    engine.next = () => [];
    // 2000 straddles the change (the old path's probes); three clean intervals after it
    for (const at of [2000, 3000, 4000, 5000]) await interval(at);
    const [inc] = h.loop.book.list('all');
    const { detail, audit } = verified(inc!.id);
    expect(detail).toMatch(/^3 intervals of fresh probes within SLO/);
    expect(audit.verified).toEqual(['gold']);
  });

  it('an incident with no intent to move (congestion only background traffic crosses) does not claim probes', async () => {
    const { h, engine, primary, interval, verified } = await rig();
    engine.next = on('congestion', 'C-D'); // gold runs A–B–D: only background traffic crosses C-D
    for (const at of [1000, 2000, 3000, 4000]) await interval(at);
    const [inc] = h.loop.book.list('all');
    expect(inc!.affectedIntents).toEqual([]);
    expect(inc!.actions[0]).toMatchObject({ kind: 'none' });
    expect(primary()).toEqual(['A-B', 'B-D']);
    const { detail, audit } = verified(inc!.id);
    expect(detail).toMatch(/^no intent to verify: the incident affects no intent/);
    expect(detail).not.toMatch(/fresh probes within SLO/);
    expect(audit.verified).toEqual([]);
  });

  it('a repair whose every intent another incident moved since says it verified none of them itself', async () => {
    const { h, engine, primary, interval, verified } = await rig();
    engine.next = on('gray-loss', 'B-D');
    await interval(1000);
    const [first] = h.loop.book.list('all');
    // a second fault on the path gold moved onto: gold moves again, now the second incident's to verify
    engine.next = on('gray-loss', 'C-D');
    await interval(2000);
    expect(primary()).toEqual(['A-B', 'B-F', 'F-D']);
    engine.next = () => [];
    for (const at of [3000, 4000, 5000]) await interval(at);
    const { detail, audit } = verified(first!.id);
    expect(detail).toMatch(/^no intent to verify: gold moved since by another change \(verified there\)/);
    expect(detail).not.toMatch(/fresh probes within SLO/);
    expect(audit.verified).toEqual([]);
  });
});
