import { ParseError } from '../../errors';
import type { GeoPoint } from '../../model/topology';
import type { DirectionInput, LinkInput, NodeInput } from '../topology-input';
import {
  DEFAULT_CAPACITY_MBPS,
  DEFAULT_DELAY_US,
  DERIVED,
  delayFromKm,
  greatCircleKm,
  igpFromCapacity,
  igpFromDelay,
} from './derive';
import { pairDirectedEdges } from './directed-pairing';
import type { DirectedEdge } from './directed-pairing';
import type { ImportResult } from './import-result';
import { parseJsonText } from './json-text';

/**
 * NetworkX node-link JSON (TopoHub, Teal, and anything `networkx.node_link_data` writes). Undirected graphs
 * give one bidirectional link per edge; directed graphs pair opposite edges into links (unpaired ones are
 * one-way), so arcs always equal the source's directed edges. Attributes read when present: node `pos`
 * [lon, lat] / `lat`,`lon` / `Latitude`,`Longitude`, `name`/`label`; edge `capacity` (Mbit/s),
 * `dist` (km), `delay` (µs), `weight` (IGP metric).
 */
type Json = Record<string, unknown>;

export function importNodeLink(
  text: string,
  name = 'nodelink',
  flavour: 'nodelink' | 'teal' = 'nodelink',
): ImportResult {
  const doc = parseJsonText(text, flavour);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ParseError(flavour, 'top level must be an object with "nodes" and "links" (or "edges")', {
      path: '$',
    });
  }
  const d = doc as Json;
  const edgesKey = Array.isArray(d.links) ? 'links' : Array.isArray(d.edges) ? 'edges' : undefined;
  if (!Array.isArray(d.nodes) || !edgesKey) {
    throw new ParseError(flavour, 'needs a "nodes" array and a "links" or "edges" array', { path: '$' });
  }
  const directed = d.directed === true;
  const graphName =
    typeof (d.graph as Json | undefined)?.name === 'string' ? ((d.graph as Json).name as string) : name;
  const nodeById = new Map<string, { id: string; geo?: GeoPoint }>();
  const nodes: NodeInput[] = (d.nodes as unknown[]).map((raw, i) => {
    const where = `$.nodes[${i}]`;
    const n = asObject(raw, where, flavour);
    if (typeof n.id !== 'number' && typeof n.id !== 'string') {
      throw new ParseError(flavour, 'node needs an "id" (number or string)', { path: where, element: where });
    }
    const id = String(n.id);
    if (nodeById.has(id))
      throw new ParseError(flavour, `duplicate node id ${id}`, { path: where, element: where });
    const geo = geoOf(n);
    nodeById.set(id, { id, ...(geo && { geo }) });
    const label = typeof n.name === 'string' ? n.name : typeof n.label === 'string' ? n.label : undefined;
    return { id, locatorNode: i + 1, ...(label !== undefined && { name: label }), ...(geo && { geo }) };
  });

  const used = { capacity: false, distance: false, defaultDelay: false, igpCap: false, igpDelay: false };
  const edges: DirectedEdge[] = (d[edgesKey] as unknown[]).map((raw, i) => {
    const where = `$.${edgesKey}[${i}]`;
    const e = asObject(raw, where, flavour);
    const [a, b] = (['source', 'target'] as const).map((k) => {
      const node = nodeById.get(String(e[k]));
      if (e[k] === undefined || !node) {
        throw new ParseError(flavour, `${k} ${JSON.stringify(e[k])} is not a node id`, {
          path: `${where}.${k}`,
          element: where,
        });
      }
      return node;
    }) as [{ id: string; geo?: GeoPoint }, { id: string; geo?: GeoPoint }];
    if (a.id === b.id)
      throw new ParseError(flavour, `self-loop on node ${a.id}`, { path: where, element: where });
    return { id: `${a.id}:${b.id}`, from: a.id, to: b.id, attrs: directionOf(e, a, b, where, flavour, used) };
  });

  const links: LinkInput[] = directed ? pairDirectedEdges(edges) : edges.map(undirectedLink);
  uniqueIds(links);
  const derived: string[] = [];
  if (used.capacity) derived.push(DERIVED.capacityDefault);
  if (used.distance) derived.push(DERIVED.delayFromDistance);
  if (used.defaultDelay)
    derived.push(`delay ${DEFAULT_DELAY_US} µs where the source has neither delay, distance nor coordinates`);
  if (used.igpDelay) derived.push(DERIVED.igpFromDelay);
  if (used.igpCap) derived.push(DERIVED.igpFromCapacity);
  const warnings = flavour === 'teal' ? ['Teal capacities carry no unit: read as Mbit/s'] : [];
  return {
    topology: { name: graphName, nodes, links, provenance: { format: flavour, source: name, derived } },
    warnings,
  };
}

