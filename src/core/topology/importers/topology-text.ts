import { ParseError } from '../../errors';
import type { Demand } from '../../model/topology';
import { parseTopologyDocument } from '../topology-document';
import type { TopologyGraph } from '../topology-graph';
import type { DemandInput, TopologyInput } from '../topology-input';
import { importGml } from './gml.importer';
import type { ImportFormat, ImportResult } from './import-result';
import { importNodeLink } from './nodelink.importer';
import { parseJsonText } from './json-text';
import { importRepetita, importRepetitaDemands } from './repetita.importer';

/**
 * Reading a topology or demand file's text, whatever its format — the pure half of every loader (the controller's
 * CLI and the simulator read the file, then call these), so format detection and validation exist once.
 */
export type TopologyFormat = 'autonet' | ImportFormat;
export const TOPOLOGY_FORMATS: readonly TopologyFormat[] = ['autonet', 'gml', 'repetita', 'nodelink', 'teal'];

export interface ParsedTopology {
  readonly input: TopologyInput;
  readonly format: TopologyFormat;
  readonly warnings: readonly string[];
}

/** Parses a source file's text in one of the importers' formats. */
export function importTopology(format: ImportFormat, text: string, name: string): ImportResult {
  switch (format) {
    case 'gml':
      return importGml(text, name);
    case 'repetita':
      return importRepetita(text, name);
    case 'nodelink':
      return importNodeLink(text, name, 'nodelink');
    case 'teal':
      return importNodeLink(text, name, 'teal');
  }
}

/** The format of a file, from its name and, for JSON, its content. */
export function detectFormat(fileName: string, text: string): TopologyFormat {
  const ext = /\.[^./\\]+$/.exec(fileName)?.[0].toLowerCase();
  if (ext === '.gml') return 'gml';
  if (ext === '.graph') return 'repetita';
  if (ext === '.json')
    return /"format"\s*:\s*"autonet-topology\//.test(text.slice(0, 4096)) ? 'autonet' : 'nodelink';
  throw new ParseError('topology', `cannot tell the format of '${fileName}' from its name: pass --format`, {
    element: fileName,
  });
}

/** Parses a topology file's text (`name` is the topology name when the source has none). */
export function parseTopologyText(
  fileName: string,
  text: string,
  name: string,
  format?: TopologyFormat,
): ParsedTopology {
  const fmt = format ?? detectFormat(fileName, text);
  if (fmt === 'autonet') {
    return {
      input: parseTopologyDocument(parseJsonText(text, 'autonet-topology'), fileName),
      format: fmt,
      warnings: [],
    };
  }
  const { topology, warnings } = importTopology(fmt, text, name);
  return { input: topology, format: fmt, warnings };
}

/**
 * Parses demands against a topology: a REPETITA `.demands` file (0-based node indices in the order of the
 * topology's nodes, kbit/s) or JSON `[{"from","to","mbps"}]` / `{"demands":[…]}` with node ids.
 */
export function parseDemandsText(fileName: string, text: string, topology: TopologyGraph): Demand[] {
  const ids = [...topology.nodes()].map((n) => n.id as string);
  const raw = /^\s*DEMANDS\b/.test(text) ? importRepetitaDemands(text, ids) : jsonDemands(text, fileName);
  return raw.map((d, i) => {
    const where = { element: `${fileName} demand #${i}`, path: `$[${i}]` };
    for (const end of [d.from, d.to]) {
      if (!topology.hasNode(end))
        throw new ParseError('demands', `demand #${i}: unknown node '${end}'`, where);
    }
    if (!(Number.isFinite(d.mbps) && d.mbps >= 0)) {
      throw new ParseError('demands', `demand #${i}: rate must be >= 0 Mbit/s`, where);
    }
    return d as Demand;
  });
}

function jsonDemands(text: string, fileName: string): DemandInput[] {
  const doc = parseJsonText(text, 'demands');
  const list = Array.isArray(doc) ? doc : (doc as { demands?: unknown } | null)?.demands;
  if (!Array.isArray(list)) {
    throw new ParseError('demands', 'expected an array of {from, to, mbps} or {"demands": [...]}', {
      element: fileName,
    });
  }
  return list.map((d: unknown, i) => {
    const o = (d ?? {}) as Record<string, unknown>;
    if (typeof o.from !== 'string' || typeof o.to !== 'string' || typeof o.mbps !== 'number') {
      throw new ParseError('demands', 'each demand needs string from/to and numeric mbps', {
        path: `$[${i}]`,
      });
    }
    return { from: o.from, to: o.to, mbps: o.mbps };
  });
}
