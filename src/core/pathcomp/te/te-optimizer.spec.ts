import fc from 'fast-check';
import type { Demand } from '../../model/topology';
import { SidTable, TopologyGraph } from '../../topology';
import type { LinkInput } from '../../topology';
import { CompactGraph } from '../compact-graph';
import { buildMinMluLp } from './min-mlu-lp';
import { TeOptimizer } from './te-optimizer';

/** Connected random topologies (a ring plus chords) with demands between random node pairs. */
const instance = fc
  .record({
    n: fc.integer({ min: 3, max: 7 }),
    chords: fc.array(
      fc.record({
        a: fc.nat(6),
        b: fc.nat(6),
        w: fc.integer({ min: 1, max: 3 }),
        c: fc.integer({ min: 1, max: 4 }),
      }),
      { maxLength: 8 },
    ),
    ringWeights: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 7, maxLength: 7 }),
    demands: fc.array(fc.record({ s: fc.nat(6), t: fc.nat(6), mbps: fc.integer({ min: 1, max: 100 }) }), {
      minLength: 1,
      maxLength: 12,
    }),
  })
  .map(({ n, chords, ringWeights, demands }) => {
    const dir = (w: number, c: number) => ({ capacityMbps: 10 * c, delayUs: 1, igpMetric: w });
    const ring: LinkInput[] = Array.from({ length: n }, (_, i) => ({
      id: `r${i}`,
      a: `n${i}`,
      b: `n${(i + 1) % n}`,
      ab: dir(ringWeights[i]!, 2),
      ba: dir(ringWeights[i]!, 3),
    }));
    const extra: LinkInput[] = chords
      .map((c) => ({ ...c, a: c.a % n, b: c.b % n }))
      .filter((c) => c.a !== c.b)
      .map((c, i) => ({ id: `c${i}`, a: `n${c.a}`, b: `n${c.b}`, ab: dir(c.w, c.c), ba: dir(c.w, c.c) }));
    const topo = TopologyGraph.build({
      name: 'te',
      nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}` })),
      links: [...ring, ...extra],
    });
    const list = demands
      .map((d) => ({ from: `n${d.s % n}`, to: `n${d.t % n}`, mbps: d.mbps }))
      .filter((d) => d.from !== d.to) as Demand[];
    return { topo, demands: list };
  })
  .filter((x) => x.demands.length > 0);

type Placed = readonly { from: string; mbps: number; segments: string[] }[];

/** SR-ECMP loads recomputed from scratch: Bellman-Ford distances and a recursive even split per leg. */
function independentLoads(topo: TopologyGraph, sids: SidTable, placed: Placed): Map<string, number> {
  const load = new Map<string, number>();
  const arcs = [...topo.arcs()];
  for (const p of placed) {
    const stops = [p.from, ...p.segments.map((s) => sids.resolve(s)!.node as string)];
    for (let i = 0; i + 1 < stops.length; i++) {
      const to = stops[i + 1]!;
      const dist = new Map([...topo.nodes()].map((v) => [v.id as string, v.id === to ? 0 : Infinity]));
      for (let r = 0; r < topo.nodeCount; r++)
        for (const a of arcs) dist.set(a.from, Math.min(dist.get(a.from)!, a.igpMetric + dist.get(a.to)!));
      const push = (v: string, amount: number): void => {
        if (v === to) return;
        const hops = arcs.filter((a) => a.from === v && dist.get(v) === a.igpMetric + dist.get(a.to)!);
        for (const a of hops) {
          load.set(a.id, (load.get(a.id) ?? 0) + amount / hops.length);
          push(a.to, amount / hops.length);
        }
      };
      push(stops[i]!, p.mbps);
    }
  }
  return load;
}

function independentMlu(topo: TopologyGraph, sids: SidTable, placed: Placed): number {
  const load = independentLoads(topo, sids, placed);
  return Math.max(0, ...[...topo.arcs()].map((a) => (load.get(a.id) ?? 0) / a.capacityMbps));
}

describe('TeOptimizer', () => {
  it('reports MLUs that an independent SR-ECMP forwarding computation confirms', () => {
    fc.assert(
      fc.property(instance, fc.constantFrom(1, 2, 3), ({ topo, demands }, k) => {
        const sids = SidTable.allocate(topo);
        const res = new TeOptimizer(topo, sids).optimize(demands, { maxSegments: k });
        expect(res.mlu).toBeCloseTo(independentMlu(topo, sids, res.demands), 9);
        const ecmp = demands.map((d) => ({ ...d, segments: [sids.endSid(d.to).sid] }));
        expect(res.ecmpMlu).toBeCloseTo(independentMlu(topo, sids, ecmp), 9);
        expect(res.mlu).toBeLessThanOrEqual(res.ecmpMlu * (1 + 1e-9));
        for (const p of res.demands) {
          expect(p.segments.length).toBeLessThanOrEqual(k);
          expect(p.segments.at(-1)).toBe(sids.endSid(p.to).sid);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never does worse with more segments (K = 3 continues from K = 2, which continues from ECMP)', () => {
    fc.assert(
      fc.property(instance, ({ topo, demands }) => {
        const te = new TeOptimizer(topo, SidTable.allocate(topo));
        const [k1, k2, k3] = ([1, 2, 3] as const).map((k) => te.optimize(demands, { maxSegments: k }).mlu);
        expect(k2).toBeLessThanOrEqual(k1! * (1 + 1e-9));
        expect(k3).toBeLessThanOrEqual(k2! * (1 + 1e-9));
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(instance, ({ topo, demands }) => {
        const sids = SidTable.allocate(topo);
        const once = new TeOptimizer(topo, sids).optimize(demands, { maxSegments: 3 });
        expect(new TeOptimizer(topo, sids).optimize(demands, { maxSegments: 3 })).toEqual(once);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses an unknown node and a bad K', () => {
    const { topo } = fc.sample(instance, { seed: 1, numRuns: 1 })[0]!;
    const te = new TeOptimizer(topo, SidTable.allocate(topo));
    const codeOf = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (err) {
        return (err as { code?: string }).code;
      }
      return undefined;
    };
    expect(codeOf(() => te.optimize([{ from: 'zz', to: 'n0', mbps: 1 } as unknown as Demand]))).toBe(
      'UNKNOWN_NODE',
    );
    expect(codeOf(() => te.optimize([], { maxSegments: 4 }))).toBe('INVALID_QUERY');
  });
});

/** A reader for the LP text buildMinMluLp writes: rows of `± name` terms (and `- c U`) with a relation. */
function lpRows(text: string): { name: string; terms: Map<string, number>; rel: string; rhs: number }[] {
  const body = text.split('Subject To\n')[1]!.split('\nEnd')[0]!;
  return body.split(/\n(?= \S)/).map((chunk) => {
    const [name, rest] = chunk.trim().split(/:\s+/) as [string, string];
    const tokens = rest.split(/\s+/);
    const terms = new Map<string, number>();
    let i = 0;
    for (; tokens[i] === '+' || tokens[i] === '-';) {
      const sign = tokens[i] === '-' ? -1 : 1;
      const coef = /^[\d.]+$/.test(tokens[i + 1]!) ? Number(tokens[i + 1]) : 1;
      const skip = coef === 1 && !/^[\d.]+$/.test(tokens[i + 1]!) ? 2 : 3;
      terms.set(tokens[i + skip - 1]!, sign * coef);
      i += skip;
    }
    return { name, terms, rel: tokens[i]!, rhs: Number(tokens[i + 1]) };
  });
}

describe('buildMinMluLp', () => {
  it('accepts the ECMP routing as a feasible point at U = ECMP MLU (so its optimum is a lower bound)', () => {
    fc.assert(
      fc.property(instance, ({ topo, demands }) => {
        const sids = SidTable.allocate(topo);
        const res = new TeOptimizer(topo, sids).optimize(demands, { maxSegments: 1 });
        const model = buildMinMluLp(topo, demands);
        const rows = lpRows(model.text);
        expect(rows).toHaveLength(model.rows);
        // x<k>_<a>: `a` is the arc's number in the one compact index of the topology (CompactGraph order).
        const arcIds = CompactGraph.of(topo).arcIds as readonly string[];
        const sources = [...new Set(demands.map((d) => d.from as string))].sort();
        const value = new Map<string, number>([['U', res.ecmpMlu]]);
        sources.forEach((s, k) => {
          const own = demands
            .filter((d) => d.from === s)
            .map((d) => ({ ...d, segments: [sids.endSid(d.to).sid] }));
          const load = independentLoads(topo, sids, own);
          arcIds.forEach((id, a) => value.set(`x${k}_${a}`, load.get(id) ?? 0));
        });
        for (const r of rows) {
          let lhs = 0;
          for (const [v, c] of r.terms) lhs += c * (value.get(v) ?? 0);
          if (r.rel === '=') expect(lhs).toBeCloseTo(r.rhs, 6);
          else expect(lhs).toBeLessThanOrEqual(r.rhs + 1e-6);
        }
      }),
      { numRuns: 60 },
    );
  });
});