function directionOf(
  e: Json,
  a: { geo?: GeoPoint },
  b: { geo?: GeoPoint },
  where: string,
  flavour: string,
  used: Record<'capacity' | 'distance' | 'defaultDelay' | 'igpCap' | 'igpDelay', boolean>,
): DirectionInput {
  const field = (k: string): number | undefined => {
    if (e[k] === undefined) return undefined;
    if (typeof e[k] !== 'number' || !Number.isFinite(e[k]) || e[k] < 0) {
      throw new ParseError(flavour, `"${k}" must be a non-negative number`, {
        path: `${where}.${k}`,
        element: where,
      });
    }
    return e[k];
  };
  const cap = field('capacity');
  if (cap === 0)
    throw new ParseError(flavour, '"capacity" must be > 0', { path: `${where}.capacity`, element: where });
  const capacityMbps = cap ?? DEFAULT_CAPACITY_MBPS;
  used.capacity ||= cap === undefined;
  const dist = field('dist');
  let delayUs = field('delay');
  if (delayUs === undefined && dist !== undefined) delayUs = delayFromKm(dist);
  if (delayUs === undefined && a.geo && b.geo) delayUs = delayFromKm(greatCircleKm(a.geo, b.geo));
  used.distance ||= field('delay') === undefined && delayUs !== undefined;
  used.defaultDelay ||= delayUs === undefined;
  delayUs ??= DEFAULT_DELAY_US;
  const weight = field('weight');
  if (weight !== undefined && (!Number.isInteger(weight) || weight < 1)) {
    throw new ParseError(flavour, '"weight" must be an integer >= 1', {
      path: `${where}.weight`,
      element: where,
    });
  }
  // With real capacities but no geography, inverse capacity is the meaningful metric (as Teal's users route).
  const byCap = cap !== undefined && used.defaultDelay;
  used.igpCap ||= weight === undefined && byCap;
  used.igpDelay ||= weight === undefined && !byCap;
  return {
    capacityMbps,
    delayUs,
    igpMetric: weight ?? (byCap ? igpFromCapacity(capacityMbps) : igpFromDelay(delayUs)),
  };
}

const undirectedLink = (e: DirectedEdge): LinkInput => ({
  id: e.id,
  a: e.from,
  b: e.to,
  ab: e.attrs,
  ba: e.attrs,
});

function uniqueIds(links: LinkInput[]): void {
  const seen = new Map<string, number>();
  links.forEach((l, i) => {
    const k = (seen.get(l.id) ?? 0) + 1;
    seen.set(l.id, k);
    if (k > 1) links[i] = { ...l, id: `${l.id}:${k}` };
  });
}

function asObject(raw: unknown, where: string, flavour: string): Json {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ParseError(flavour, 'must be an object', { path: where, element: where });
  }
  return raw as Json;
}

function geoOf(n: Json): GeoPoint | undefined {
  if (Array.isArray(n.pos) && typeof n.pos[0] === 'number' && typeof n.pos[1] === 'number') {
    return { lon: n.pos[0], lat: n.pos[1] };
  }
  const lat = n.lat ?? n.Latitude;
  const lon = n.lon ?? n.Longitude;
  return typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : undefined;
}
