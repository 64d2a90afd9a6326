import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Demand } from '../../src/core/model/topology';
import { TopologyGraph } from '../../src/core/topology';
import { parseDemandsText, parseTopologyText, TOPOLOGY_FORMATS } from '../../src/core/topology/importers';
import type { TopologyFormat } from '../../src/core/topology/importers';

/** The simulator reads the same files as the controller, through the same core parsing (docs/architecture.md rule 5). */
export type SimTopologyFormat = TopologyFormat;
export const SIM_TOPOLOGY_FORMATS = TOPOLOGY_FORMATS;

export function readTopologyFile(file: string, format?: SimTopologyFormat): TopologyGraph {
  return TopologyGraph.build(
    parseTopologyText(file, readFileSync(file, 'utf8'), basename(file, extname(file)), format).input,
  );
}

/** REPETITA `.demands` (node indices, kbit/s) or JSON `[{from, to, mbps}]` / `{"demands": [...]}`. */
export function readDemandsFile(file: string, topology: TopologyGraph): Demand[] {
  return parseDemandsText(file, readFileSync(file, 'utf8'), topology);
}
