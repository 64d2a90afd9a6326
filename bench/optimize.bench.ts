/**
 * Global TE benchmark on the REPETITA instances (../shared/topologies/repetita, matrix .0000 or the single
 * DEFO matrix): MLU with K = 2 and K = 3 segments vs plain ECMP vs the LP lower bound (fractional
 * multi-commodity flow, glpsol), with the time per instance. Goal: median MLU within 5% of the LP bound, K ≤ 2.
 *
 * Run: npx tsc -p tsconfig.build.json && node dist/bench/optimize.bench.js [--only A,B] [--lp-time-limit S]
 *      [--skip-lp-over-nodes N] [--k3-max-nodes N] [--topologies DIR]
 * Prints JSON to stdout and writes bench/results/optimize.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { GlpsolLpSolver } from '../src/adapters/lp/glpsol.solver';
import { minMluLowerBound } from '../src/cli/commands/optimize.command';
import { loadDemands, loadTopology } from '../src/cli/load-topology';
import { TeOptimizer } from '../src/core/pathcomp';
import { SidTable } from '../src/core/topology';

const INSTANCES: readonly (readonly [string, string])[] = [
  ['2016TopologyZooUCL_inverseCapacity/Abilene', '.0000'],
  ['2016TopologyZooUCL_inverseCapacity/Sprint', '.0000'],
  ['2016TopologyZooUCL_inverseCapacity/Nsfnet', '.0000'],
  ['2016TopologyZooUCL_inverseCapacity/AttMpls', '.0000'],
  ['2016TopologyZooUCL_inverseCapacity/Janetbackbone', '.0000'],
  ['2016TopologyZooUCL_inverseCapacity/Geant2012', '.0000'],
  ['2016TopologyZooUCL_inverseCapacity/Dfn', '.0000'],
  ['2016TopologyZooUCL_inverseCapacity/Uninett2011', '.0000'],
  ['2016TopologyZooUCL_inverseCapacity/GtsCe', '.0000'],
  ['2016TopologyZooUCL_inverseCapacity/Cogentco', '.0000'],
  ['2015DEFO/synth50_opt_hard', ''],
  ['2015DEFO/rf3967_real_hard', ''],
  ['2015DEFO/rf1755_real_hard', ''],
  ['2015DEFO/synth100_opt_hard', ''],
  ['2015DEFO/rf1221_real_hard', ''],
  ['2015DEFO/rf6461_real_hard', ''],
  ['2015DEFO/synth200_unary_hard', ''],
  ['2015DEFO/rf1239_real_hard', ''],
];

interface Args {
  only?: string[];
  lpTimeLimit: number;
  skipLpOverNodes: number;
  k3MaxNodes: number;
  topologies: string;
}

function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return process.cwd();
}

function parseArgs(argv: readonly string[], root: string): Args {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = value('--only');
  return {
    ...(only !== undefined && { only: only.split(',') }),
    lpTimeLimit: Number(value('--lp-time-limit') ?? 240),
    skipLpOverNodes: Number(value('--skip-lp-over-nodes') ?? 250),
    k3MaxNodes: Number(value('--k3-max-nodes') ?? 120),
    topologies: value('--topologies') ?? join(root, '../shared/topologies/repetita'),
  };
}

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const round = (x: number | null, digits = 4): number | null =>
  x === null ? null : Number(x.toFixed(digits));

async function runInstance(path: string, suffix: string, args: Args): Promise<Record<string, unknown>> {
  const name = path.split('/').pop()!;
  const loadStart = process.hrtime.bigint();
  const topology = loadTopology(join(args.topologies, `${path}.graph`), 'repetita');
  const demands = loadDemands(join(args.topologies, `${path}${suffix}.demands`), topology);
  const loadSeconds = seconds(loadStart);
  const te = new TeOptimizer(topology, SidTable.allocate(topology));
  const runs: Record<string, unknown> = {};
  let ecmpMlu = 0;
  const mlus: Record<number, number> = {};
  for (const k of [2, 3] as const) {
    if (k === 3 && topology.nodeCount > args.k3MaxNodes) {
      runs.k3 = { skipped: `more than ${args.k3MaxNodes} nodes (time)` };
      continue;
    }
    const start = process.hrtime.bigint();
    const r = te.optimize(demands, { maxSegments: k });
    ecmpMlu = r.ecmpMlu;
    mlus[k] = r.mlu;
    const steered = r.demands.filter((d) => d.waypoints.length > 0).length;
    runs[`k${k}`] = {
      mlu: round(r.mlu),
      seconds: round(seconds(start), 3),
      moves: r.iterations,
      converged: r.converged,
      steered,
    };
  }
  let bound: { value: number | null; seconds: number; reason?: string };
  if (topology.nodeCount > args.skipLpOverNodes) {
    bound = { value: null, seconds: 0, reason: `LP skipped: more than ${args.skipLpOverNodes} nodes` };
  } else {
    bound = await minMluLowerBound(topology, demands, new GlpsolLpSolver(), args.lpTimeLimit);
  }
  const gap = (k: number): number | null =>
    bound.value === null || mlus[k] === undefined ? null : round(mlus[k] / bound.value - 1);
  return {
    instance: `${path}${suffix}`,
    name,
    nodes: topology.nodeCount,
    arcs: topology.arcCount,
    demands: demands.length,
    loadSeconds: round(loadSeconds, 3),
    ecmpMlu: round(ecmpMlu),
    ...runs,
    lowerBound: round(bound.value),
    lpSeconds: round(bound.seconds, 2),
    ...(bound.reason !== undefined && { lpNote: bound.reason }),
    gapK2: gap(2),
    gapK3: gap(3),
  };
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const args = parseArgs(process.argv.slice(2), root);
  const results: Record<string, unknown>[] = [];
  for (const [path, suffix] of INSTANCES) {
    if (args.only && !args.only.some((o) => path.endsWith(o))) continue;
    const r = await runInstance(path, suffix, args);
    process.stderr.write(`${JSON.stringify(r)}\n`);
    results.push(r);
  }
  const gaps = results.map((r) => r.gapK2).filter((g): g is number => typeof g === 'number');
  const medianGapK2 = median(gaps);
  const report = {
    benchmark: 'optimize',
    node: process.version,
    cpus: cpus().length,
    lpTimeLimitSeconds: args.lpTimeLimit,
    instances: results,
    summary: {
      instancesWithBound: gaps.length,
      skippedBound: results
        .filter((r) => r.lowerBound === null)
        .map((r) => `${String(r.name)}: ${String(r.lpNote)}`),
      medianGapK2: round(medianGapK2),
      goal: 'median MLU within 5% of the LP bound with K <= 2',
      goalMet: medianGapK2 !== null && medianGapK2 <= 0.05,
    },
  };
  const text = `${JSON.stringify(report, null, 2)}\n`;
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/optimize.json'), text);
  process.stdout.write(text);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `optimize.bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
});
