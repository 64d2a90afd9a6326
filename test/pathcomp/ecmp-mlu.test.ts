import { join } from 'node:path';
import fc from 'fast-check';
import { GlpsolLpSolver } from '../../src/adapters/lp/glpsol.solver';
import { minMluLowerBound } from '../../src/cli/commands/optimize.command';
import { loadDemands, loadTopology } from '../../src/cli/load-topology';
import { main } from '../../src/cli/main';
import { TeOptimizer } from '../../src/core/pathcomp';
import { SidTable, TopologyGraph } from '../../src/core/topology';
import type { Demand } from '../../src/core/model/topology';

/**
 * Regression against the ECMP MLU that SOURCES.md lists for the REPETITA .0000 matrices (computed there by an
 * independent script, cross-checked by a second implementation): capacity = bw, weights = igp, even split.
 * Then the LP lower bound (real glpsol, Debian glpk-utils) against the SR placements on the same instances.
 */
const ZOO = join(__dirname, '../../../shared/topologies/repetita/2016TopologyZooUCL_inverseCapacity');
const INSTANCES: [string, number][] = [
  ['Abilene', 1.277],
  ['Nsfnet', 1.451],
  ['Sprint', 1.491],
];

function load(name: string) {
  const topology = loadTopology(join(ZOO, `${name}.graph`), 'repetita');
  const demands = loadDemands(join(ZOO, `${name}.0000.demands`), topology);
  return { topology, demands, te: new TeOptimizer(topology, SidTable.allocate(topology)) };
}

describe('ECMP MLU on REPETITA instances', () => {
  it.each(INSTANCES)('%s .0000 has ECMP MLU %d', (name, expected) => {
    const { demands, te } = load(name);
    const result = te.optimize(demands, { maxSegments: 1 });
    expect(result.ecmpMlu.toFixed(3)).toBe(expected.toFixed(3));
    expect(result.mlu).toBe(result.ecmpMlu);
  });
});

