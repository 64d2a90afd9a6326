import type { IntentSpec } from '../../core/model/intent';
import type { Finding } from './assurance-engine';
import { assuranceHarness, ScriptedEngine } from './__fixtures__/assurance-harness';
import { MAX_CONGESTION_HOLD } from './repair.verifier';

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

/** The square network (A-B-D fast, A-C-D slow); a congestion on B-D whose surge also makes A-C-D lossy. */
async function rig() {
  const engine = new ScriptedEngine();
  const h = assuranceHarness({}, engine);
  await h.intents.create(gold);
  const links = () =>
    h.store.getIntent('gold')!.plan!.policies.flatMap((p) => [...p.candidatePaths[0]!.links]);
  /** One interval: B-D discards while `congested`; gold's probes lose `lossOnDetour` on A-C-D, 30 % on B-D. */
  const interval = async (at: number, congested: boolean, lossOnDetour: number) => {
    h.tap.write(
      h.network.topology.link('B-D').arcs.map((a) => ({
        key: `interface/${a.from}/${a.id}`,
        ne: a.from as never,
        timestampMs: at,
        measurement: 'interface' as const,
        interface: a.id,
        outArc: a.id,
        fields: { operUp: 1, outDiscardsPs: congested ? 500 : 0 },
      })),
    );
    for (const p of h.store.getIntent('gold')!.plan!.policies) {
      const onB = p.candidatePaths[0]!.links.includes('B-D' as never);
      h.probe(at, p.headend, p.name, 1000, onB ? (congested ? 300 : 0) : lossOnDetour);
    }
    await h.loop.tick(at);
  };
  engine.next = (obs) =>
    obs.links.some((l) => l.link === 'B-D' && (l.discardsPs ?? 0) > 0)
      ? [congestion(obs.paths.filter((p) => p.links.some((l) => l.link === 'B-D')).map((p) => p.id))]
      : [];
  return { h, links, interval };
}

describe('verification of a congestion repair (ADR 0152)', () => {
  it('holds a reroute whose new path is still lossy while the congested link discards, then verifies it', async () => {
    const { h, links, interval } = await rig();
    await interval(1000, true, 0);
    const r = () => h.loop.book.list('all')[0]!;
    expect(r().state).toBe('repairing');
    expect(links()).not.toContain('B-D');
    // the surge's collateral: the detour loses 5 % for a few intervals; rolling back means B-D's 30 %
    for (let t = 2000; t <= 5000; t += 1000) await interval(t, true, 50);
    expect(r().state).toBe('repairing');
    expect(links()).not.toContain('B-D');
    expect(r().actions.some((a) => a.kind === 'verify' && a.result === 'held')).toBe(true);
    expect(r().actions.some((a) => a.kind === 'rollback')).toBe(false);
    for (let t = 6000; t <= 10_000; t += 1000) await interval(t, true, 0);
    expect(r().actions.some((a) => a.kind === 'verify' && a.result === 'ok')).toBe(true);
    expect(links()).not.toContain('B-D');
  });

  it('rolls back as before once the suspect no longer discards; fails, new plan kept, after the hold limit', async () => {
    const a = await rig();
    await a.interval(1000, true, 0);
    await a.interval(2000, false, 50);
    await a.interval(3000, false, 50);
    expect(a.h.loop.book.list('all')[0]!.actions.some((x) => x.kind === 'rollback')).toBe(true);
    const b = await rig();
    await b.interval(1000, true, 0);
    for (let t = 2000; t <= 3000 + 1000 * MAX_CONGESTION_HOLD; t += 1000) await b.interval(t, true, 50);
    expect(b.h.loop.book.list('all')[0]!.state).toBe('failed');
    expect(b.links()).not.toContain('B-D');
  });
});
