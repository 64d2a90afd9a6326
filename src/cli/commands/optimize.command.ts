import { Command, InvalidArgumentError, Option } from 'commander';
import { GlpsolLpSolver } from '../../adapters/lp/glpsol.solver';
import type { Demand } from '../../core/model/topology';
import { buildMinMluLp, parseGlpkSolution, TeOptimizer } from '../../core/pathcomp';
import type { TeResult } from '../../core/pathcomp';
import { SidTable } from '../../core/topology';
import { gravityDemands } from '../../core/topology/generators';
import { UsageError } from '../cli-error';
import type { TopologyGraph } from '../../core/topology';
import type { LpSolver } from '../../ports/lp-solver.port';
import { loadDemands, loadTopology, TOPOLOGY_FORMATS } from '../load-topology';
import { optimizeOnServer } from './optimize-server';
import type { TopologyFormat } from '../load-topology';

export interface LowerBound {
  /** The fractional multi-commodity-flow minimum MLU, or null when it could not be computed. */
  readonly value: number | null;
  readonly seconds: number;
  /** Why there is no value. */
  readonly reason?: string;
}

/**
 * The LP lower bound on the MLU of any routing: core builds the model, the solver port solves it (interior
 * point first, the simplex if that does not reach optimality), core reads the solution.
 */
export async function minMluLowerBound(
  topology: TopologyGraph,
  demands: readonly Demand[],
  solver: LpSolver,
  timeLimitSeconds?: number,
): Promise<LowerBound> {
  if (!(await solver.available()))
    return { value: null, seconds: 0, reason: 'no LP solver (install glpk-utils)' };
  const model = buildMinMluLp(topology, demands);
  let seconds = 0;
  let status = '';
  for (const method of ['interior', 'simplex'] as const) {
    const limit =
      timeLimitSeconds === undefined ? {} : { timeLimitSeconds: Math.max(1, timeLimitSeconds - seconds) };
    const solution = await solver.solve(model, { method, ...limit }).catch((err: unknown) => ({
      text: '',
      seconds: timeLimitSeconds ?? 0,
      error: err instanceof Error ? err.message : String(err),
    }));
    seconds += solution.seconds;
    const outcome =
      'error' in solution ? { ok: false as const, status: solution.error } : parseGlpkSolution(solution.text);
    if (outcome.ok) return { value: outcome.objective, seconds };
    status = outcome.status;
    if (timeLimitSeconds !== undefined && seconds >= timeLimitSeconds) break;
  }
  return { value: null, seconds, reason: `LP not solved to optimality (${status})` };
}

interface OptimizeOptions {
  topology?: string;
  server?: string;
  format?: TopologyFormat;
  demands?: string;
  maxSegments: number;
  lpTimeLimit: number;
  json?: boolean;
  gravity?: number | true;
}

/** `autonet optimize`: global TE with SR waypoints, against ECMP and the LP lower bound. */
export function registerOptimizeCommand(program: Command): void {
  program
    .command('optimize')
    .description('place every demand with at most K SRv6 segments to minimise the maximum link utilisation')
    .option('--topology <file>', 'topology file (any supported format)')
    .option(
      '--server <url>',
      'optimise on a running controller instead: the links up now, capacity less reservations, the demands it measures',
    )
    .addOption(
      new Option('--format <format>', 'topology file format (default: from the file name)').choices(
        TOPOLOGY_FORMATS,
      ),
    )
    .option(
      '--demands <file>',
      'demand file (REPETITA .demands or JSON); default: the topology file’s demands',
    )
    .option(
      '--gravity [scale]',
      'when the topology ships no demands: seeded gravity-model demands offering this share of the total link capacity (default 0.05)',
      share,
    )
    .option('--max-segments <k>', 'segments per demand, destination included (1–3)', segmentCount, 2)
    .option('--lp-time-limit <seconds>', 'time limit for the LP lower bound', positive, 300)
    .option('--json', 'print {"mlu","ecmpMlu","lowerBound","demands":[{"from","to","mbps","segments"}]}')
    .action(async (opts: OptimizeOptions) => {
      if (opts.server !== undefined) return optimizeOnServer(opts.server, opts);
      if (opts.topology === undefined)
        throw new UsageError('optimize: give --topology FILE, or --server URL to use a running controller');
      const topology = loadTopology(opts.topology, opts.format);
      const demands = demandsFor(topology, opts);
      const result = new TeOptimizer(topology, SidTable.allocate(topology)).optimize(demands, {
        maxSegments: opts.maxSegments,
      });
      const bound = await minMluLowerBound(topology, demands, new GlpsolLpSolver(), opts.lpTimeLimit);
      if (bound.value === null) process.stderr.write(`autonet: warning: no lower bound: ${bound.reason}\n`);
      process.stdout.write(
        opts.json ? `${JSON.stringify(toJson(result, bound))}\n` : describe(result, bound),
      );
    });
}

/**
 * The demands to place: a --demands file, else the topology's own, else (asked for) a gravity model. With
 * none at all the optimum is trivially 0, which would read as a result: refuse and say how to supply them.
 */
function demandsFor(topology: TopologyGraph, opts: OptimizeOptions): Demand[] {
  if (opts.demands) return loadDemands(opts.demands, topology);
  if (topology.demands.length > 0) return [...topology.demands];
  if (opts.gravity !== undefined) {
    const scale = opts.gravity === true ? 0.05 : opts.gravity;
    return gravityDemands(topology, { seed: 1, scale }) as Demand[];
  }
  throw new UsageError(
    `topology '${topology.name}' has no demands: give a demand file with --demands FILE (REPETITA .demands or JSON) or generate gravity-model demands with --gravity [scale]`,
  );
}

function share(value: string): number {
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0 || x > 10) throw new InvalidArgumentError('must be a number in (0, 10]');
  return x;
}

function toJson(result: TeResult, bound: LowerBound): object {
  return {
    mlu: result.mlu,
    ecmpMlu: result.ecmpMlu,
    lowerBound: bound.value,
    demands: result.demands.map((d) => ({ from: d.from, to: d.to, mbps: d.mbps, segments: d.segments })),
  };
}

function describe(result: TeResult, bound: LowerBound): string {
  const moved = result.demands.filter((d) => d.waypoints.length > 0).length;
  const lines = [
    `MLU          ${result.mlu.toFixed(4)}${result.hottestArc ? ` (hottest arc ${result.hottestArc})` : ''}`,
    `ECMP MLU     ${result.ecmpMlu.toFixed(4)}`,
    `lower bound  ${bound.value === null ? `none (${bound.reason})` : bound.value.toFixed(4)}`,
    `demands      ${result.demands.length}, ${moved} steered through waypoints (${result.iterations} moves)`,
  ];
  return `${lines.join('\n')}\n`;
}

function segmentCount(value: string): number {
  const k = Number(value);
  if (k !== 1 && k !== 2 && k !== 3) throw new InvalidArgumentError('must be 1, 2 or 3');
  return k;
}

function positive(value: string): number {
  const x = Number(value);
  if (!(x > 0)) throw new InvalidArgumentError('must be a positive number');
  return x;
}
