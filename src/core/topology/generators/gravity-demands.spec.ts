import fc from 'fast-check';
import { TopologyGraph } from '..';
import type { DemandInput, TopologyInput } from '..';
import { GeneratorError, TOPOLOGY_KINDS, generateTopology, gravityDemands } from '.';
import type { MassModel } from '.';

const total = (ds: readonly DemandInput[]): number => ds.reduce((s, d) => s + d.mbps, 0);
const topo = (nodes: number, seed = 1, kind: (typeof TOPOLOGY_KINDS)[number] = 'waxman'): TopologyInput =>
  generateTopology(kind, { nodes, seed });

describe('gravityDemands', () => {
  it('adds up to the requested total (within rounding), never from a node to itself', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TOPOLOGY_KINDS),
        fc.integer({ min: 5, max: 150 }),
        fc.nat(),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.constantFrom<MassModel>('random', 'degree', 'capacity'),
        fc.integer({ min: 1, max: 3000 }),
        (kind, nodes, seed, totalMbps, masses, maxDemands) => {
          const t = generateTopology(kind, { nodes, seed });
          const ds = gravityDemands(t, { seed, totalMbps, masses, maxDemands });
          expect(Math.abs(total(ds) - totalMbps)).toBeLessThanOrEqual(0.0005 + 1e-9 * totalMbps);
          const ids = new Set(t.nodes.map((n) => n.id));
          expect(
            ds.filter((d) => d.from === d.to || !ids.has(d.from) || !ids.has(d.to) || !(d.mbps > 0)),
          ).toEqual([]);
          expect(new Set(ds.map((d) => `${d.from}>${d.to}`)).size).toBe(ds.length);
          expect(ds.length).toBeLessThanOrEqual(Math.max(maxDemands, 0));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is deterministic for a seed and changes with it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 60 }), fc.nat(), (nodes, seed) => {
        const t = topo(nodes, seed);
        const once = JSON.stringify(gravityDemands(t, { seed }));
        expect(JSON.stringify(gravityDemands(t, { seed }))).toBe(once);
        expect(JSON.stringify(gravityDemands(t, { seed: seed + 1 }))).not.toBe(once);
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same demands for the input and its built graph', () => {
    const t = topo(40, 9, 'isp');
    expect(gravityDemands(TopologyGraph.build(t), { seed: 3, masses: 'capacity' })).toEqual(
      gravityDemands(t, { seed: 3, masses: 'capacity' }),
    );
  });

  it('is a gravity model: without noise, rates are proportional to the product of masses', () => {
    const t = topo(12, 4);
    const degree = new Map(t.nodes.map((n) => [n.id, 0]));
    for (const l of t.links) for (const e of [l.a, l.b]) degree.set(e, degree.get(e)! + 1);
    const ds = gravityDemands(t, { seed: 1, masses: 'degree', noise: 0, totalMbps: 1e6 });
    expect(ds).toHaveLength(12 * 11);
    const unit =
      1e6 / [...degree.values()].reduce((s, a, i, all) => s + a * (all.reduce((x, b) => x + b, 0) - a), 0);
    for (const d of ds) expect(d.mbps).toBeCloseTo(unit * degree.get(d.from)! * degree.get(d.to)!, 2);
  });

  it('uses only PEs as endpoints when there are PEs, and samples large matrices', () => {
    const t = topo(400, 2, 'isp');
    const pes = new Set(t.nodes.filter((n) => n.role === 'pe').map((n) => n.id));
    const ds = gravityDemands(t, { seed: 8, maxDemands: 500 });
    expect(ds.length).toBeGreaterThan(300);
    expect(ds.length).toBeLessThanOrEqual(500);
    for (const d of ds) expect(pes.has(d.from) && pes.has(d.to)).toBe(true);
  });

  it('offers scale × the total one-way capacity when no total is given', () => {
    const t = topo(30, 6);
    const capacity = t.links.reduce((s, l) => s + l.ab.capacityMbps, 0);
    expect(total(gravityDemands(t, { seed: 1 }))).toBeCloseTo(0.05 * capacity, 2);
    expect(total(gravityDemands(t, { seed: 1, scale: 0.2 }))).toBeCloseTo(0.2 * capacity, 2);
  });

  it('is what generateTopology attaches with demands: true, and the result still builds', () => {
    const t = generateTopology('isp', { nodes: 60, seed: 12, demands: { totalMbps: 5000 } });
    expect(t.demands).toEqual(gravityDemands({ ...t, demands: [] }, { seed: 12, totalMbps: 5000 }));
    expect(TopologyGraph.build(t).demands.length).toBe(t.demands!.length);
  });

  it('refuses contradictory or out-of-range options', () => {
    const t = topo(10);
    const bad = [
      { seed: 1, totalMbps: 10, scale: 0.1 },
      { seed: 1, totalMbps: -1 },
      { seed: 1, maxDemands: 0 },
      { seed: 1, noise: -0.1 },
      { seed: 1.5 },
      { seed: 1, masses: 'size' as MassModel },
      { seed: 1, total: 5 } as never,
    ];
    for (const options of bad) expect(() => gravityDemands(t, options)).toThrow(GeneratorError);
  });
});
