import { MemoryNeDriver } from '../../adapters/drivers/memory';
import type { NodeId } from '../../core/model/ids';
import type { SrPolicyConfig } from '../../ports/ne-driver.port';
import { squareNetwork } from '../intent/__fixtures__/intent-harness';
import { ProbeManager } from './probe.manager';

/** The square network (A-B, B-D, A-C, C-D, D-E) with some NEs managed read-only over SNMP. */
function setup(legacy: readonly string[]) {
  const network = squareNetwork();
  const driver = new MemoryNeDriver(network.topology, network.sids);
  const sent: SrPolicyConfig[] = [];
  const set = driver.setPolicies.bind(driver);
  Object.assign(driver, {
    configurable: (ne: NodeId) => !legacy.includes(ne),
    setPolicies: (configs: readonly SrPolicyConfig[]) => {
      sent.push(...configs);
      return set(configs);
    },
  });
  return { probes: new ProbeManager(network, driver), sent };
}

describe('ProbeManager', () => {
  it('heads a probe asked of a legacy NE one hop earlier, at a neighbour that can hold a policy', async () => {
    const { probes, sent } = setup(['B']);
    const { installed, errors } = await probes.install('inc-1', [{ headend: 'B', links: ['B-D'] }]);
    expect(errors).toEqual([]);
    expect(sent.map((c) => c.headend)).toEqual(['A']);
    expect(installed).toHaveLength(1);
    expect(installed[0]!.headend).toBe('A');
    expect(installed[0]!.links).toEqual(['A-B', 'B-D']);
    expect(installed[0]!.hops.map((h) => h.link)).toEqual(['A-B', 'B-D']);
  });

  it('never sends a policy to a legacy NE: with no capable neighbour the probe is skipped with the reason', async () => {
    const { probes, sent } = setup(['E', 'D']);
    const { installed, errors } = await probes.install('inc-2', [
      { headend: 'E', links: ['D-E'] },
      { headend: 'A', links: ['A-B'] },
    ]);
    expect(sent.map((c) => c.headend)).toEqual(['A']);
    expect(installed.map((p) => p.headend)).toEqual(['A']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/E skipped: a legacy NE/);
  });

  it('watches a suspect link from whichever end can hold a policy', async () => {
    const { probes, sent } = setup(['B']);
    await probes.watch('inc-3', ['A-B', 'B-D']);
    expect(sent.map((c) => c.headend).sort()).toEqual(['A', 'D']);
    expect(probes.of('inc-3').map((p) => p.links)).toEqual([['A-B'], ['B-D']]);
  });
  it('watches a suspect node through it, from a neighbour that can hold a policy', async () => {
    const { probes, sent } = setup(['A']);
    await probes.watch('inc-4', [], ['B']);
    expect(sent.map((c) => c.headend)).toEqual(['D']);
    expect(probes.of('inc-4').map((p) => p.links)).toEqual([['B-D', 'A-B']]);
  });

  it('owns its probes from the moment they are sent until they are removed (never orphans to the reconciler)', async () => {
    const { probes } = setup([]);
    let ownedWhileSending = false;
    const id = 'A/probe-inc-3-0';
    const driver = (probes as unknown as { driver: MemoryNeDriver }).driver;
    const set = driver.setPolicies.bind(driver);
    Object.assign(driver, {
      setPolicies: (configs: readonly SrPolicyConfig[]) => {
        ownedWhileSending = probes.owns(id);
        return set(configs);
      },
    });
    expect(probes.owns(id)).toBe(false);
    await probes.install('inc-3', [{ headend: 'A', links: ['A-B'] }]);
    expect(ownedWhileSending).toBe(true);
    expect(probes.owns(id)).toBe(true);
    expect(probes.owns('A/stray')).toBe(false);
    await probes.remove('inc-3');
    expect(probes.owns(id)).toBe(false);
  });
});
