import { verificationPlan, verifyRepair } from '.';
import type { RepairCandidate, VerificationSample } from '.';

const reroute: RepairCandidate = {
  kind: 'reroute',
  detail: '',
  change: {
    reroute: [
      {
        policy: { key: 'A/p1', headend: 'A', name: 'p1', endpoint: 'Z', degraded: true },
        segmentLists: [['s']],
      },
    ],
  },
  policiesMoved: 1,
};
const plan = verificationPlan(reroute, () => ({ maxLossPct: 0.5, maxDelayUs: 20_000 }));
const sample = (lost: number, delayUs = 10_000, sent = 1_000): VerificationSample => ({
  probes: [{ key: 'A/p1', probesSent: sent, probesLost: lost, delayUs }],
  silentNodes: [],
});

describe('repair verification', () => {
  it('verifies after N clean intervals and waits before that', () => {
    expect(plan.intervals).toBe(3);
    expect(verifyRepair(plan, [sample(1), sample(0)]).verdict).toBe('pending');
    expect(verifyRepair(plan, [sample(1), sample(0), sample(2)]).verdict).toBe('verified');
  });

  it('rolls back when the SLO is not restored over the window', () => {
    const v = verifyRepair(plan, [sample(10), sample(8), sample(9)]);
    expect(v).toMatchObject({ verdict: 'rollback', failing: ['A/p1'] });
    expect(verifyRepair(plan, [sample(0, 30_000), sample(0, 30_000), sample(0, 9_000)]).verdict).toBe(
      'rollback',
    );
  });

  it('rolls back within one interval when the new path delivers nothing', () => {
    expect(verifyRepair(plan, [sample(990)]).verdict).toBe('rollback');
    expect(verifyRepair(plan, [{ probes: [], silentNodes: [] }]).verdict).toBe('rollback');
  });

  it('a resync is verified by telemetry, not probes', () => {
    const p = verificationPlan(
      { kind: 'resync', detail: '', change: {}, resync: ['B'], policiesMoved: 0 },
      () => undefined,
    );
    expect(p.check).toBe('telemetry');
    expect(verifyRepair(p, [{ probes: [], silentNodes: ['B'] }]).verdict).toBe('pending');
    expect(
      verifyRepair(p, [
        { probes: [], silentNodes: ['B'] },
        { probes: [], silentNodes: [] },
      ]).verdict,
    ).toBe('verified');
    const stuck = Array.from({ length: 3 }, () => ({ probes: [], silentNodes: ['B'] }));
    expect(verifyRepair(p, stuck).verdict).toBe('rollback');
  });
});
