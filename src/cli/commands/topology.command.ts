import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { TopologyGraph, SidTable, toTopologyDocument } from '../../core/topology';
import type { TopologyInput } from '../../core/topology';
import { loadDemands, readTopology, TOPOLOGY_FORMATS } from '../load-topology';
import type { TopologyFormat } from '../load-topology';
import { registerGenerateCommand } from './generate.command';

/** `autonet topology import|show|generate`. */
export function registerTopologyCommand(program: Command): void {
  const topology = program.command('topology').description('import, inspect and generate network topologies');

  topology
    .command('import')
    .description('convert a GML, REPETITA, node-link or Teal file to the Autonet topology format')
    .argument('<file>', 'source file')
    .addOption(
      new Option('--format <format>', 'source format (default: from the file name)').choices(
        TOPOLOGY_FORMATS,
      ),
    )
    .option('--demands <file>', 'demand file to include (REPETITA .demands or JSON)')
    .option('--name <name>', 'topology name (default: from the source)')
    .option('--attribution <text>', 'licence and citation to keep with the data')
    .option('-o, --output <file>', 'write here instead of standard output')
    .action((file: string, opts: ImportOptions) => {
      const loaded = readTopology(file, opts.format);
      const provenance = loaded.input.provenance && {
        ...loaded.input.provenance,
        source: basename(file),
        ...(opts.attribution && { attribution: opts.attribution }),
      };
      let input: TopologyInput = {
        ...loaded.input,
        ...(opts.name && { name: opts.name }),
        ...(provenance && { provenance }),
      };
      const graph = TopologyGraph.build(input);
      if (opts.demands) input = { ...input, demands: loadDemands(opts.demands, graph) };
      SidTable.allocate(graph);
      for (const w of loaded.warnings) process.stderr.write(`autonet: warning: ${w}\n`);
      emit(`${JSON.stringify(toTopologyDocument(input), null, 2)}\n`, opts.output);
    });

  topology
    .command('show')
    .description('check a topology file and print its size (and, with --json, a machine-readable summary)')
    .argument('<file>', 'topology file (any supported format)')
    .addOption(
      new Option('--format <format>', 'file format (default: from the file name)').choices(TOPOLOGY_FORMATS),
    )
    .option('--demands <file>', 'demand file to count with it')
    .option('--json', 'print {"name","nodes","links","arcs","demands"}')
    .action((file: string, opts: { format?: TopologyFormat; demands?: string; json?: boolean }) => {
      const loaded = readTopology(file, opts.format);
      const graph = TopologyGraph.build(loaded.input);
      const sids = SidTable.allocate(graph);
      const demands = opts.demands ? loadDemands(opts.demands, graph).length : graph.demands.length;
      const summary = {
        name: graph.name,
        nodes: graph.nodeCount,
        links: graph.linkCount,
        arcs: graph.arcCount,
        demands,
      };
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ ...summary, format: loaded.format, sids: sids.size, derived: graph.provenance?.derived ?? [], warnings: loaded.warnings })}\n`,
        );
        return;
      }
      process.stdout.write(describe(summary, loaded.format, sids, graph, loaded.warnings));
    });

  registerGenerateCommand(topology, emit);
}

interface ImportOptions {
  format?: TopologyFormat;
  demands?: string;
  name?: string;
  attribution?: string;
  output?: string;
}

function describe(
  s: { name: string; nodes: number; links: number; arcs: number; demands: number },
  format: string,
  sids: SidTable,
  graph: TopologyGraph,
  warnings: readonly string[],
): string {
  const oneWay = [...graph.links()].filter((l) => l.arcs.length === 1).length;
  const lines = [
    `${s.name} (${format})`,
    `  nodes    ${s.nodes}`,
    `  links    ${s.links}${oneWay > 0 ? ` (${oneWay} one-way)` : ''}`,
    `  arcs     ${s.arcs}`,
    `  demands  ${s.demands}`,
    `  SIDs     ${sids.size} in ${sids.plan.block} (one End per node, one End.X per arc)`,
  ];
  for (const d of graph.provenance?.derived ?? []) lines.push(`  derived: ${d}`);
  for (const w of warnings) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

function emit(text: string, output?: string): void {
  if (output) writeFileSync(output, text);
  else process.stdout.write(text);
}
