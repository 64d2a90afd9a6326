import { MemoryNeDriver } from '../../adapters/drivers/memory';
import { InfeasibleError, InvalidQueryError } from '../../core/errors';
import { sharedEngineFactory, TopologyPlanVerifier } from '../../core/intent';
import type { ArcId, NodeId } from '../../core/model/ids';
import { nodeId } from '../../core/model/ids';
import type { ConnectivityIntentSpec } from '../../core/model/intent';
import { PathEngine } from '../../core/pathcomp';
import type { TelemetryPoint } from '../../core/telemetry';
import { InProcessEventBus } from '../events/in-process.event-bus';
import { MemoryIntentStore } from '../intent/__fixtures__/memory-intent-store';
import { squareNetwork } from '../intent/__fixtures__/intent-harness';
import { IntentLedger } from '../intent/intent-ledger';
import { IntentPlanner } from '../intent/intent-planner';
import { IntentRecords } from '../intent/intent-records';
import { IntentService } from '../intent/intent.service';
import { PolicyDeployer } from '../intent/policy-deployer';
import type { TwinVerification } from './twin-plan.verifier';
import { TwinPlanVerifier } from './twin-plan.verifier';
import { TwinSink } from './twin-sink';
import { TwinWhatIf } from './twin-what-if';
import { TwinService } from './twin.service';

const spec = (name: string, over: Partial<ConnectivityIntentSpec> = {}): ConnectivityIntentSpec => ({
  name,
  kind: 'connectivity',
  endpoints: { a: nodeId('A'), b: nodeId('D') },
  slo: { bandwidthMbps: 200 },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
  ...over,
});

/** The intent application over fakes, with the twin verifying plans (as app.module binds it). */
function setup() {
  const network = squareNetwork(1000);
  const store = new MemoryIntentStore();
  const bus = new InProcessEventBus();
  const sink = new TwinSink();
  const clock = (): Date => new Date(Date.UTC(2026, 0, 1));
  const twin = new TwinService(network, store, { sampleIntervalMs: 1000, historyStepMs: 1000 }, sink, clock);
  twin.onModuleInit();
  const verifier = new TwinPlanVerifier(new TopologyPlanVerifier(network.sids), twin);
  const ledger = new IntentLedger(network, store);
  const driver = new MemoryNeDriver(network.topology, network.sids);
  const planner = new IntentPlanner(
    network,
    store,
    sharedEngineFactory(network.topology, (o) => new PathEngine(network.topology, network.sids, o)),
    verifier,
    ledger,
    driver,
  );
  const records = new IntentRecords(store, bus, clock, ledger);
  const intents = new IntentService(store, planner, records, new PolicyDeployer(driver), ledger);
  const whatIf = new TwinWhatIf(twin, planner, verifier, network);
  /** One sample on every arc at time t: `mbps` unless overridden per arc. */
  const sampleAll = (t: number, mbps: number, over: Record<string, number> = {}, down: string[] = []): void =>
    sink.write(
      [...network.topology.arcs()].map((a) =>
        iface(a.id, a.from, t, { outBps: (over[a.id] ?? mbps) * 1e6, operUp: down.includes(a.id) ? 0 : 1 }),
      ),
    );
  return { network, twin, sink, intents, whatIf, sampleAll };
}

function iface(arc: string, ne: NodeId, t: number, fields: Record<string, number>): TelemetryPoint {
  return {
    measurement: 'interface',
    key: `interface/${ne}/${arc}`,
    ne,
    interface: arc,
    timestampMs: t,
    outArc: arc as ArcId,
    fields,
  };
}

const T0 = 1_750_000_000_000;

describe('TwinService', () => {
  it('takes oper-status from one sample, measures load, and marks directions stale after three intervals', () => {
    const h = setup();
    h.sampleAll(T0, 100, { 'A-B#ab': 450 }, ['B-D#ab']);
    const s = h.twin.state();
    const ab = s.links.find((l) => l.arc === 'A-B#ab')!;
    expect(s.at).toBe(T0);
    expect(ab).toMatchObject({ status: 'up', loadMbps: 450, utilisation: 0.45, stale: false });
    expect(s.links.find((l) => l.arc === 'B-D#ab')!.status).toBe('down');
    expect(h.twin.directions().get('B-D#ab')).toMatchObject({ status: 'down', stale: false });
    h.sink.write([iface('A-C#ab', nodeId('A'), T0 + 3500, { outBps: 1e8, operUp: 1 })]);
    const later = h.twin.state();
    expect(later.links.find((l) => l.arc === 'A-B#ab')!.stale).toBe(true);
    expect(later.links.find((l) => l.arc === 'A-C#ab')!.stale).toBe(false);
  });

  it('follows deployed intents: their policies appear with the SLO verdict of the measured delay', async () => {
    const h = setup();
    await h.intents.create(spec('vpn', { slo: { bandwidthMbps: 100, maxDelayUs: 500 } }));
    const policies = h.twin.state().policies;
    expect(policies).toHaveLength(2);
    expect(policies.every((p) => p.intent === 'vpn')).toBe(true);
    const p = policies[0]!;
    h.sink.write([
      {
        measurement: 'policy',
        key: `policy/${p.headend}/${p.name}`,
        ne: p.headend,
        policy: p.name,
        timestampMs: T0,
        fields: { delayUs: 900, lossPct: 0, jitterUs: 5 },
      },
    ]);
    const after = h.twin.state().policies.find((x) => x.name === p.name && x.headend === p.headend)!;
    expect(after).toMatchObject({ delayUs: 900, sloOk: false });
    expect(h.twin.state().links.find((l) => l.arc === 'A-B#ab')!.reservedMbps).toBe(100);
  });
});

