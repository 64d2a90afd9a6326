import { MemoryNeDriver } from '../../adapters/drivers/memory';
import { ConflictError, DeployFailedError, InfeasibleError, InvalidIntentError } from '../../core/errors';
import { nodeId } from '../../core/model/ids';
import type { ConnectivityIntentSpec } from '../../core/model/intent';
import { SidTable, TopologyGraph } from '../../core/topology';
import { intentHarness, squareNetwork } from './__fixtures__/intent-harness';
import { IntentReconciler } from './intent-reconciler';

const spec = (name: string, over: Partial<ConnectivityIntentSpec> = {}): ConnectivityIntentSpec => ({
  name,
  kind: 'connectivity',
  endpoints: { a: nodeId('A'), b: nodeId('D') },
  slo: { bandwidthMbps: 400 },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
  ...over,
});

function setup(cap = 1000) {
  const network = squareNetwork(cap);
  const driver = new MemoryNeDriver(network.topology, network.sids);
  return { network, driver, ...intentHarness(network, driver) };
}

function maxLoad(h: ReturnType<typeof setup>): number {
  return Math.max(
    ...[...h.network.topology.arcs()].map((a) => h.ledger.ledger.reserved(a.id) / a.capacityMbps),
  );
}

describe('IntentService', () => {
  it('refuses an intent whose endpoint is managed read-only (SNMP), before anything is stored or deployed', async () => {
    const network = squareNetwork();
    const driver = new MemoryNeDriver(network.topology, network.sids);
    const readOnly = Object.assign(driver, { configurable: (ne: string) => ne !== 'D' });
    const h = intentHarness(network, readOnly);
    const attempt = h.intents.create(spec('legacy'));
    await expect(attempt).rejects.toBeInstanceOf(InfeasibleError);
    await attempt.catch((err: InfeasibleError) => {
      expect(err.blocking).toEqual([expect.objectContaining({ constraint: 'headend', elements: ['D'] })]);
    });
    expect(h.store.listIntents()).toEqual([]);
    expect(driver.policyCount()).toBe(0);
  });

  it('creates an intent: admitted, deployed on both headends, reservations stored, events and audit written', async () => {
    const h = setup();
    const intent = await h.intents.create(spec('a'));
    expect(intent.status).toBe('deployed');
    expect(h.driver.policyCount()).toBe(2);
    expect(h.store.reservations('a')).toHaveLength(4);
    expect(h.events.map((e) => e.status)).toEqual([
      'accepted',
      'compiled',
      'verified',
      'deploying',
      'deployed',
    ]);
    expect(h.store.audit({ target: 'a' }).map((e) => e.action)).toEqual(['create', 'deploy-start', 'deploy']);
  });

  it('refuses a duplicate name, an unknown slice and an infeasible intent without storing anything', async () => {
    const h = setup();
    await h.intents.create(spec('a'));
    await expect(h.intents.create(spec('a'))).rejects.toBeInstanceOf(ConflictError);
    await expect(h.intents.create(spec('b', { slice: 'nope' }))).rejects.toBeInstanceOf(InvalidIntentError);
    await expect(h.intents.create(spec('c', { slo: { bandwidthMbps: 5000 } }))).rejects.toBeInstanceOf(
      InfeasibleError,
    );
    expect(h.intents.list().map((i) => i.spec.name)).toEqual(['a']);
  });

  it('admits sequential competitors exactly while they fit, never overbooking an arc', async () => {
    const h = setup();
    const results = [];
    for (let i = 0; i < 6; i++)
      results.push(
        await h.intents.create(spec(`i${i}`)).then(
          () => 'ok',
          (e: Error) => e.name,
        ),
      );
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'InfeasibleError', 'InfeasibleError']);
    expect(maxLoad(h)).toBeLessThanOrEqual(1);
  });

  it('rolls back a multi-headend deploy when one headend fails, and succeeds on retry', async () => {
    const h = setup();
    h.driver.failHeadend(nodeId('D'));
    const failed = await h.intents.create(spec('a'));
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/D\/a-ba/);
    expect(h.driver.policyCount()).toBe(0);
    expect(h.store.reservations('a')).toEqual([]);
    h.driver.recoverHeadend(nodeId('D'));
    expect((await h.intents.retry('a')).status).toBe('deployed');
    expect(h.driver.policyCount()).toBe(2);
    await expect(h.intents.retry('a')).rejects.toBeInstanceOf(ConflictError);
  });

  it('PUT is idempotent and re-plans changes make-before-break', async () => {
    const h = setup();
    const first = await h.intents.put(spec('a'));
    expect(first.created).toBe(true);
    const again = await h.intents.put(spec('a'));
    expect(again).toEqual({ intent: first.intent, created: false });
    const bigger = await h.intents.put(spec('a', { slo: { bandwidthMbps: 700 } }));
    expect(bigger.intent.version).toBeGreaterThan(first.intent.version);
    expect(h.store.reservations('a').every((r) => r.mbps === 700)).toBe(true);
    expect(h.driver.policyCount()).toBe(2);
  });

  it('re-routes make-before-break: new policies first, both plans reserved meanwhile, then the old removed', async () => {
    const h = setup();
    await h.intents.create(spec('a'));
    const calls: string[] = [];
    const held: string[][] = [];
    const setPolicies = h.driver.setPolicies.bind(h.driver);
    const deletePolicies = h.driver.deletePolicies.bind(h.driver);
    h.driver.setPolicies = (ps) => {
      calls.push(`set ${ps.map((p) => p.headend).join(',')}`);
      held.push(h.store.reservations('a').map((r) => r.arc));
      return setPolicies(ps);
    };
    h.driver.deletePolicies = (refs) => {
      calls.push(`delete ${refs.map((r) => r.headend).join(',')}`);
      return deletePolicies(refs);
    };
    await h.intents.put(spec('a', { endpoints: { a: nodeId('C'), b: nodeId('E') } }));
    expect(calls).toEqual(['set C,E', 'delete A,D']);
    expect(held[0]).toEqual(expect.arrayContaining(['A-B#ab', 'C-D#ab', 'D-E#ab']));
    expect(h.store.reservations('a').map((r) => r.arc)).toEqual(['C-D#ab', 'C-D#ba', 'D-E#ab', 'D-E#ba']);
    expect(h.driver.policyCount()).toBe(2);
  });

  it('keeps the previous plan in service when an update cannot be deployed', async () => {
    const h = setup();
    await h.intents.create(spec('a'));
    const before = (await h.driver.getPolicies([nodeId('A')]))[0];
    h.driver.failHeadend(nodeId('D'));
    await expect(h.intents.put(spec('a', { priority: 5 }))).rejects.toBeInstanceOf(DeployFailedError);
    const kept = h.intents.get('a');
    expect(kept.status).toBe('deployed');
    expect(kept.spec.priority).toBe(3);
    expect(kept.reason).toMatch(/update not applied/);
    expect((await h.driver.getPolicies([nodeId('A')]))[0]).toEqual(before);
    expect(h.store.reservations('a').every((r) => r.mbps === 400)).toBe(true);
  });

  it('deletes: policies removed, reservations released; a refused removal leaves a failed (nothing reserved), deletable intent', async () => {
    const h = setup();
    await h.intents.create(spec('a'));
    h.driver.failHeadend(nodeId('A'));
    await expect(h.intents.delete('a')).rejects.toBeInstanceOf(DeployFailedError);
    expect(h.intents.get('a').status).toBe('failed');
    expect(h.store.reservations('a')).toEqual([]); // `failed` always releases (ADR 0126)
    h.driver.recoverHeadend(nodeId('A'));
    await h.intents.delete('a');
    expect(h.intents.list()).toEqual([]);
    expect(h.store.reservations()).toEqual([]);
    expect(h.driver.policyCount()).toBe(0);
  });

  it('dry-runs without storing or deploying', () => {
    const h = setup();
    const dry = h.intents.dryRun(spec('a', { sle: { protection: 'link-disjoint', isolation: 'shared' } }));
    expect(dry.verification.ok).toBe(true);
    expect(dry.plan.policies[0]!.candidatePaths).toHaveLength(2);
    expect(h.store.transactions).toBe(0);
    expect(h.driver.policyCount()).toBe(0);
  });

  it('reserves in a hard slice pool and refuses to delete a slice in use', async () => {
    const h = setup();
    h.slices.create({ name: 'gold', isolation: 'hard', bandwidthShare: 0.5 });
    await h.intents.create(spec('g', { slice: 'gold', sle: { protection: 'none', isolation: 'hard' } }));
    expect(h.store.reservations('g').every((r) => r.pool === 'gold')).toBe(true);
    await expect(
      h.intents.create(spec('g2', { slice: 'gold', slo: { bandwidthMbps: 600 } })),
    ).rejects.toBeInstanceOf(InfeasibleError);
    expect(() => h.slices.delete('gold')).toThrow(ConflictError);
    const ab = h.view.topology().links.find((l) => l.id === 'A-B')!.directions[0]!;
    expect(ab.pools.find((p) => p.pool === 'gold')).toMatchObject({
      capacityMbps: 500,
      reservedMbps: 400,
      freeMbps: 100,
    });
  });
});

