import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Demand } from '../core/model/topology';
import { TopologyGraph } from '../core/topology';
import { parseDemandsText, parseTopologyText } from '../core/topology/importers';
import type { ParsedTopology, TopologyFormat } from '../core/topology/importers';

export { TOPOLOGY_FORMATS } from '../core/topology/importers';
export type { TopologyFormat };
export type LoadedTopology = ParsedTopology;

/** Reads and parses a topology file of any supported format, without building the graph. */
export function readTopology(file: string, format?: TopologyFormat): LoadedTopology {
  return parseTopologyText(file, readFileSync(file, 'utf8'), basename(file, extname(file)), format);
}

/** Reads a topology file and builds the graph (all invariants checked). */
export function loadTopology(file: string, format?: TopologyFormat): TopologyGraph {
  return TopologyGraph.build(readTopology(file, format).input);
}

/** Reads a demand file (REPETITA `.demands` or JSON) against a topology. */
export function loadDemands(file: string, topology: TopologyGraph): Demand[] {
  return parseDemandsText(file, readFileSync(file, 'utf8'), topology);
}