describe('TwinPlanVerifier', () => {
  it('admits on the topology checks alone while nothing is measured, and says so', () => {
    const h = setup();
    const v = h.intents.dryRun(spec('a')).verification as TwinVerification;
    expect(v.ok).toBe(true);
    expect(v.twin).toBe('no-measurements');
  });

  it('shows the predicted utilisation and delay of a passing plan', () => {
    const h = setup();
    h.sampleAll(T0, 100);
    const v = h.intents.dryRun(spec('a', { slo: { bandwidthMbps: 200, maxDelayUs: 500 } }))
      .verification as TwinVerification;
    expect(v.ok).toBe(true);
    expect(v.twin).toBe('checked');
    const ab = v.prediction!.arcs.find((a) => a.arc === 'A-B#ab')!;
    expect(ab.utilisation).toBeCloseTo(0.3, 2);
    expect(v.prediction!.intents).toHaveLength(2);
    expect(v.prediction!.intents.every((i) => i.sloOk && i.delayUs! >= 200)).toBe(true);
  });

  it('refuses a plan that reservations admit but measured load makes unsafe, naming the arcs', () => {
    const h = setup();
    h.sampleAll(T0, 100, { 'B-D#ab': 750 });
    const s = spec('a', { slo: { bandwidthMbps: 200, maxDelayUs: 500 } });
    let err: unknown;
    try {
      h.intents.dryRun(s);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InfeasibleError);
    const blocking = (err as InfeasibleError).blocking;
    expect(blocking.map((b) => b.constraint)).toContain('capacity');
    expect(blocking.flatMap((b) => b.elements ?? [])).toContain('B-D#ab');
    // The same plan with the measured load gone is admitted.
    h.sampleAll(T0 + 1000, 100);
    expect(h.intents.dryRun(s).verification.ok).toBe(true);
  });

  it('refuses a protected plan whose backup would overflow when a primary link fails', () => {
    const h = setup();
    h.sampleAll(T0, 100, { 'A-C#ab': 700 });
    const s = spec('p', { sle: { protection: 'link-disjoint', isolation: 'shared' } });
    let err: unknown;
    try {
      h.intents.dryRun(s);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InfeasibleError);
    const blocking = (err as InfeasibleError).blocking;
    expect(blocking.map((b) => b.constraint)).toEqual(['protection']);
    expect(blocking[0]!.elements).toEqual(expect.arrayContaining(['A-C#ab']));
  });
});

describe('TwinWhatIf', () => {
  it('predicts a failure of the primary path moving the intent to its backup, and checks its input', async () => {
    const h = setup();
    h.sampleAll(T0, 50);
    await h.intents.create(spec('vpn', { slo: { bandwidthMbps: 100, maxDelayUs: 400 } }));
    const now = h.whatIf.predict({});
    expect(now.intents.find((i) => i.name === 'vpn')!.sloOk).toBe(true);
    const r = h.whatIf.predict({ failLinks: ['A-B'] });
    const vpn = r.intents.find((i) => i.name === 'vpn')!;
    expect(vpn.sloOk).toBe(false);
    expect(vpn.violations.map((v) => v.slo)).toContain('maxDelayUs');
    expect(r.links.filter((l) => l.link === 'A-B').every((l) => l.status === 'down')).toBe(true);
    expect(r.changed.some((c) => c.link === 'A-B' && c.field === 'status')).toBe(true);
    expect(() => h.whatIf.predict({ failLinks: ['nope'] })).toThrow(InvalidQueryError);
    expect(() => h.whatIf.predict({ removeIntents: ['ghost'] })).toThrow(InvalidQueryError);
    expect(() => h.whatIf.predict({ demandScale: -1 })).toThrow(InvalidQueryError);
    const added = h.whatIf.predict({ addIntents: [spec('extra', { slo: { bandwidthMbps: 300 } })] });
    expect(added.intents.map((i) => i.name)).toEqual(['extra', 'vpn']);
  });

  it('forecasts each direction from its history and lists predicted crossings', () => {
    const h = setup();
    for (let i = 0; i < 30; i++) h.sampleAll(T0 + i * 1000, 100, { 'A-B#ab': 300 + 20 * i });
    const f = h.twin.forecast(30_000);
    expect(f.forecasts.length).toBe(10);
    const c = f.crossings.find((x) => x.arc === 'A-B#ab');
    expect(c).toBeDefined();
    expect(c!.at).toBeGreaterThanOrEqual(T0 + 29_000);
    expect(f.crossings.every((x) => x.arc === 'A-B#ab')).toBe(true);
  });
});