describe('IntentReconciler', () => {
  it('finishes interrupted deploys and deletions, repairs drift and removes orphans after a restart', async () => {
    const before = setup();
    await before.intents.create(spec('live'));
    await before.intents.create(
      spec('gone', { endpoints: { a: nodeId('A'), b: nodeId('E') }, slo: { bandwidthMbps: 10 } }),
    );
    await before.intents.create(spec('mid', { slo: { bandwidthMbps: 10 } }));
    before.store.transaction((tx) => {
      tx.putIntent({ ...tx.getIntent('mid')!, status: 'deploying' });
      tx.putIntent({ ...tx.getIntent('gone')!, status: 'deleting' });
    });
    // "restart": same store, a fresh network that lost everything but one stray policy
    const driver = new MemoryNeDriver(before.network.topology, before.network.sids);
    const stray = (await before.driver.getPolicies([nodeId('A')]))[0];
    if (!stray?.ok) throw new Error('no policies at A');
    await driver.setPolicies([{ ...stray.value[0]!, name: 'stray' }]);
    const after = intentHarness(before.network, driver, before.store);
    const report = await after.reconciler.reconcile();
    expect(report).toMatchObject({
      redeployed: ['mid'],
      repaired: ['live'],
      removed: ['gone'],
      failed: [],
      orphansRemoved: ['A/stray'],
    });
    expect(after.intents.list().map((i) => [i.spec.name, i.status])).toEqual([
      ['live', 'deployed'],
      ['mid', 'deployed'],
    ]);
    expect(driver.policyCount()).toBe(4);
    expect(after.store.reservations('gone')).toEqual([]);
  });

  it("leaves policies another owner holds (the assurance loop's probes) and removes only true orphans", async () => {
    const h = setup();
    await h.intents.create(spec('live'));
    const held = (await h.driver.getPolicies([nodeId('A')]))[0];
    if (!held?.ok) throw new Error('no policies at A');
    await h.driver.setPolicies([
      { ...held.value[0]!, name: 'probe-inc-1-0' },
      { ...held.value[0]!, name: 'stray' },
    ]);
    const owners = { owns: (policy: string) => policy === 'A/probe-inc-1-0' };
    const reconciler = new IntentReconciler(
      h.network,
      h.store,
      h.records,
      h.deployer,
      h.intents,
      h.bus,
      owners,
    );
    const report = await reconciler.reconcile({ startup: false });
    expect(report.orphansRemoved).toEqual(['A/stray']);
    const now = (await h.driver.getPolicies([nodeId('A')]))[0];
    if (!now?.ok) throw new Error('no policies at A');
    expect(now.value.map((p) => p.name)).toContain('probe-inc-1-0');
    expect(now.value.map((p) => p.name)).not.toContain('stray');
  });

  it('fails intents whose plan no longer fits a changed topology, and still starts', async () => {
    const before = setup();
    await before.intents.create(spec('live'));
    await before.intents.create(
      spec('other', { endpoints: { a: nodeId('D'), b: nodeId('E') }, slo: { bandwidthMbps: 10 } }),
    );
    const full = before.network.topology;
    const topology = TopologyGraph.build({
      name: 'square-without-B-D',
      nodes: [...full.nodes()].map((n) => ({ id: n.id })),
      links: [...full.links()]
        .filter((l) => l.id !== 'B-D')
        .map((l) => ({ id: l.id, a: l.a, b: l.b, ab: l.arcs[0]!, ba: l.arcs[1] ?? null })),
    });
    const network = { topology, sids: SidTable.allocate(topology) };
    const after = intentHarness(network, new MemoryNeDriver(topology, network.sids), before.store);
    const report = await after.reconciler.reconcile();
    expect(report.failed).toEqual(['live']);
    expect(report.repaired).toEqual(['other']);
    expect(after.intents.get('live')).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/B-D/),
    });
    expect(after.store.reservations('live')).toEqual([]);
    expect((await after.intents.retry('live')).status).toBe('deployed');
  });
});
