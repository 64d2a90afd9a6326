import request from 'supertest';
import { ASSURANCE_TAP, AssuranceService } from '../../src/app/assurance';
import type { TelemetryTap } from '../../src/app/assurance';
import { IntentRecords } from '../../src/app/intent';
import { TwinService } from '../../src/app/twin';
import type { TelemetryPoint } from '../../src/core/telemetry';
import { intentBody, startApi } from '../api/api-harness';
import type { Api } from '../api/api-harness';

/** The value of one Prometheus series in a scrape, or undefined when the series is absent. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

jest.setTimeout(60_000); // a real app on a shared machine

/**
 * Issue 11: GET /metrics on the real controller app reports intents by lifecycle state, SLO compliance per
 * intent from the twin's measurements, incidents by class and state, and twin freshness, and the values
 * follow the controller's state from one scrape to the next.
 */
describe('network-state metrics at /metrics', () => {
  let api: Api;
  const scrape = async (): Promise<string> => (await request(api.http).get('/metrics').expect(200)).text;
  beforeAll(async () => {
    api = await startApi();
    // Hold the closed loop still (its timer only): the test itself plays the loop's status changes, so a
    // tick on a slow machine cannot race them.
    await api.app.get(AssuranceService).onApplicationShutdown();
  });
  afterAll(async () => {
    await api.close();
  });

  it('counts intents in every lifecycle state and follows a state change', async () => {
    const before = await scrape();
    for (const s of ['accepted', 'deployed', 'compliant', 'degraded', 'repairing', 'failed', 'deleting'])
      expect(value(before, `autonet_intents{state="${s}"}`)).toBe(0);
    await request(api.http).post('/api/v1/intents').send(intentBody('m1')).expect(201);
    const deployed = await scrape();
    expect(value(deployed, 'autonet_intents{state="deployed"}')).toBe(1);
    // what the assurance loop does when an intent's measurements break its SLO
    api.app.get(IntentRecords).setStatus('m1', 'degraded', 'assurance', 'live:degraded', { reason: 'test' });
    const degraded = await scrape();
    expect(value(degraded, 'autonet_intents{state="deployed"}')).toBe(0);
    expect(value(degraded, 'autonet_intents{state="degraded"}')).toBe(1);
    api.app.get(IntentRecords).setStatus('m1', 'compliant', 'assurance', 'live:compliant', {});
    const compliant = await scrape();
    expect(value(compliant, 'autonet_intents{state="degraded"}')).toBe(0);
    expect(value(compliant, 'autonet_intents{state="compliant"}')).toBe(1);
  });

  it('reports SLO compliance, measured delay and the bound per intent from the twin', async () => {
    await request(api.http).post('/api/v1/intents').send(intentBody('m2')).expect(201);
    const unmeasured = await scrape();
    expect(value(unmeasured, 'autonet_intent_delay_bound_seconds{intent="m2"}')).toBeCloseTo(0.04, 9);
    expect(value(unmeasured, 'autonet_intent_slo_compliant{intent="m2"}')).toBeUndefined();
    const twin = api.app.get(TwinService);
    const policies = twin.state().policies.filter((p) => p.intent === 'm2');
    expect(policies.length).toBeGreaterThan(0);
    const measure = (t: number, delayUs: number) =>
      twin.applyPoints(
        policies.map((p): TelemetryPoint => ({
          measurement: 'policy',
          key: `policy/${p.headend}/${p.name}`,
          ne: p.headend,
          policy: p.name,
          timestampMs: t,
          fields: { delayUs, lossPct: 0.5, jitterUs: 10 },
        })),
      );
    const t0 = Date.now();
    measure(t0, 20_000);
    const good = await scrape();
    expect(value(good, 'autonet_intent_slo_compliant{intent="m2"}')).toBe(1);
    expect(value(good, 'autonet_intent_delay_seconds{intent="m2"}')).toBeCloseTo(0.02, 9);
    expect(value(good, 'autonet_intent_loss_ratio{intent="m2"}')).toBeCloseTo(0.005, 9);
    measure(t0 + 1000, 45_000);
    const bad = await scrape();
    expect(value(bad, 'autonet_intent_slo_compliant{intent="m2"}')).toBe(0);
    expect(value(bad, 'autonet_intent_delay_seconds{intent="m2"}')).toBeCloseTo(0.045, 9);
    expect(value(bad, 'autonet_intent_slo_series_omitted')).toBe(0);
    await request(api.http).delete('/api/v1/intents/m2').expect(204);
    const gone = await scrape();
    expect(value(gone, 'autonet_intent_slo_compliant{intent="m2"}')).toBeUndefined();
  });

  it('reports twin freshness: directions, stale and down ones, and the age of the newest sample', async () => {
    const text = await scrape();
    const arcs = [...api.network.topology.arcs()].length;
    expect(value(text, 'autonet_twin_directions')).toBe(arcs);
    expect(value(text, 'autonet_twin_stale_directions')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'autonet_twin_down_directions')).toBe(0);
    // before any interface sample the age is NaN (not 0, which would claim fresh data)
    expect(value(text, 'autonet_twin_age_seconds')).toBeNaN();
    const arc = [...api.network.topology.arcs()][0]!;
    api.app.get(TwinService).applyPoints([
      {
        measurement: 'interface',
        key: `interface/${arc.from}/${arc.id}`,
        ne: arc.from,
        interface: arc.id,
        timestampMs: Date.now() - 5000,
        outArc: arc.id,
        fields: { outBps: 1e6, operUp: 0 },
      },
    ]);
    const after = await scrape();
    expect(value(after, 'autonet_twin_age_seconds')).toBeGreaterThanOrEqual(5);
    expect(value(after, 'autonet_twin_down_directions')).toBe(1);
  });

  it('counts incidents by class and state', async () => {
    expect(await scrape()).toMatch(/^# TYPE autonet_incidents gauge$/m);
    // a link reported down to the twin and the loop's tap, then one loop interval at that time
    const link = api.network.topology.link('Chicago:Indianapolis');
    const t = Date.now();
    const points = link.arcs.map((arc): TelemetryPoint => ({
      measurement: 'interface',
      key: `interface/${arc.from}/${arc.id}`,
      ne: arc.from,
      interface: arc.id,
      timestampMs: t,
      outArc: arc.id,
      fields: { outBps: 0, operUp: 0 },
    }));
    api.app.get(TwinService).applyPoints(points);
    api.app.get<TelemetryTap>(ASSURANCE_TAP).write(points);
    await api.app.get(AssuranceService).tickAt(t);
    const text = await scrape();
    const series = text.split('\n').filter((l) => l.startsWith('autonet_incidents{'));
    expect(series.some((l) => /class="link-down",state="[a-z-]+"\} [1-9]/.test(l))).toBe(true);
  });
});
