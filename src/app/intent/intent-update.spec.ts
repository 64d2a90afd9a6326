import { MemoryNeDriver } from '../../adapters/drivers/memory';
import { DeployFailedError } from '../../core/errors';
import { nodeId } from '../../core/model/ids';
import type { ConnectivityIntentSpec, PlannedPolicy } from '../../core/model/intent';
import type { StoredIntent } from '../../ports/intent-store.port';
import { FaultyNeDriver } from './__fixtures__/faulty-ne.driver';
import { intentHarness, squareNetwork } from './__fixtures__/intent-harness';
import { MemoryIntentStore } from './__fixtures__/memory-intent-store';
import { configKey, toSrPolicyConfig } from './policy-deployer';
import { ReconcileScheduler } from './reconcile.scheduler';

const spec = (name: string, mbps: number, protection = 'none'): ConnectivityIntentSpec =>
  ({
    name,
    kind: 'connectivity',
    endpoints: { a: nodeId('A'), b: nodeId('D') },
    slo: { bandwidthMbps: mbps },
    sle: { protection, isolation: 'shared' },
    priority: 3,
  }) as ConnectivityIntentSpec;

function setup() {
  const network = squareNetwork();
  const memory = new MemoryNeDriver(network.topology, network.sids);
  const driver = new FaultyNeDriver(memory);
  const store = new MemoryIntentStore();
  return { network, memory, driver, ...intentHarness(network, driver, store) };
}
type Setup = ReturnType<typeof setup>;

async function networkKeys(driver: FaultyNeDriver): Promise<string[]> {
  const results = await driver.getPolicies(driver.targets());
  return results.flatMap((r) => (r.ok ? r.value.map(configKey) : [])).sort();
}
const keys = (policies: readonly PlannedPolicy[] = []) =>
  policies.map((p) => configKey(toSrPolicyConfig(p))).sort();

/** Store and network agree: the intent's plan is installed exactly, its reservations are its plan's. */
async function expectAgree(h: Setup, intent: StoredIntent): Promise<void> {
  expect(await networkKeys(h.driver)).toEqual(keys(intent.plan?.policies));
  const held = h.store.reservations(intent.spec.name).map((r) => `${r.arc}:${r.mbps}`);
  expect(held.sort()).toEqual((intent.plan?.reservations ?? []).map((r) => `${r.arc}:${r.mbps}`).sort());
  expect(intent.previous).toBeUndefined();
}

/** A restart: a fresh application over the same store and network. */
const restart = (h: Setup) => intentHarness(h.network, h.driver, h.store);

describe('updates keep the previous plan durable until the new one is in the network', () => {
  it('an update that cannot deploy leaves store and network on the previous plan', async () => {
    const h = setup();
    const old = await h.intents.create(spec('a', 100));
    h.driver.refuseSet.add(nodeId('D'));
    await expect(h.intents.put(spec('a', 200, 'link-disjoint'))).rejects.toBeInstanceOf(DeployFailedError);
    const now = h.intents.get('a');
    expect(now).toMatchObject({ status: 'deployed', spec: old.spec });
    await expectAgree(h, now);
  });

  it('stores the previous plan with the new one before deploying', () => {
    const h = setup();
    return h.intents.create(spec('a', 100)).then((old) => {
      const admitted = h.intents.admit(spec('a', 200), old, 'api', 'update');
      expect(admitted.previous).toMatchObject({ spec: old.spec, plan: old.plan, status: 'deployed' });
      expect(h.store.getIntent('a')?.previous?.plan).toEqual(old.plan);
    });
  });

  it.each([
    ['admitted, nothing deployed', 0],
    ['half deployed (one headend has the new policy)', 1],
  ])(
    'a crash after the update was %s ends in exactly one plan after restart + reconcile',
    async (_what, newOnHeadends) => {
      for (const refuse of [false, true]) {
        const h = setup();
        const old = await h.intents.create(spec('a', 100));
        const admitted = h.intents.admit(spec('a', 300, 'link-disjoint'), old, 'api', 'update');
        const half = (admitted.plan?.policies ?? []).slice(0, newOnHeadends);
        await h.memory.setPolicies(half.map((p) => toSrPolicyConfig(p)));
        // crash here; the restarted controller may find D refusing changes
        if (refuse) h.driver.refuseSet.add(nodeId('D'));
        await restart(h).reconciler.reconcile();
        const now = h.store.getIntent('a')!;
        expect(now.status).toBe('deployed');
        expect([old.spec, admitted.spec]).toContainEqual(now.spec);
        if (refuse) expect(now.spec).toEqual(old.spec);
        await expectAgree(h, now);
      }
    },
  );
});

describe('`failed` means one thing: nothing reserved, nothing owned in the network', () => {
  it('a refused delete fails the intent, releases its reservations, and the reconciler removes the leftovers', async () => {
    const h = setup();
    await h.intents.create(spec('a', 100));
    h.driver.refuseDelete.add(nodeId('A'));
    await expect(h.intents.delete('a')).rejects.toBeInstanceOf(DeployFailedError);
    expect(h.intents.get('a').status).toBe('failed');
    expect(h.store.reservations('a')).toEqual([]);
    h.driver.refuseDelete.clear();
    const report = await h.reconciler.reconcile();
    expect(report.orphansRemoved).toEqual(['A/a-ab']); // D removed its own at once
    expect(await networkKeys(h.driver)).toEqual([]);
  });

  it('a repair the network refuses leaves the intent in service as degraded, reservations kept', async () => {
    const h = setup();
    await h.intents.create(spec('a', 100));
    await h.memory.deletePolicies([{ headend: nodeId('D'), name: 'a-ba' }]);
    h.driver.refuseSet.add(nodeId('D'));
    const drift: unknown[] = [];
    h.bus.on('intent.drift', (e) => drift.push(e));
    const report = await h.reconciler.reconcile();
    expect(report.failed).toEqual(['a']);
    expect(h.intents.get('a')).toMatchObject({
      status: 'degraded',
      reason: expect.stringMatching(/D\/a-ba/),
    });
    expect(h.store.reservations('a').length).toBeGreaterThan(0);
    expect(drift).toEqual([
      expect.objectContaining({ intent: 'a', policy: 'D/a-ba', kind: 'missing', repaired: false }),
    ]);
    h.driver.refuseSet.clear();
    await h.reconciler.reconcile();
    expect(h.intents.get('a').status).toBe('deployed');
  });
});

describe('the periodic reconciler', () => {
  it('repairs drift while running, and leaves intents an API call is deploying alone', async () => {
    const h = setup();
    await h.intents.create(spec('a', 100));
    await h.memory.deletePolicies([{ headend: nodeId('A'), name: 'a-ab' }]);
    h.records.inFlight.add('a');
    expect((await h.reconciler.reconcile({ startup: false })).repaired).toEqual([]);
    h.records.inFlight.delete('a');
    const scheduler = new ReconcileScheduler(h.reconciler, h.store, () => new Date());
    const reports: unknown[] = [];
    await scheduler.runOnce({ onReport: (r) => reports.push(r) });
    expect(reports).toEqual([expect.objectContaining({ repaired: ['a'] })]);
    await expectAgree(h, h.intents.get('a'));
  });
});