describe('LP lower bound (glpsol) on REPETITA instances', () => {
  const solver = new GlpsolLpSolver();

  it('finds glpsol installed (Debian glpk-utils)', async () => {
    await expect(solver.available()).resolves.toBe(true);
  });

  it.each(INSTANCES)('%s: bound <= SR MLU (K = 2, 3) <= ECMP MLU', async (name) => {
    const { topology, demands, te } = load(name);
    const bound = await minMluLowerBound(topology, demands, solver, 60);
    expect(bound.reason).toBeUndefined();
    const lb = bound.value!;
    expect(lb).toBeGreaterThan(0);
    for (const k of [2, 3]) {
      const r = te.optimize(demands, { maxSegments: k });
      expect(lb).toBeLessThanOrEqual(r.mlu * (1 + 1e-6));
      expect(r.mlu).toBeLessThanOrEqual(r.ecmpMlu);
    }
  });

  it('bound <= SR MLU on random small networks (property, real glpsol)', async () => {
    const net = fc.record({
      n: fc.integer({ min: 3, max: 7 }),
      chords: fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.integer({ min: 1, max: 3 })), { maxLength: 6 }),
      demands: fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.integer({ min: 1, max: 50 })), {
        minLength: 1,
        maxLength: 10,
      }),
    });
    await fc.assert(
      fc.asyncProperty(net, async ({ n, chords, demands }) => {
        const dir = (w: number) => ({ capacityMbps: 10 * w, delayUs: 1, igpMetric: w });
        const links = [
          ...Array.from({ length: n }, (_, i) => ({
            id: `r${i}`,
            a: `n${i}`,
            b: `n${(i + 1) % n}`,
            ab: dir(1),
            ba: dir(2),
          })),
          ...chords
            .filter(([a, b]) => a % n !== b % n)
            .map(([a, b, w], i) => ({ id: `c${i}`, a: `n${a % n}`, b: `n${b % n}`, ab: dir(w), ba: dir(w) })),
        ];
        const topology = TopologyGraph.build({
          name: 'p',
          nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}` })),
          links,
        });
        const list = demands
          .filter(([s, t]) => s % n !== t % n)
          .map(([s, t, mbps]) => ({ from: `n${s % n}`, to: `n${t % n}`, mbps }) as Demand);
        fc.pre(list.length > 0);
        const bound = await minMluLowerBound(topology, list, solver, 30);
        const te = new TeOptimizer(topology, SidTable.allocate(topology));
        for (const k of [1, 2, 3])
          expect(bound.value!).toBeLessThanOrEqual(te.optimize(list, { maxSegments: k }).mlu * (1 + 1e-6));
      }),
      { numRuns: 25 },
    );
  });

  it('gives no bound, with a reason, when the solver binary is missing', async () => {
    const { topology, demands } = load('Abilene');
    const bound = await minMluLowerBound(topology, demands, new GlpsolLpSolver('/nonexistent/glpsol'));
    expect(bound.value).toBeNull();
    expect(bound.reason).toMatch(/glpk-utils/);
  });

  it('reports a non-optimal LP instead of a bound', async () => {
    const { topology } = load('Abilene');
    const nodes = [...topology.nodes()].map((n) => n.id);
    const bound = await minMluLowerBound(topology, [{ from: nodes[0]!, to: nodes[1]!, mbps: 1 }], {
      available: () => Promise.resolve(true),
      solve: () => Promise.resolve({ format: 'glpk-raw', text: 's bas 3 3 u u 0\n', seconds: 0 }),
    });
    expect(bound.value).toBeNull();
    expect(bound.reason).toContain('undefined');
  });
});

describe('autonet optimize --json', () => {
  it('prints exactly {mlu, ecmpMlu, lowerBound, demands[{from,to,mbps,segments}]}', async () => {
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const args = ['--topology', join(ZOO, 'Nsfnet.graph'), '--demands', join(ZOO, 'Nsfnet.0000.demands')];
    const code = await main(['optimize', ...args, '--max-segments', '2', '--json']).finally(() =>
      spy.mockRestore(),
    );
    expect(code).toBe(0);
    const report = JSON.parse(out.join('')) as {
      mlu: number;
      ecmpMlu: number;
      lowerBound: number;
      demands: { from: string; to: string; mbps: number; segments: string[] }[];
    };
    expect(Object.keys(report)).toEqual(['mlu', 'ecmpMlu', 'lowerBound', 'demands']);
    const { demands, te } = load('Nsfnet');
    expect(report.mlu).toBe(te.optimize(demands, { maxSegments: 2 }).mlu);
    expect(report.ecmpMlu.toFixed(3)).toBe('1.451');
    expect(report.lowerBound).toBeLessThanOrEqual(report.mlu);
    expect(report.demands).toHaveLength(demands.length);
    for (const d of report.demands) {
      expect(Object.keys(d)).toEqual(['from', 'to', 'mbps', 'segments']);
      expect(d.segments.length).toBeGreaterThanOrEqual(1);
      expect(d.segments.length).toBeLessThanOrEqual(2);
    }
  });
});

describe('autonet optimize on a topology without demands', () => {
  const abilene = join(__dirname, '../../topology/abilene.json');
  const capture = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const o = jest.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
    const e = jest.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
    const code = await main(['optimize', '--topology', abilene, ...args]).finally(() => {
      o.mockRestore();
      e.mockRestore();
    });
    return { code, out, err };
  };

  it('refuses, naming --demands and --gravity, instead of printing MLU 0', async () => {
    const r = await capture(['--json']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/has no demands: .*--demands FILE.*--gravity/);
  });

  it('places seeded gravity demands with --gravity', async () => {
    const r = await capture(['--gravity', '0.1', '--lp-time-limit', '30', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { mlu: number; demands: unknown[] };
    expect(report.demands.length).toBeGreaterThan(10);
    expect(report.mlu).toBeGreaterThan(0);
  });
});
