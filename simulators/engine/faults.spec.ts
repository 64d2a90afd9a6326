import { arcId, nodeId } from '../../src/core/model/ids';
import type { SrPolicyJson } from '../sim-source';
import { FaultRequestError } from './fault-request';
import { FAULT_HISTORY_LIMIT, FaultRegistry } from './fault.registry';
import { SimEngine } from './sim.engine';
import { diamond } from './sim.fixtures';
import { simStateReport } from './state.report';

/** A on-ramp policy A→E through F (A C F D E), probed every tick. */
function setup(): SimEngine {
  const e = new SimEngine({ topology: diamond([{ from: 'A', to: 'E', mbps: 100 }]), seed: 8 });
  const p: SrPolicyJson = {
    name: 'viaF',
    headend: 'A',
    color: 1,
    endpoint: 'E',
    'candidate-path': [
      {
        preference: 100,
        'segment-list': [{ weight: 1, segment: [{ index: 0, sid: e.sids.endSid(nodeId('F')).sid }] }],
      },
    ],
  };
  expect(e.setPolicies('A', [p])).toEqual({ ok: true });
  run(e, 2);
  return e;
}

function run(e: SimEngine, n: number): void {
  for (let i = 0; i < n; i++) e.step();
}

const probe = (e: SimEngine) => e.probes('A')[0]!;
const iface = (e: SimEngine, ne: string, link: string) =>
  e.node(ne)!.interfaces.find((i) => i.linkId === link)!;
const link = (e: SimEngine, arc: string) => simStateReport(e).links.find((l) => l.arc === arc)!;

