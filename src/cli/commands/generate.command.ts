import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { SidTable, TopologyGraph, toTopologyDocument } from '../../core/topology';
import { generateTopology, TOPOLOGY_KINDS } from '../../core/topology/generators';
import type { TopologyKind } from '../../core/topology/generators';

const integer =
  (what: string) =>
  (v: string): number => {
    if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError(`${what} must be a whole number, got '${v}'`);
    return Number(v);
  };

const positive =
  (what: string) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${what} must be a positive number, got '${v}'`);
    return n;
  };

interface GenerateOptions {
  nodes: number;
  seed: number;
  name?: string;
  demands?: boolean;
  demandScale?: number;
  output?: string;
}

/** `autonet topology generate <kind> --nodes N --seed S [-o out.json]`. */
export function registerGenerateCommand(
  topology: Command,
  emit: (text: string, output?: string) => void,
): void {
  topology
    .command('generate')
    .description('generate a synthetic, seeded topology (same kind, size and seed: same network)')
    .addArgument(topology.createArgument('<kind>', 'network shape').choices(TOPOLOGY_KINDS))
    .requiredOption('--nodes <n>', 'number of nodes', integer('--nodes'))
    .addOption(new Option('--seed <s>', 'random seed').argParser(integer('--seed')).default(1))
    .option('--name <name>', 'topology name')
    .option('--demands', 'add a gravity-model demand matrix')
    .option(
      '--demand-scale <f>',
      'demand total as a fraction of one-way capacity (default 0.05)',
      positive('--demand-scale'),
    )
    .option('-o, --output <file>', 'write here instead of standard output')
    .action((kind: TopologyKind, opts: GenerateOptions) => {
      const demands = opts.demandScale !== undefined ? { scale: opts.demandScale } : opts.demands === true;
      const input = generateTopology(kind, {
        nodes: opts.nodes,
        seed: opts.seed,
        ...(opts.name !== undefined && { name: opts.name }),
        demands,
      });
      SidTable.allocate(TopologyGraph.build(input));
      emit(`${JSON.stringify(toTopologyDocument(input), null, 2)}\n`, opts.output);
    });
}
