/**
 * Topology import speed: Teal ASN2k (1,739 nodes, 8,558 arcs) and Kdl, read → import → build graph → allocate
 * SIDs. The peer measured in the same run is the floor every importer pays: JSON.parse (or a line split for
 * GML) of the same text. Prints one JSON object; medians over repeated runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SidTable, TopologyGraph } from '../src/core/topology';
import { importTopology } from '../src/core/topology/importers';
import type { ImportFormat } from '../src/core/topology/importers';
import { median, sharedTopologies, timeIt, writeResult } from './bench-util';

interface Case {
  readonly file: string;
  readonly format: ImportFormat;
  readonly floor: (text: string) => unknown;
}

const CASES: readonly Case[] = [
  { file: 'teal/ASN2k.json', format: 'teal', floor: (t): unknown => JSON.parse(t) },
  { file: 'teal/Kdl.json', format: 'teal', floor: (t): unknown => JSON.parse(t) },
  {
    file: 'topologyzoo/Kdl.gml',
    format: 'gml',
    floor: (t): unknown => t.split('\n').map((l) => l.trim().split(/\s+/)),
  },
  { file: 'topohub/caida-2024-08/7018.json', format: 'nodelink', floor: (t): unknown => JSON.parse(t) },
];

function main(): void {
  const dir = sharedTopologies();
  const runs = Number(process.argv[2] ?? 15);
  const results = CASES.map((c) => {
    const text = readFileSync(join(dir, c.file), 'utf8');
    const importMs: number[] = [];
    const buildMs: number[] = [];
    const sidMs: number[] = [];
    const floorMs: number[] = [];
    let graph: TopologyGraph | undefined;
    for (let i = 0; i < runs; i++) {
      floorMs.push(timeIt(() => c.floor(text)));
      let input: ReturnType<typeof importTopology>['topology'] | undefined;
      importMs.push(timeIt(() => (input = importTopology(c.format, text, c.file).topology)));
      buildMs.push(timeIt(() => (graph = TopologyGraph.build(input!))));
      sidMs.push(timeIt(() => SidTable.allocate(graph!)));
    }
    const total = importMs.map((x, i) => x + buildMs[i]! + sidMs[i]!);
    return {
      file: c.file,
      nodes: graph!.nodeCount,
      arcs: graph!.arcCount,
      medianMs: {
        parseFloor: median(floorMs),
        import: median(importMs),
        build: median(buildMs),
        sids: median(sidMs),
        total: median(total),
      },
      ratioToParseFloor: median(total) / median(floorMs),
    };
  });
  writeResult('topology', { runs, results, goal: 'ASN2k import + graph + SIDs well under 1 s' });
}

main();
