import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { ParseError } from '../core/errors';
import type { Demand } from '../core/model/topology';
import { TopologyGraph, parseTopologyDocument } from '../core/topology';
import type { TopologyInput } from '../core/topology';
import { importRepetitaDemands, importTopology, parseJsonText } from '../core/topology/importers';
import type { ImportFormat } from '../core/topology/importers';

export type TopologyFormat = 'autonet' | ImportFormat;
export const TOPOLOGY_FORMATS: readonly TopologyFormat[] = ['autonet', 'gml', 'repetita', 'nodelink', 'teal'];

export interface LoadedTopology {
  readonly input: TopologyInput;
  readonly format: TopologyFormat;
  readonly warnings: readonly string[];
}

/** The format a file is in, from its extension and, for JSON, its content. */
export function detectFormat(file: string, text: string): TopologyFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.gml') return 'gml';
  if (ext === '.graph') return 'repetita';
  if (ext === '.json')
    return /"format"\s*:\s*"autonet-topology\//.test(text.slice(0, 4096)) ? 'autonet' : 'nodelink';
  throw new ParseError('topology', `cannot tell the format of '${file}' from its name: pass --format`, {
    element: file,
  });
}

/** Reads and parses a topology file of any supported format, without building the graph. */
export function readTopology(file: string, format?: TopologyFormat): LoadedTopology {
  const text = readFileSync(file, 'utf8');
  const fmt = format ?? detectFormat(file, text);
  const name = basename(file, extname(file));
  if (fmt === 'autonet') {
    return {
      input: parseTopologyDocument(parseJsonText(text, 'autonet-topology'), file),
      format: fmt,
      warnings: [],
    };
  }
  const { topology, warnings } = importTopology(fmt, text, name);
  return { input: topology, format: fmt, warnings };
}

/** Reads a topology file and builds the graph (all invariants checked). */
export function loadTopology(file: string, format?: TopologyFormat): TopologyGraph {
  return TopologyGraph.build(readTopology(file, format).input);
}

/**
 * Reads a demand file against a topology: a REPETITA `.demands` file (0-based node indices in the order of the
 * topology's nodes, kbit/s) or JSON `[{"from","to","mbps"}]` / `{"demands":[…]}` with node ids.
 */
export function loadDemands(file: string, topology: TopologyGraph): Demand[] {
  const text = readFileSync(file, 'utf8');
  const ids = [...topology.nodes()].map((n) => n.id as string);
  const raw = /^\s*DEMANDS\b/.test(text) ? importRepetitaDemands(text, ids) : jsonDemands(text, file);
  return raw.map((d, i) => {
    for (const end of [d.from, d.to]) {
      if (!topology.hasNode(end)) {
        throw new ParseError('demands', `demand #${i}: unknown node '${end}'`, {
          element: `${file} demand #${i}`,
        });
      }
    }
    if (!(Number.isFinite(d.mbps) && d.mbps >= 0)) {
      throw new ParseError('demands', `demand #${i}: rate must be >= 0 Mbit/s`, {
        element: `${file} demand #${i}`,
      });
    }
    return d as Demand;
  });
}

function jsonDemands(text: string, file: string): { from: string; to: string; mbps: number }[] {
  const doc = parseJsonText(text, 'demands');
  const list = Array.isArray(doc) ? doc : (doc as { demands?: unknown }).demands;
  if (!Array.isArray(list))
    throw new ParseError('demands', 'expected an array of {from, to, mbps}', { element: file });
  return list.map((d: unknown, i) => {
    const o = d as Record<string, unknown>;
    if (typeof o?.from !== 'string' || typeof o.to !== 'string' || typeof o.mbps !== 'number') {
      throw new ParseError('demands', 'each demand needs string from/to and numeric mbps', {
        path: `$[${i}]`,
      });
    }
    return { from: o.from, to: o.to, mbps: o.mbps };
  });
}
