import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Demand } from '../../src/core/model/topology';
import { nodeId } from '../../src/core/model/ids';
import { parseTopologyDocument, TopologyGraph } from '../../src/core/topology';
import { importRepetitaDemands, importTopology, IMPORT_FORMATS } from '../../src/core/topology/importers';
import type { ImportFormat } from '../../src/core/topology/importers';

export type SimTopologyFormat = 'autonet' | ImportFormat;
export const SIM_TOPOLOGY_FORMATS: readonly SimTopologyFormat[] = ['autonet', ...IMPORT_FORMATS];

/**
 * Reads a topology: Autonet's own JSON format, or any format the core importers read (GML, REPETITA
 * `.graph`, node-link JSON, TEAL). The format comes from the extension (and, for JSON, the content) unless given.
 */
export function readTopologyFile(file: string, format?: SimTopologyFormat): TopologyGraph {
  const text = readFileSync(file, 'utf8');
  const fmt = format ?? detectFormat(file, text);
  if (fmt === 'autonet') return TopologyGraph.build(parseTopologyDocument(parseJson(file, text), file));
  return TopologyGraph.build(importTopology(fmt, text, basename(file, extname(file))).topology);
}

function detectFormat(file: string, text: string): SimTopologyFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.gml') return 'gml';
  if (ext === '.graph') return 'repetita';
  if (ext === '.json')
    return /"format"\s*:\s*"autonet-topology\//.test(text.slice(0, 4096)) ? 'autonet' : 'nodelink';
  throw new Error(`sim: cannot tell the format of '${file}' from its name: pass --format`);
}

/**
 * Reads demands: a REPETITA `.demands` file (node indices in the topology's node order, kbit/s) or JSON — a
 * list of {from, to, mbps} or an object with such a `demands` list. Every node must exist in the topology.
 */
export function readDemandsFile(file: string, topology: TopologyGraph): Demand[] {
  const text = readFileSync(file, 'utf8');
  if (/^\s*DEMANDS\b/.test(text)) {
    const ids = [...topology.nodes()].map((n) => n.id as string);
    return importRepetitaDemands(text, ids).map((d) => ({
      from: nodeId(d.from),
      to: nodeId(d.to),
      mbps: d.mbps,
    }));
  }
  const raw = parseJson(file, text);
  const list = Array.isArray(raw) ? raw : (raw as { demands?: unknown } | null)?.demands;
  if (!Array.isArray(list)) {
    throw new Error(`sim: ${file}: expected a JSON list of {from, to, mbps} or {"demands": [...]}`);
  }
  return list.map((d: unknown, i: number) => {
    const { from, to, mbps } = (d ?? {}) as { from?: unknown; to?: unknown; mbps?: unknown };
    if (typeof from !== 'string' || !topology.hasNode(from)) {
      throw new Error(`sim: ${file}: demands[${i}].from: unknown node`);
    }
    if (typeof to !== 'string' || !topology.hasNode(to))
      throw new Error(`sim: ${file}: demands[${i}].to: unknown node`);
    if (typeof mbps !== 'number' || !(mbps >= 0)) {
      throw new Error(`sim: ${file}: demands[${i}].mbps: not a number >= 0`);
    }
    return { from: nodeId(from), to: nodeId(to), mbps };
  });
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`sim: ${file}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
}