describe('faults', () => {
  it('link-down takes a link out and brings it back at its end time', () => {
    const e = setup();
    const f = e.addFault({ type: 'link-down', target: 'FD', durationMs: 2000 });
    run(e, 1);
    expect(link(e, 'FD#ab').status).toBe('down');
    expect(iface(e, 'F', 'FD').operUp).toBe(false);
    expect(probe(e).delayUs).toBeGreaterThan(0);
    run(e, 2);
    expect(link(e, 'FD#ab').status).toBe('up');
    expect(e.listFaults().find((x) => x.id === f.id)).toMatchObject({
      state: 'ended',
      startMs: f.startMs,
      endMs: f.startMs + 2000,
    });
  });

  it('node-down blackholes traffic through the node and downs every interface facing it', () => {
    const e = setup();
    const f = e.addFault({ type: 'node-down', target: 'D' });
    run(e, 1);
    expect(e.node('D')!.up).toBe(false);
    expect(e.node('D')!.interfaces.every((i) => !i.operUp)).toBe(true);
    expect(iface(e, 'B', 'BD').operUp).toBe(false);
    expect(e.delivered[0]).toBe(0);
    expect(probe(e).lossPct).toBe(100);
    e.endFault(f.id);
    run(e, 1);
    expect(e.node('D')!.up).toBe(true);
    expect(e.delivered[0]).toBeCloseTo(e.rates[0]!, 9);
    expect(probe(e).lossPct).toBe(0);
  });

  it('gray-loss shows in the probes while error and discard counters stay flat', () => {
    const e = setup();
    const before = e.node('D')!.interfaces.concat(e.node('F')!.interfaces);
    const f = e.addFault({ type: 'gray-loss', target: 'FD#ab', params: { percent: 20 } });
    run(e, 3);
    // The path model loses exactly 20 %; the probe session reports a binomial draw of 1,000 probes (σ ≈ 1.3 %).
    expect(e.probing.tracker.truth('A', 'viaF')!.lossPct).toBeCloseTo(20, 6);
    expect(probe(e)).toMatchObject({ probesSent: 1000, lossPct: probe(e).probesLost / 10 });
    expect(Math.abs(probe(e).lossPct - 20)).toBeLessThan(4 * 1.27);
    const after = e.node('D')!.interfaces.concat(e.node('F')!.interfaces);
    after.forEach((i, k) => {
      expect(i.inErrors).toBe(before[k]!.inErrors);
      expect(i.outDiscards).toBe(before[k]!.outDiscards);
      expect(i.inFcsErrors).toBe(before[k]!.inFcsErrors);
    });
    e.endFault(f.id);
    run(e, 1);
    expect(probe(e).lossPct).toBe(0);
  });

  it('latency adds its microseconds to the link delay and to the probe delay', () => {
    const e = setup();
    const base = probe(e).delayUs;
    const f = e.addFault({ type: 'latency', target: 'CF', params: { us: 5000 } });
    run(e, 1);
    expect(link(e, 'CF#ab').delayUs).toBeGreaterThanOrEqual(3000 + 5000);
    expect(probe(e).delayUs - base).toBeGreaterThan(4990);
    expect(probe(e).delayUs - base).toBeLessThan(5010);
    e.endFault(f.id);
    run(e, 1);
    expect(Math.abs(probe(e).delayUs - base)).toBeLessThan(10);
  });

  it('flap toggles the link every half period and leaves it up when it ends', () => {
    const e = setup();
    const events: boolean[] = [];
    e.onOperStatus((ne, _if, up) => {
      if (ne === 'A') events.push(up);
    });
    const f = e.addFault({ type: 'flap', target: 'AC', params: { periodMs: 4000 }, durationMs: 8000 });
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      e.step();
      seen.push(link(e, 'AC#ab').status);
    }
    expect(seen).toEqual(['down', 'down', 'up', 'up', 'down', 'down', 'up', 'up', 'up', 'up']);
    expect(events).toEqual([false, true, false, true]);
    expect(e.listFaults().find((x) => x.id === f.id)!.state).toBe('ended');
  });

  it('crc counts FCS errors on the receiving interface and loses those packets', () => {
    const e = setup();
    const before = iface(e, 'D', 'FD').inFcsErrors;
    const f = e.addFault({ type: 'crc', target: 'FD', params: { rate: 0.1 } });
    run(e, 2);
    const during = iface(e, 'D', 'FD');
    expect(during.inFcsErrors).toBeGreaterThan(before);
    expect(during.inErrors).toBe(during.inFcsErrors);
    expect(e.probing.tracker.truth('A', 'viaF')!.lossPct).toBeCloseTo(10, 6);
    expect(Math.abs(probe(e).lossPct - 10)).toBeLessThan(4 * 0.95);
    e.endFault(f.id);
    run(e, 1);
    const stopped = iface(e, 'D', 'FD').inFcsErrors;
    run(e, 2);
    expect(iface(e, 'D', 'FD').inFcsErrors).toBe(stopped);
  });

  it('congestion surges the demands it names until the queue drops packets', () => {
    const e = setup();
    const normal = link(e, 'AC#ab').loadMbps;
    const f = e.addFault({ type: 'congestion', target: 'CF#ab', params: { factor: 15 } });
    run(e, 1);
    expect(link(e, 'AC#ab').loadMbps).toBeGreaterThan(10 * normal);
    expect(link(e, 'CF#ab').loadMbps).toBeLessThanOrEqual(1000);
    expect(link(e, 'AC#ab').carriedMbps).toBeLessThan(1000.1);
    expect(link(e, 'AC#ab').lossPct).toBeGreaterThan(0);
    expect(iface(e, 'A', 'AC').outDiscards).toBeGreaterThan(0n);
    expect(probe(e).lossPct).toBeGreaterThan(0);
    expect(probe(e).delayUs).toBeGreaterThan(8000);
    e.endFault(f.id);
    run(e, 1);
    expect(link(e, 'AC#ab').loadMbps).toBeLessThan(2 * normal);
  });

  it('drift replaces a SID behind the controller’s back and is undone when it ends', () => {
    const e = setup();
    const original = e.policies('A')[0]!;
    const before = e.demandPaths(0).map((p) => p.arcs.join(' '));
    const f = e.addFault({
      type: 'drift',
      target: 'A/viaF',
      params: { sid: e.sids.endXSid(arcId('AB#ab')).sid },
    });
    run(e, 1);
    expect(e.policies('A')[0]!['candidate-path'][0]!['segment-list'][0]!.segment[0]!.sid).toBe(
      e.sids.endXSid(arcId('AB#ab')).sid,
    );
    expect(e.isDrifted('A', 'viaF')).toBe(true);
    expect(e.demandPaths(0).map((p) => p.arcs.join(' '))).toEqual(['AB#ab BD#ab DE#ab']);
    e.endFault(f.id);
    run(e, 1);
    expect(e.policies('A')[0]).toBe(original);
    expect(e.demandPaths(0).map((p) => p.arcs.join(' '))).toEqual(before);
    const g = e.addFault({ type: 'drift', target: 'A/viaF' });
    run(e, 1);
    expect(e.policies('A')[0]).not.toEqual(original);
    e.endFault(g.id);
    run(e, 1);
    expect(e.policies('A')[0]).toBe(original);
  });

  it('telemetry-gap silences an NE for its duration only', () => {
    const e = setup();
    e.addFault({ type: 'telemetry-gap', target: 'B', durationMs: 2000 });
    run(e, 1);
    expect(e.telemetrySilent('B')).toBe(true);
    expect(e.telemetrySilent('A')).toBe(false);
    run(e, 2);
    expect(e.telemetrySilent('B')).toBe(false);
  });

  it('rejects bad requests naming the bad field', () => {
    const e = setup();
    const field = (body: unknown): string => {
      try {
        e.addFault(body);
      } catch (err) {
        expect(err).toBeInstanceOf(FaultRequestError);
        return (err as FaultRequestError).field;
      }
      throw new Error('accepted');
    };
    expect(field({ type: 'meteor', target: 'AB' })).toBe('type');
    expect(field({ type: 'link-down', target: 'nope' })).toBe('target');
    expect(field({ type: 'node-down', target: 'AB' })).toBe('target');
    expect(field({ type: 'gray-loss', target: 'AB', params: { percent: 140 } })).toBe('params.percent');
    expect(field({ type: 'gray-loss', target: 'AB' })).toBe('params.percent');
    expect(field({ type: 'latency', target: 'AB', params: { us: 10 }, durationMs: -1 })).toBe('durationMs');
    expect(field({ type: 'drift', target: 'A/nope' })).toBe('target');
    expect(field({ type: 'drift', target: 'A/viaF', params: { sid: '::1' } })).toBe('params.sid');
    expect(field([])).toBe('body');
    expect(field({ type: 'flap', target: 'AB', params: { periodMs: 1500 } })).toBe('params.periodMs');
    expect(e.listFaults()).toEqual([]);
  });

  it('schedules future faults and reports exact start and end times', () => {
    const e = setup();
    const t0 = e.nowMs();
    const f = e.addFault({ type: 'link-down', target: 'AB', startMs: t0 + 2000, durationMs: 1000 });
    expect(f).toMatchObject({ state: 'scheduled', startMs: t0 + 2000, endMs: t0 + 3000 });
    run(e, 2);
    expect(link(e, 'AB#ab').status).toBe('up');
    expect(e.listFaults()[0]!.state).toBe('active');
    run(e, 1);
    expect(link(e, 'AB#ab').status).toBe('down');
    run(e, 1);
    expect(link(e, 'AB#ab').status).toBe('up');
    expect(e.listFaults()[0]).toMatchObject({ state: 'ended', startMs: t0 + 2000, endMs: t0 + 3000 });
  });

  it('keeps a bounded fault history', () => {
    const r = new FaultRegistry();
    const spec = {
      type: 'telemetry-gap' as const,
      target: 'A',
      resolved: { kind: 'node' as const, node: 0 },
      params: {},
    };
    for (let i = 0; i < FAULT_HISTORY_LIMIT + 50; i++) {
      const f = r.add(spec, i);
      r.advance(i);
      r.end(f.id, i + 1);
      r.advance(i + 1);
    }
    expect(r.historySize).toBe(FAULT_HISTORY_LIMIT);
    expect(r.list(0)[0]!.id).toBe('f-51');
  });
});
