import { GnmiNeDriver } from '../../src/adapters/drivers/gnmi';
import { arcId, nodeId } from '../../src/core/model/ids';
import { InterfaceArcMap, SampleNormaliser } from '../../src/core/telemetry';
import type { TelemetryPoint } from '../../src/core/telemetry';
import { SidTable } from '../../src/core/topology';
import type { SrPolicyConfig, TelemetrySample } from '../../src/ports/ne-driver.port';
import { SimEngine } from '../../simulators/engine';
import { diamond } from '../../simulators/engine/sim.fixtures';
import { startGnmiServer, type GnmiServerHandle } from '../../simulators/gnmi';

/**
 * The new headend signals end to end: simulator engine → its gNMI server → the controller's gNMI driver →
 * TelemetrySample → SampleNormaliser. Per-policy and per-destination traffic counters, honest probe counts,
 * probe-only policies (installed by the controller, probed, never steered into), error counters under a CRC
 * fault, oper-status pushed on change, and a silent NE staying silent.
 */
const A = nodeId('A');
const topology = diamond([
  { from: 'A', to: 'E', mbps: 100 },
  { from: 'A', to: 'D', mbps: 40 },
]);
const sids = SidTable.allocate(topology);

function policy(name: string, endpoint: string, via: string, probeOnly = false): SrPolicyConfig {
  return {
    name,
    headend: A,
    color: 10,
    endpoint: sids.endSid(nodeId(endpoint)).sid,
    candidatePaths: [{ preference: 100, segmentLists: [{ weight: 1, sids: [via] }] }],
    ...(probeOnly && { probeOnly: true }),
  };
}

describe('gNMI headend signals (simulator → driver → normaliser)', () => {
  let engine: SimEngine;
  let server: GnmiServerHandle;
  let driver: GnmiNeDriver;
  let timer: NodeJS.Timeout;

  beforeEach(async () => {
    engine = new SimEngine({ topology, seed: 3 });
    timer = setInterval(() => engine.step(), 10);
    server = await startGnmiServer(engine, { port: 0 });
    driver = new GnmiNeDriver({
      address: `127.0.0.1:${server.port}`,
      targets: engine.nodeIds().map(nodeId),
      backoff: { initialMs: 20, maxMs: 200 },
    });
  });
  afterEach(async () => {
    await driver.close();
    await server.close();
    clearInterval(timer);
  });

  /** Collects samples until `done` holds for one (or 20 s have passed). */
  async function collect(
    targets: string[],
    done: (s: TelemetrySample) => boolean,
  ): Promise<TelemetrySample[]> {
    const got: TelemetrySample[] = [];
    let resolve!: () => void;
    const finished = new Promise<void>((r) => (resolve = r));
    const sub = await driver.subscribe(
      targets.map(nodeId),
      (s) => {
        got.push(s);
        if (done(s)) resolve();
      },
      { sampleIntervalMs: 1000 },
    );
    const timeout = setTimeout(resolve, 20_000);
    await finished;
    clearTimeout(timeout);
    await sub.close();
    return got;
  }

  it('exports per-policy and per-destination counters, probe counts and FCS errors; probe-only carries nothing', async () => {
    const viaF = policy('viaF', 'E', sids.endSid(nodeId('F')).sid);
    const probeCd = policy('probe-cd', 'D', sids.endXSid(arcId('CD#ab')).sid, true);
    const results = await driver.setPolicies([viaF, probeCd]);
    expect(results.every((r) => r.ok)).toBe(true);
    const [held] = await driver.getPolicies([A]);
    expect(held!.ok && held!.value.find((p) => p.name === 'probe-cd')?.probeOnly).toBe(true);
    engine.addFault({ type: 'crc', target: 'FD', params: { rate: 0.05 } });

    const normaliser = new SampleNormaliser(InterfaceArcMap.empty());
    const points: TelemetryPoint[] = [];
    const seen = new Set<string>();
    const all = await collect(['A', 'D'], (s) => {
      const p = normaliser.normalise(s);
      if (p) points.push(p);
      if (p && 'trafficBps' in p.fields) seen.add(p.key);
      if (s.kind === 'interface-counters' && s.ne === 'D' && (s.inFcsErrors ?? 0n) > 0n) seen.add('fcs');
      return ['policy/A/viaF', 'policy/A/probe-cd', 'demand/A/D', 'fcs'].every((k) => seen.has(k));
    });
    expect([...seen]).toEqual(
      expect.arrayContaining(['demand/A/D', 'fcs', 'policy/A/probe-cd', 'policy/A/viaF']),
    );

    const probes = all.flatMap((s) => (s.kind === 'probe' ? [s] : []));
    expect(new Set(probes.map((p) => p.policy))).toEqual(new Set(['viaF', 'probe-cd']));
    for (const p of probes) expect(p.probesSent).toBe(1000);
    // viaF crosses the CRC fault: about 5 % of its 1,000 probes per interval are lost, drawn binomially.
    const lost = probes.filter((p) => p.policy === 'viaF').map((p) => p.probesLost);
    expect(Math.max(...lost)).toBeGreaterThan(0);

    const traffic = (key: string) =>
      points.flatMap((p) => {
        const bps = (p.fields as { readonly trafficBps?: number }).trafficBps;
        return p.key === key && bps !== undefined ? [bps] : [];
      });
    // Demand A→E (100 Mbit/s mean × daily factor × noise) is steered into viaF; A→D stays on the IGP.
    expect(Math.min(...traffic('policy/A/viaF'))).toBeGreaterThan(40e6);
    expect(Math.min(...traffic('demand/A/D'))).toBeGreaterThan(15e6);
    // A→E went by IGP only before viaF was installed: its destination counter stands still since.
    expect(traffic('demand/A/E').every((bps) => bps === 0)).toBe(true);
    // The probe-only policy ends where demand A→D goes, yet attracts none of it.
    expect(traffic('policy/A/probe-cd').every((bps) => bps === 0)).toBe(true);
  });

  it('pushes oper-status at once on link-down, and a silent NE sends nothing', async () => {
    let t0 = 0;
    const samples = await collect(['B'], (s) => {
      if (t0 === 0 && s.kind === 'interface-counters') {
        t0 = engine.nowMs();
        engine.addFault({ type: 'link-down', target: 'AB' });
      }
      return s.kind === 'oper-status' && s.status === 'down';
    });
    const down = samples.find((s) => s.kind === 'oper-status' && s.status === 'down')!;
    // Sent in the tick the link went down, not at the next sample interval.
    expect(Number(down.timestampNs / 1_000_000n) - t0).toBeLessThanOrEqual(2 * engine.tickMs);

    engine.addFault({ type: 'telemetry-gap', target: 'C' });
    engine.step();
    const fromC: TelemetrySample[] = [];
    const sub = await driver.subscribe([nodeId('C')], (s) => fromC.push(s), { sampleIntervalMs: 1000 });
    const until = engine.ticks + 30;
    while (engine.ticks < until) await new Promise((r) => setTimeout(r, 20));
    await sub.close();
    expect(fromC).toEqual([]);
  });
});
