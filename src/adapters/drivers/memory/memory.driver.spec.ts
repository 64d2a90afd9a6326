import { nodeId } from '../../../core/model/ids';
import type { LinkInput } from '../../../core/topology';
import { SidTable, TopologyGraph } from '../../../core/topology';
import type { SrPolicyConfig } from '../../../ports/ne-driver.port';
import { MemoryNeDriver } from './memory.driver';

const dir = { capacityMbps: 100, delayUs: 10, igpMetric: 1 };
const link = (id: string, a: string, b: string): LinkInput => ({ id, a, b, ab: dir, ba: dir });
const topology = TopologyGraph.build({
  name: 't',
  nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
  links: [link('A-B', 'A', 'B'), link('B-C', 'B', 'C')],
});
const sids = SidTable.allocate(topology);
const A = nodeId('A');
const C = nodeId('C');

const policy = (over: Partial<SrPolicyConfig> = {}): SrPolicyConfig => ({
  name: 'p1',
  headend: A,
  color: 65537,
  endpoint: sids.endSid(C).sid,
  candidatePaths: [
    {
      preference: 200,
      segmentLists: [{ weight: 1, sids: [sids.endSid(nodeId('B')).sid, sids.endSid(C).sid] }],
    },
  ],
  ...over,
});

describe('MemoryNeDriver', () => {
  it('installs, lists, replaces and deletes policies per headend', async () => {
    const d = new MemoryNeDriver(topology, sids);
    expect((await d.setPolicies([policy()]))[0]).toMatchObject({ resource: 'A/p1', ok: true });
    await d.setPolicies([policy({ color: 65538 })]);
    const [got] = await d.getPolicies([A]);
    expect(got?.ok && got.value.map((p) => p.color)).toEqual([65538]);
    await d.deletePolicies([
      { headend: A, name: 'p1' },
      { headend: A, name: 'absent' },
    ]);
    expect(d.policyCount()).toBe(0);
  });

  it('refuses SIDs outside the topology and unknown headends, one result per policy', async () => {
    const d = new MemoryNeDriver(topology, sids);
    const results = await d.setPolicies([
      policy({ candidatePaths: [{ preference: 1, segmentLists: [{ weight: 1, sids: ['2001:db8::1'] }] }] }),
      policy({ name: 'p2', headend: nodeId('Z') }),
      policy({ name: 'p3' }),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['INVALID_SID', 'UNKNOWN_NE', 'ok']);
  });

  it('can be told to fail a headend and to recover', async () => {
    const d = new MemoryNeDriver(topology, sids);
    d.failHeadend(A);
    expect((await d.setPolicies([policy()]))[0]?.ok).toBe(false);
    expect(d.status().find((s) => s.ne === A)?.lastError).toBeDefined();
    d.recoverHeadend(A);
    expect((await d.setPolicies([policy()]))[0]?.ok).toBe(true);
  });
});
