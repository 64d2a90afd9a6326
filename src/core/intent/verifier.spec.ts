import { nodeId } from '../model/ids';
import type { ConnectivityIntentSpec, IntentPlan } from '../model/intent';
import { SHARED_POOL } from '../model/intent';
import { SidTable } from '../topology';
import { FakePathEngine } from './__fixtures__/fake-path-engine';
import { squareTopology } from './__fixtures__/square.topology';
import { BandwidthLedger } from './bandwidth-ledger';
import { ConnectivityCompiler } from './connectivity.compiler';
import { TopologyPlanVerifier } from './verifier';

const topology = squareTopology();
const sids = SidTable.allocate(topology);
const base: ConnectivityIntentSpec = {
  name: 'v',
  kind: 'connectivity',
  endpoints: { a: nodeId('A'), b: nodeId('D') },
  slo: { bandwidthMbps: 100, maxDelayUs: 700 },
  sle: { protection: 'link-disjoint', isolation: 'shared' },
  priority: 0,
};

function plan(spec: ConnectivityIntentSpec): IntentPlan {
  return new ConnectivityCompiler().compile({
    spec,
    topology,
    sids,
    pool: SHARED_POOL,
    freeMbps: () => 1000,
    engine: (o) => new FakePathEngine(topology, sids, o),
  }).plan;
}

const failed = (p: IntentPlan, spec: ConnectivityIntentSpec, ledger = new BandwidthLedger(topology)) =>
  new TopologyPlanVerifier(sids)
    .verify(p, spec, topology, ledger)
    .checks.filter((c) => !c.ok)
    .map((c) => c.check);

describe('TopologyPlanVerifier', () => {
  it('accepts a sound protected plan', () => {
    expect(failed(plan(base), base)).toEqual([]);
  });

  it('flags a backup that is slower than the SLO (a single failure would break it)', () => {
    const tight = { ...base, slo: { bandwidthMbps: 100, maxDelayUs: 500 } };
    expect(failed(plan(base), tight)).toEqual(['delay', 'protection']);
  });

  it('flags a protected plan without a backup path', () => {
    const p = plan({ ...base, sle: { protection: 'none', isolation: 'shared' } });
    expect(failed(p, base)).toEqual(['protection']);
  });

  it('flags a plan that no longer fits the ledger, and reservations missing for a path', () => {
    const p = plan(base);
    const full = new BandwidthLedger(
      topology,
      [],
      [{ intent: 'other', arc: p.reservations[0]!.arc, pool: SHARED_POOL, mbps: 950 }],
    );
    expect(failed(p, base, full)).toEqual(['capacity']);
    expect(failed({ ...p, reservations: p.reservations.slice(1) }, base)).toEqual(['reservations']);
  });

  it('flags broken paths and foreign SIDs', () => {
    const p = plan(base);
    const [first, ...rest] = p.policies;
    const cp = first!.candidatePaths[0]!;
    const broken = {
      ...first!,
      candidatePaths: [
        {
          ...cp,
          links: [...cp.links].reverse(),
          segments: [{ sid: 'fc00::dead', behavior: 'End' as const, node: 'A' }],
        },
        ...first!.candidatePaths.slice(1),
      ],
    };
    expect(failed({ ...p, policies: [broken, ...rest] }, base)).toEqual(
      expect.arrayContaining(['continuity', 'sids']),
    );
  });
});
