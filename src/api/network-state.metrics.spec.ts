import type { IntentStatus } from '../core/model/intent';
import type { TwinStateView } from '../core/twin';
import type { StoredIntent } from '../ports/intent-store.port';
import { intentsByState, sloSeries, twinFreshness } from './network-state.metrics';

const intent = (name: string, status: IntentStatus, maxDelayUs = 1000) =>
  ({ spec: { name, slo: { bandwidthMbps: 1, maxDelayUs } }, status }) as unknown as StoredIntent;
const policy = (intentName: string, delayUs: number, sloOk: boolean | null, stale = false) =>
  ({
    headend: 'A',
    name: `p-${intentName}`,
    intent: intentName,
    delayUs,
    lossPct: 0,
    jitterUs: 0,
    sloOk,
    stale,
  }) as TwinStateView['policies'][number];

describe('network-state metrics', () => {
  it('counts every lifecycle state, empty ones as 0', () => {
    const m = intentsByState([intent('a', 'compliant'), intent('b', 'compliant'), intent('c', 'failed')]);
    expect(m.get('compliant')).toBe(2);
    expect(m.get('failed')).toBe(1);
    expect(m.get('degraded')).toBe(0);
    expect(m.size).toBe(10);
  });

  it('caps per-intent SLO series, keeping violating intents first and counting the rest', () => {
    const intents = ['a', 'b', 'c', 'd', 'e'].map((n) => intent(n, 'compliant'));
    const policies = [policy('a', 10, true), policy('d', 2000, false), policy('e', 3000, false)];
    const { series, omitted } = sloSeries(intents, { policies }, 3);
    expect(series.map((s) => s.intent)).toEqual(['d', 'e', 'a']);
    expect(series.map((s) => s.compliant)).toEqual([0, 0, 1]);
    expect(omitted).toBe(2);
  });

  it('ignores stale policies and intents out of service', () => {
    const { series } = sloSeries([intent('a', 'compliant'), intent('f', 'failed')], {
      policies: [policy('a', 5000, false, true), policy('f', 5000, false)],
    });
    expect(series).toEqual([{ intent: 'a', delayBoundSeconds: 0.001 }]);
  });

  it('twin age is the wall-clock age of the newest link sample, clamped at 0', () => {
    const link = (lastSampleMs: number | null, stale: boolean, status: 'up' | 'down' = 'up') =>
      ({ lastSampleMs, stale, status }) as TwinStateView['links'][number];
    expect(twinFreshness({ links: [link(1000, true), link(4000, false, 'down')] }, 9000)).toEqual({
      ageSeconds: 5,
      directions: 2,
      stale: 1,
      down: 1,
    });
    expect(twinFreshness({ links: [link(null, true)] }, 9000).ageSeconds).toBeUndefined();
    expect(twinFreshness({ links: [link(9500, false)] }, 9000).ageSeconds).toBe(0);
  });
});
