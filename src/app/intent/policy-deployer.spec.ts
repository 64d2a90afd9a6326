import { MemoryNeDriver } from '../../adapters/drivers/memory';
import { nodeId } from '../../core/model/ids';
import type { ConnectivityIntentSpec, PlannedPolicy } from '../../core/model/intent';
import { FaultyNeDriver } from './__fixtures__/faulty-ne.driver';
import { intentHarness, squareNetwork } from './__fixtures__/intent-harness';
import { configKey, PolicyDeployer, toSrPolicyConfig } from './policy-deployer';

const spec = (name: string, b = 'D'): ConnectivityIntentSpec => ({
  name,
  kind: 'connectivity',
  endpoints: { a: nodeId('A'), b: nodeId(b) },
  slo: { bandwidthMbps: 100 },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
});

function setup() {
  const network = squareNetwork();
  const memory = new MemoryNeDriver(network.topology, network.sids);
  const driver = new FaultyNeDriver(memory);
  const h = intentHarness(network, driver);
  const plan = (name: string, b = 'D'): PlannedPolicy[] => [...h.intents.dryRun(spec(name, b)).plan.policies];
  return { driver, memory, deployer: new PolicyDeployer(driver), plan };
}

/** What the network holds, as canonical policy texts. */
async function network(driver: FaultyNeDriver): Promise<string[]> {
  const results = await driver.getPolicies(driver.targets());
  return results.flatMap((r) => (r.ok ? r.value.map(configKey) : [])).sort();
}
const keys = (policies: readonly PlannedPolicy[]) =>
  policies.map((p) => configKey(toSrPolicyConfig(p))).sort();

describe('PolicyDeployer: all or nothing for real', () => {
  it('reads back a Set that timed out: applied counts as installed', async () => {
    const { driver, deployer, plan } = setup();
    driver.timeoutButApplied.add(nodeId('D'));
    const policies = plan('x');
    await expect(deployer.deploy(policies)).resolves.toEqual({ ok: true });
    expect(await network(driver)).toEqual(keys(policies));
  });

  it('rolls back what a timed-out Set applied when another headend refuses', async () => {
    const { driver, deployer, plan } = setup();
    driver.timeoutButApplied.add(nodeId('A'));
    driver.refuseSet.add(nodeId('D'));
    const outcome = await deployer.deploy(plan('x'));
    expect(outcome).toMatchObject({ ok: false, consistent: true });
    expect(await network(driver)).toEqual([]);
  });

  it('make-before-break: when the old policies cannot be removed, the network goes back to the old plan', async () => {
    const { driver, deployer, plan } = setup();
    const old = plan('old', 'D');
    await deployer.deploy(old);
    driver.refuseDelete.add(nodeId('D')); // old-ba lives on D, the new plan heads at A and E
    const outcome = await deployer.deploy(plan('new', 'E'), old);
    expect(outcome).toMatchObject({ ok: false, consistent: true });
    expect(await network(driver)).toEqual(keys(old));
  });

  it('reports a rollback that could not complete instead of swallowing it', async () => {
    const { driver, deployer, plan } = setup();
    driver.refuseSet.add(nodeId('D'));
    driver.refuseDelete.add(nodeId('A'));
    const outcome = await deployer.deploy(plan('x'));
    expect(outcome).toMatchObject({ ok: false, consistent: false, residue: ['A/x-ab'] });
  });

  it('survives a driver that throws: nothing escapes, the read-back decides', async () => {
    const { driver, deployer, plan } = setup();
    driver.throwFromSetCall = 1;
    const outcome = await deployer.deploy(plan('x'));
    expect(outcome).toMatchObject({ ok: false, consistent: true });
    expect(await network(driver)).toEqual([]);
  });

  it('deletes verified by read-back: a refused delete is a failure, an absent policy is not', async () => {
    const { driver, deployer, plan } = setup();
    const policies = plan('x');
    await deployer.deploy(policies);
    driver.refuseDelete.add(nodeId('A'));
    expect(await deployer.remove(policies)).toMatchObject({ ok: false });
    driver.refuseDelete.clear();
    expect(await deployer.remove(policies)).toEqual({ ok: true });
    expect(await deployer.remove(policies)).toEqual({ ok: true });
  });
});
