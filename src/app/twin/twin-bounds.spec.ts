import type { NodeId } from '../../core/model/ids';
import type { TelemetryPoint } from '../../core/telemetry';
import { TrafficCollector } from './traffic-collector';
import { UtilisationHistoryBook } from './utilisation-history';

const policyPoint = (policy: string, atMs: number): TelemetryPoint => ({
  measurement: 'policy',
  key: `policy/A/${policy}`,
  ne: 'A' as NodeId,
  policy,
  timestampMs: atMs,
  fields: { trafficBps: 1e6 },
});

describe('twin state bounds', () => {
  it('TrafficCollector forgets stale readings and caps what it holds', () => {
    const c = new TrafficCollector(10_000, { maxPolicies: 100 });
    for (let i = 0; i < 1000; i++) c.apply(policyPoint(`p${i}`, 0));
    expect(c.sizes().policies).toBe(100);
    expect(c.evictions()).toBe(900);
    c.apply(policyPoint('fresh', 50_000));
    expect(c.measured(50_000).traffic.policies.map((p) => p.policy)).toEqual(['fresh']);
    expect(c.sizes().policies).toBe(1); // the stale ones are gone, not only hidden
  });

  it('UtilisationHistoryBook: a far-future timestamp costs at most maxBuckets, not one bucket per step', () => {
    const h = new UtilisationHistoryBook(1000, 60);
    h.add('a1', 0, 0.5);
    const t0 = performance.now();
    h.add('a1', 1e15, 0.7); // ~31 700 years of 1 s buckets
    expect(performance.now() - t0).toBeLessThan(1000);
    const arc = { link: 'l', arc: 'a1', from: 'A', to: 'B' };
    const got = h.history(arc, 1e15 + 1000)!;
    expect(got.values.length).toBeLessThanOrEqual(60);
    expect(got.values.at(-1)).toBeCloseTo(0.7);
  });
});
