import { ParseError } from '../../errors';
import type { GeoPoint } from '../../model/topology';
import type { LinkInput, NodeInput } from '../topology-input';
import {
  DEFAULT_CAPACITY_MBPS,
  DEFAULT_DELAY_US,
  DERIVED,
  IdMaker,
  delayFromKm,
  greatCircleKm,
  igpFromDelay,
} from './derive';
import { gmlGet, parseGml } from './gml-lexer';
import type { GmlList } from './gml-lexer';
import type { ImportResult } from './import-result';

/**
 * Topology Zoo GML: undirected, parallel edges allowed even without a multigraph flag, some nodes without
 * coordinates. Each edge becomes one bidirectional link; self-loops are dropped and reported.
 */
export function importGml(text: string, name = 'gml'): ImportResult {
  const root = parseGml(text);
  const graph = gmlGet(root, 'graph');
  if (typeof graph !== 'object') throw new ParseError('gml', "no 'graph [ … ]' list found", { line: 1 });
  const warnings: string[] = [];
  const ids = new IdMaker();
  const byGmlId = new Map<number, { id: string; geo?: GeoPoint }>();
  const nodes: NodeInput[] = [];

  for (const e of graph.entries) {
    if (e.key !== 'node') continue;
    const n = asList(e.value, 'node', e.line);
    const gid = gmlGet(n, 'id');
    if (typeof gid !== 'number') throw new ParseError('gml', 'node has no numeric id', { line: e.line });
    if (byGmlId.has(gid)) throw new ParseError('gml', `duplicate node id ${gid}`, { line: e.line });
    const label = gmlGet(n, 'label');
    const lat = gmlGet(n, 'Latitude');
    const lon = gmlGet(n, 'Longitude');
    const geo = typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : undefined;
    const id = ids.make(typeof label === 'string' ? label : undefined, `n${gid}`);
    byGmlId.set(gid, { id, ...(geo && { geo }) });
    nodes.push({
      id,
      name: typeof label === 'string' ? label : id,
      locatorNode: nodes.length + 1,
      ...(geo && { geo }),
    });
  }

  const links: LinkInput[] = [];
  const pairCount = new Map<string, number>();
  let usedDefaultDelay = 0;
  let usedDefaultCapacity = 0;
  for (const e of graph.entries) {
    if (e.key !== 'edge') continue;
    const edge = asList(e.value, 'edge', e.line);
    const [a, b] = (['source', 'target'] as const).map((k) => {
      const v = gmlGet(edge, k);
      if (typeof v !== 'number') throw new ParseError('gml', `edge has no numeric ${k}`, { line: e.line });
      const node = byGmlId.get(v);
      if (!node) throw new ParseError('gml', `edge ${k} ${v} is not a node id`, { line: e.line });
      return node;
    }) as [{ id: string; geo?: GeoPoint }, { id: string; geo?: GeoPoint }];
    if (a.id === b.id) {
      warnings.push(`dropped self-loop edge on '${a.id}' (line ${e.line})`);
      continue;
    }
    const speed = gmlGet(edge, 'LinkSpeedRaw');
    const capacityMbps = typeof speed === 'number' && speed > 0 ? speed / 1e6 : DEFAULT_CAPACITY_MBPS;
    if (capacityMbps === DEFAULT_CAPACITY_MBPS && typeof speed !== 'number') usedDefaultCapacity++;
    const delayUs = a.geo && b.geo ? delayFromKm(greatCircleKm(a.geo, b.geo)) : DEFAULT_DELAY_US;
    if (!(a.geo && b.geo)) usedDefaultDelay++;
    const key = `${a.id}:${b.id}`;
    const k = (pairCount.get(key) ?? 0) + 1;
    pairCount.set(key, k);
    const dir = { capacityMbps, delayUs, igpMetric: igpFromDelay(delayUs) };
    links.push({ id: k === 1 ? key : `${key}:${k}`, a: a.id, b: b.id, ab: dir, ba: dir });
  }

  const derived: string[] = [DERIVED.delayFromDistance, DERIVED.igpFromDelay];
  if (usedDefaultDelay > 0) {
    derived.push(DERIVED.delayDefault);
    warnings.push(
      `${usedDefaultDelay} links have an endpoint without coordinates: delay set to ${DEFAULT_DELAY_US} µs`,
    );
  }
  if (usedDefaultCapacity > 0) derived.push(DERIVED.capacityDefault);
  const network = gmlGet(graph, 'Network') ?? gmlGet(graph, 'label');
  return {
    topology: {
      name: typeof network === 'string' && network.trim() !== '' ? network.trim() : name,
      nodes,
      links,
      provenance: { format: 'gml', source: name, derived },
    },
    warnings,
  };
}

function asList(v: unknown, what: string, line: number): GmlList {
  if (typeof v !== 'object' || v === null)
    throw new ParseError('gml', `${what} must be a list '[ … ]'`, { line });
  return v as GmlList;
}
