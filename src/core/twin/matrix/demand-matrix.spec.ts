import fc from 'fast-check';
import type { NodeId } from '../../model/ids';
import { diamond, endSid, link, net, nid, policy } from '../__fixtures__/twin-networks';
import type { Net } from '../__fixtures__/twin-networks';
import { predictWhatIf, whatIfBase } from '../index';
import type { DemandEntry, TwinPolicy } from '../index';
import { buildDemandMatrix } from './index';

/** Arc loads the twin's forwarding gives a demand set (index order). */
function loadsOf(n: Net, demands: DemandEntry[], policies: TwinPolicy[] = []): Float64Array {
  const res = predictWhatIf(n.index, whatIfBase(n.index, { demands, policies }), {});
  const out = new Float64Array(n.index.g.m);
  res.links.forEach((l) => (out[n.index.g.arc(l.arc)!] = l.loadMbps));
  return out;
}

const cell = (from: string, to: string, mbps: number): DemandEntry => ({
  from: nid(from),
  to: nid(to),
  mbps,
  estimated: false,
});

const all = (n: Net): Set<NodeId> => new Set(n.index.g.nodeIds);

describe('buildDemandMatrix', () => {
  it('takes a fully measured matrix exactly as reported, policy traffic on its policy', () => {
    const n = diamond();
    const pol = policy('p1', 'n0', 'n3', [[endSid(n, 'n4'), endSid(n, 'n3')]]);
    const truth = [
      cell('n0', 'n3', 100),
      cell('n1', 'n2', 40),
      { ...cell('n0', 'n3', 250), policy: { headend: nid('n0'), name: 'p1' } },
    ];
    const m = buildDemandMatrix(n.index, {
      measured: {
        policies: [{ headend: nid('n0'), policy: 'p1', mbps: 250 }],
        destinations: [
          { from: nid('n0'), to: nid('n3'), mbps: 100 },
          { from: nid('n1'), to: nid('n2'), mbps: 40 },
        ],
      },
      policies: [pol],
      reportingHeadends: all(n),
      linkLoadMbps: loadsOf(n, truth, [pol]),
    });
    expect(m.estimated).toBe(0);
    expect(m.measured).toBe(3);
    expect(m.demands.every((d) => !d.estimated)).toBe(true);
    expect(m.demands).toContainEqual({ ...truth[2]!, estimated: false });
    expect(m.fitRmsMbps).toBeLessThan(1e-9);
  });

  it('recovers an identifiable silent headend exactly (a star: every demand has its own link)', () => {
    // n0 is SNMP-only; n0 — n1, n0 — n2, n0 — n3: each destination's demand is the load of one arc.
    const n = net(4, [link('L1', 'n0', 'n1'), link('L2', 'n0', 'n2'), link('L3', 'n0', 'n3')]);
    const truth = [cell('n0', 'n1', 70), cell('n0', 'n2', 20), cell('n0', 'n3', 5), cell('n1', 'n2', 30)];
    const reporting = new Set([nid('n1'), nid('n2'), nid('n3')]);
    const m = buildDemandMatrix(n.index, {
      measured: { policies: [], destinations: [{ from: nid('n1'), to: nid('n2'), mbps: 30 }] },
      policies: [],
      reportingHeadends: reporting,
      linkLoadMbps: loadsOf(n, truth),
    });
    const est = m.demands.filter((d) => d.estimated);
    expect(est.every((d) => d.from === 'n0')).toBe(true);
    for (const t of truth.slice(0, 3)) {
      const got = est.find((d) => d.to === t.to)?.mbps ?? 0;
      expect(Math.abs(got - t.mbps)).toBeLessThan(1e-6 * t.mbps + 1e-6);
    }
    expect(m.estimated).toBe(3);
  });

  it('property: estimates are non-negative, fit the measured loads and stay near the truth on a ring', () => {
    // Ring of 6 with chords; two silent headends with gravity-like demands.
    const n = net(6, [
      link('L01', 'n0', 'n1'),
      link('L12', 'n1', 'n2'),
      link('L23', 'n2', 'n3'),
      link('L34', 'n3', 'n4'),
      link('L45', 'n4', 'n5'),
      link('L50', 'n5', 'n0'),
      link('L03', 'n0', 'n3', { igp: 25 }),
    ]);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (w) => {
          const truth: DemandEntry[] = [];
          for (let s = 0; s < 6; s++)
            for (let d = 0; d < 6; d++) if (s !== d) truth.push(cell(`n${s}`, `n${d}`, (w[s]! * w[d]!) / 20));
          const silent = new Set(['n0', 'n3']);
          const m = buildDemandMatrix(n.index, {
            measured: {
              policies: [],
              destinations: truth
                .filter((t) => !silent.has(t.from))
                .map((t) => ({ from: t.from, to: t.to, mbps: t.mbps })),
            },
            policies: [],
            reportingHeadends: new Set([...all(n)].filter((x) => !silent.has(x))),
            linkLoadMbps: loadsOf(n, truth),
          });
          const est = m.demands.filter((d) => d.estimated);
          expect(est.every((d) => d.mbps >= 0 && silent.has(d.from))).toBe(true);
          const total = truth.filter((t) => silent.has(t.from)).reduce((s, t) => s + t.mbps, 0);
          const err = truth
            .filter((t) => silent.has(t.from))
            .reduce(
              (s, t) =>
                s + Math.abs((est.find((e) => e.from === t.from && e.to === t.to)?.mbps ?? 0) - t.mbps),
              0,
            );
          // Loads are reproduced closely; the split of the silent demands is within 35 % (L1) of the truth.
          const scale = Math.max(...loadsOf(n, truth));
          expect(m.fitRmsMbps).toBeLessThan(0.02 * scale);
          expect(err / total).toBeLessThan(0.35);
        },
      ),
      { numRuns: 40 },
    );
  });
});
