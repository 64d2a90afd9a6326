import type { ArcId, NodeId } from '../model/ids';
import type { InterfacePoint, PolicyPoint } from '../telemetry';
import { diamond, endSid, nid, policy } from './__fixtures__/twin-networks';
import { LiveTwin } from './live-twin';
import { predictWhatIf } from './what-if.engine';

const ifPoint = (
  ne: string,
  outArc: string,
  t: number,
  fields: InterfacePoint['fields'],
): InterfacePoint => ({
  measurement: 'interface',
  key: `interface/${ne}/${outArc}`,
  ne: nid(ne),
  interface: outArc,
  outArc: outArc as ArcId,
  timestampMs: t,
  fields,
});
const polPoint = (ne: string, name: string, t: number, fields: PolicyPoint['fields']): PolicyPoint => ({
  measurement: 'policy',
  key: `policy/${ne}/${name}`,
  ne: nid(ne),
  policy: name,
  timestampMs: t,
  fields,
});

describe('LiveTwin', () => {
  it('reduces interface points into load, utilisation, queueing delay and last-sample time per arc', () => {
    const d = diamond();
    const twin = new LiveTwin(d.index, { sampleIntervalMs: 1000 });
    twin.applyPoint(ifPoint('n0', 'L01#ab', 5000, { outBps: 500e6 }));
    const s = twin.snapshot(5500);
    const l = s.links.find((x) => x.arc === 'L01#ab')!;
    expect(l).toMatchObject({
      loadMbps: 500,
      utilisation: 0.5,
      lastSampleMs: 5000,
      stale: false,
      status: 'up',
    });
    // propagation 100 µs + 40 × 6.4 µs × 0.5 / 0.5 queueing
    expect(l.delayUs).toBeCloseTo(356);
    expect(s.links.find((x) => x.arc === 'L02#ab')!.stale).toBe(true);
    expect(s.at).toBe(5500);
  });

  it('marks data stale after three sampling intervals and then gives no SLO verdict', () => {
    const d = diamond();
    const twin = new LiveTwin(d.index, { sampleIntervalMs: 1000 });
    twin.setPolicies([policy('p', 'n0', 'n3', [[endSid(d, 'n3')]], { maxDelayUs: 500 })]);
    twin.applyPoint(ifPoint('n0', 'L01#ab', 1000, { outBps: 1e6 }));
    twin.applyPoint(polPoint('n0', 'p', 1000, { delayUs: 400, lossPct: 0, jitterUs: 5 }));
    expect(twin.snapshot(3999).policies[0]).toMatchObject({
      sloOk: true,
      stale: false,
      delayUs: 400,
      jitterUs: 5,
    });
    expect(twin.snapshot(3999).links.find((l) => l.arc === 'L01#ab')!.stale).toBe(false);
    const late = twin.snapshot(4001);
    expect(late.policies[0]).toMatchObject({ sloOk: null, stale: true });
    expect(late.links.find((l) => l.arc === 'L01#ab')!.stale).toBe(true);
    twin.applyPoint(polPoint('n0', 'p', 4500, { delayUs: 600 }));
    expect(twin.snapshot(4600).policies[0]).toMatchObject({ sloOk: false, intent: 'intent-p' });
  });

  it('takes links down on oper-status and every arc of a down node', () => {
    const d = diamond();
    const twin = new LiveTwin(d.index, { sampleIntervalMs: 1000 });
    twin.applyPoint(ifPoint('n1', 'L13#ab', 10, { operUp: 0 }));
    expect(twin.snapshot(10).links.find((l) => l.arc === 'L13#ab')!.status).toBe('down');
    expect(twin.snapshot(10).links.find((l) => l.arc === 'L13#ba')!.status).toBe('up');
    twin.applyOperStatus('L13#ab' as ArcId, true, 20);
    expect(twin.snapshot(20).links.find((l) => l.arc === 'L13#ab')!.status).toBe('up');
    expect(twin.snapshot(20).nodes.find((n) => n.id === 'n2')!.status).toBe('unknown');
    twin.applyNodeStatus('n2' as NodeId, 'down', 30);
    const s = twin.snapshot(30);
    expect(s.nodes.find((n) => n.id === 'n2')!.status).toBe('down');
    expect(
      s.links
        .filter((l) => l.status === 'down')
        .map((l) => l.arc)
        .sort(),
    ).toEqual(['L02#ab', 'L02#ba', 'L23#ab', 'L23#ba'].sort());
    twin.applyPoint({ measurement: 'node', key: 'node/n2', ne: nid('n2'), timestampMs: 40, fields: {} });
    expect(twin.snapshot(40).links.every((l) => l.status === 'up')).toBe(true);
  });

  it('learns a per-arc delay correction from probes so the predicted path delay meets the measured one', () => {
    const d = diamond();
    const twin = new LiveTwin(d.index, { sampleIntervalMs: 1000 });
    const pol = policy('p', 'n0', 'n3', [[endSid(d, 'n4'), endSid(d, 'n3')]]);
    twin.setPolicies([pol]);
    for (let t = 0; t < 40; t++) twin.applyPoint(polPoint('n0', 'p', t * 1000, { delayUs: 5200 }));
    const base = twin.base();
    expect(predictWhatIf(d.index, base, {}).intents[0]!.delayUs).toBeCloseTo(5200, 0);
    // The +5000 µs is spread over the policy's two arcs, not put on arcs it does not cross.
    const links = twin.snapshot(40_000).links;
    expect(links.find((l) => l.arc === 'L04#ab')!.delayUs).toBeCloseTo(2600, 0);
    expect(links.find((l) => l.arc === 'L01#ab')!.delayUs).toBeCloseTo(100);
  });

  it('hands the what-if engine its live state: a down link stays down in the base', () => {
    const d = diamond();
    const twin = new LiveTwin(d.index, { sampleIntervalMs: 1000 });
    twin.setDemands([{ from: nid('n0'), to: nid('n3'), mbps: 100, estimated: true }]);
    twin.applyOperStatus('L13#ab' as ArcId, false, 1);
    const b1 = twin.base();
    expect(twin.base()).toBe(b1);
    const r = predictWhatIf(d.index, b1, {});
    expect(r.links.find((l) => l.arc === 'L02#ab')!.loadMbps).toBeCloseTo(100);
    expect(twin.snapshot(1).demands).toEqual({ count: 1, estimated: 1 });
  });

  it('ignores a reordered older point and takes loss from drop and error counters when it has them', () => {
    const d = diamond();
    const twin = new LiveTwin(d.index, { sampleIntervalMs: 1000 });
    twin.applyPoint(ifPoint('n0', 'L01#ab', 2000, { outBps: 300e6, outPps: 1000, outDiscardsPs: 10 }));
    twin.applyPoint(ifPoint('n0', 'L01#ab', 1000, { outBps: 900e6, operUp: 0 }));
    const l = twin.snapshot(2000).links.find((x) => x.arc === 'L01#ab')!;
    expect(l).toMatchObject({ loadMbps: 300, status: 'up', lastSampleMs: 2000, discardsPs: 10 });
    expect(l.lossPct).toBeCloseTo(1);
    expect(twin.snapshot(2000).links.find((x) => x.arc === 'L02#ab')!.lossPct).toBe(0);
  });
});
