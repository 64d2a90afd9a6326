import { NotFoundError, UnknownLinkError } from '../errors';
import { diamond, endSid, endXSid, link, net, nid, policy } from './__fixtures__/twin-networks';
import { predictWhatIf, scanN1 } from './what-if.engine';
import { whatIfBase } from './what-if-base';
import type { LinkState, WhatIfResult } from './twin-types';

const load = (r: WhatIfResult, arc: string): LinkState => r.links.find((l) => l.arc === arc)!;

describe('predictWhatIf forwarding', () => {
  it('splits IGP traffic evenly over the two equal-cost paths of a diamond', () => {
    const d = diamond();
    const base = whatIfBase(d.index, {
      demands: [{ from: nid('n0'), to: nid('n3'), mbps: 100, estimated: false }],
    });
    const r = predictWhatIf(d.index, base, {});
    expect(load(r, 'L01#ab').loadMbps).toBeCloseTo(50);
    expect(load(r, 'L02#ab').loadMbps).toBeCloseTo(50);
    expect(load(r, 'L13#ab').loadMbps).toBeCloseTo(50);
    expect(load(r, 'L23#ab').loadMbps).toBeCloseTo(50);
    expect(load(r, 'L04#ab').loadMbps).toBe(0);
    expect(r.maxUtilisation).toBeCloseTo(0.05);
  });

  it('moves all traffic to the surviving branch when one fails, and to the detour when both do', () => {
    const d = diamond();
    const base = whatIfBase(d.index, {
      demands: [{ from: nid('n0'), to: nid('n3'), mbps: 100, estimated: false }],
    });
    const one = predictWhatIf(d.index, base, { failLinks: ['L13' as never] });
    expect(load(one, 'L02#ab').loadMbps).toBeCloseTo(100);
    expect(load(one, 'L01#ab').loadMbps).toBe(0);
    expect(load(one, 'L13#ab').status).toBe('down');
    const both = predictWhatIf(d.index, base, { failLinks: ['L13' as never, 'L23' as never] });
    expect(load(both, 'L04#ab').loadMbps).toBeCloseTo(100);
    expect(load(both, 'L43#ab').loadMbps).toBeCloseTo(100);
    expect(both.changed.some((c) => c.arc === 'L04#ab' && c.field === 'utilisation')).toBe(true);
  });

  it('counts parallel links as separate next hops', () => {
    const p = net(3, [
      link('A', 'n0', 'n1'),
      link('B', 'n0', 'n1'),
      link('C', 'n0', 'n1'),
      link('D', 'n1', 'n2'),
    ]);
    const base = whatIfBase(p.index, {
      demands: [{ from: nid('n0'), to: nid('n2'), mbps: 90, estimated: false }],
    });
    const r = predictWhatIf(p.index, base, {});
    for (const id of ['A#ab', 'B#ab', 'C#ab']) expect(load(r, id).loadMbps).toBeCloseTo(30);
    const f = predictWhatIf(p.index, base, { failLinks: ['A' as never] });
    expect(load(f, 'B#ab').loadMbps).toBeCloseTo(45);
  });

  it('steers a demand into its policy, falls back to the next candidate path, then to IGP', () => {
    const d = diamond();
    const pol = policy('p', 'n0', 'n3', [
      [endSid(d, 'n4'), endXSid(d, 'L43#ab')],
      [endXSid(d, 'L01#ab'), endSid(d, 'n3')],
    ]);
    const demands = [
      {
        from: nid('n0'),
        to: nid('n3'),
        mbps: 100,
        policy: { headend: nid('n0'), name: 'p' },
        estimated: false,
      },
    ];
    const base = whatIfBase(d.index, { policies: [pol], demands });
    const now = predictWhatIf(d.index, base, {});
    expect(load(now, 'L04#ab').loadMbps).toBeCloseTo(100);
    expect(now.intents[0]!.activePath).toBe(200);
    const cp2 = predictWhatIf(d.index, base, { failLinks: ['L43' as never] });
    expect(cp2.intents[0]!.activePath).toBe(190);
    expect(load(cp2, 'L01#ab').loadMbps).toBeCloseTo(100);
    expect(load(cp2, 'L13#ab').loadMbps).toBeCloseTo(100);
    expect(load(cp2, 'L23#ab').loadMbps).toBe(0);
    const igp = predictWhatIf(d.index, base, { failLinks: ['L43' as never, 'L01' as never] });
    expect(igp.intents[0]!.activePath).toBe('igp');
    expect(load(igp, 'L02#ab').loadMbps).toBeCloseTo(100);
    expect(igp.changed).toContainEqual(
      expect.objectContaining({ policy: 'n0/p', field: 'activePath', after: 'igp' }),
    );
  });

  it('reports a reachability violation when nothing reaches the endpoint', () => {
    const d = diamond();
    const base = whatIfBase(d.index, { policies: [policy('p', 'n0', 'n3', [[endSid(d, 'n3')]])] });
    const r = predictWhatIf(d.index, base, { failNodes: [nid('n3')] });
    expect(r.intents[0]).toMatchObject({ sloOk: false, delayUs: null, activePath: null });
    expect(r.intents[0]!.violations[0]!.slo).toBe('reachability');
  });

  it('fails every link of an SRLG', () => {
    const d = net(4, [
      link('a', 'n0', 'n1', { srlgs: [7] }),
      link('b', 'n1', 'n3', { srlgs: [7] }),
      link('c', 'n0', 'n2', { igp: 20 }),
      link('e', 'n2', 'n3', { igp: 20 }),
    ]);
    const base = whatIfBase(d.index, {
      demands: [{ from: nid('n0'), to: nid('n3'), mbps: 10, estimated: false }],
    });
    const r = predictWhatIf(d.index, base, { failSrlgs: [7] });
    expect(load(r, 'a#ab').status).toBe('down');
    expect(load(r, 'b#ab').status).toBe('down');
    expect(load(r, 'c#ab').loadMbps).toBeCloseTo(10);
  });

  it('predicts delay from propagation and queueing, and flags an SLO the surge breaks', () => {
    const d = diamond();
    const pol = policy('p', 'n0', 'n3', [[endSid(d, 'n3')]], { maxDelayUs: 1000, maxLossPct: 1 });
    const demands = [
      {
        from: nid('n0'),
        to: nid('n3'),
        mbps: 1000,
        policy: { headend: nid('n0'), name: 'p' },
        estimated: false,
      },
    ];
    const base = whatIfBase(d.index, { policies: [pol], demands });
    const now = predictWhatIf(d.index, base, {});
    expect(now.intents[0]!.sloOk).toBe(true);
    expect(now.intents[0]!.delayUs!).toBeGreaterThan(200);
    const surge = predictWhatIf(d.index, base, { demandScale: 2.5 });
    expect(surge.intents[0]!.sloOk).toBe(false);
    expect(surge.intents[0]!.violations.map((v) => v.slo).sort()).toEqual(['maxDelayUs', 'maxLossPct']);
    expect(surge.maxUtilisation).toBeCloseTo(1.25);
  });

  it('adds a policy with its bandwidth as demand, removes one back to IGP, and changes IGP metrics', () => {
    const d = diamond();
    const base = whatIfBase(d.index, {
      demands: [{ from: nid('n0'), to: nid('n3'), mbps: 100, estimated: false }],
    });
    const added = predictWhatIf(d.index, base, {
      addPolicies: [policy('q', 'n0', 'n3', [[endSid(d, 'n4')]], { bandwidthMbps: 40 })],
    });
    expect(load(added, 'L04#ab').loadMbps).toBeCloseTo(40);
    expect(load(added, 'L43#ab').loadMbps).toBeCloseTo(40);
    const metric = predictWhatIf(d.index, base, { igpMetrics: [{ arc: 'L02#ab' as never, metric: 50 }] });
    expect(load(metric, 'L01#ab').loadMbps).toBeCloseTo(100);
    expect(() => predictWhatIf(d.index, base, { failLinks: ['nope' as never] })).toThrow(UnknownLinkError);
    expect(() =>
      predictWhatIf(d.index, base, { removePolicies: [{ headend: nid('n0'), name: 'x' }] }),
    ).toThrow(NotFoundError);
  });

  it('returns the same loads for the base when asked twice and after an unrelated scenario', () => {
    const d = diamond();
    const base = whatIfBase(d.index, {
      demands: [{ from: nid('n0'), to: nid('n3'), mbps: 100, estimated: false }],
    });
    const a = predictWhatIf(d.index, base, {});
    predictWhatIf(d.index, base, { failLinks: ['L13' as never] });
    expect(predictWhatIf(d.index, base, {}).links).toEqual(a.links);
  });
});

describe('scanN1', () => {
  it('lists, per link, the max utilisation and the intents it breaks', () => {
    const d = diamond();
    const pol = policy('p', 'n0', 'n3', [[endSid(d, 'n3')]], { maxDelayUs: 1000 });
    const demands = [
      {
        from: nid('n0'),
        to: nid('n3'),
        mbps: 800,
        policy: { headend: nid('n0'), name: 'p' },
        estimated: false,
      },
    ];
    const base = whatIfBase(d.index, { policies: [pol], demands });
    const out = scanN1(d.index, base);
    const byLink = new Map(out.map((o) => [o.link, o]));
    expect(out).toHaveLength(6);
    expect(byLink.get('L13' as never)!.maxUtilisation).toBeCloseTo(0.8);
    expect(byLink.get('L13' as never)!.brokenIntents).toEqual(['intent-p']);
    expect(byLink.get('L04' as never)!.brokenIntents).toEqual([]);
    expect(byLink.get('L04' as never)!.maxUtilisation).toBeCloseTo(0.4);
  });
});
