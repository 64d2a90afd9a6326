import { z } from 'zod';
import { ParseError } from '../errors';
import type { TopologyGraph } from './topology-graph';
import type { DirectionInput, LinkInput, TopologyInput } from './topology-input';

/**
 * Autonet's own topology format (`topology/<name>.json`, JSON Schema in topology/schema/). Links are physical
 * and bidirectional unless `oneWay`; `reverse` overrides attributes of the b→a direction. Units: Mbit/s, µs.
 */
export const TOPOLOGY_FORMAT = 'autonet-topology/1';

const direction = {
  capacityMbps: z.number().positive(),
  delayUs: z.number().nonnegative(),
  igpMetric: z.number().int().min(1),
  teMetric: z.number().int().min(1).optional(),
};

const nodeSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  site: z.string().optional(),
  role: z.enum(['core', 'edge', 'pe', 'p', 'ce', 'unknown']).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  locatorNode: z.number().int().min(1).optional(),
});

const linkSchema = z.strictObject({
  id: z.string().min(1),
  a: z.string().min(1),
  b: z.string().min(1),
  ...direction,
  srlgs: z.array(z.number().int().min(0).max(0xffffffff)).optional(),
  affinities: z.array(z.string().min(1)).optional(),
  oneWay: z.boolean().optional(),
  reverse: z.strictObject(z.object(direction).partial().shape).optional(),
});

export const topologyDocumentSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(TOPOLOGY_FORMAT),
  name: z.string().min(1),
  provenance: z
    .strictObject({
      format: z.string(),
      source: z.string().optional(),
      attribution: z.string().optional(),
      derived: z.array(z.string()),
    })
    .optional(),
  nodes: z.array(nodeSchema),
  links: z.array(linkSchema),
  demands: z
    .array(z.strictObject({ from: z.string(), to: z.string(), mbps: z.number().nonnegative() }))
    .optional(),
});

export type TopologyDocument = z.infer<typeof topologyDocumentSchema>;
type LinkDoc = z.infer<typeof linkSchema>;

/** Reads a parsed JSON value in the own format; errors name the JSON path of the first bad element. */
export function parseTopologyDocument(value: unknown, source = 'topology'): TopologyInput {
  const result = topologyDocumentSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${jsonPath(i.path)}: ${i.message}`);
    throw new ParseError('autonet-topology', `${issues.join('; ')}`, {
      path: jsonPath(result.error.issues[0]?.path ?? []),
      element: source,
    });
  }
  const doc = result.data;
  return {
    name: doc.name,
    nodes: doc.nodes.map((n) => ({
      id: n.id,
      ...(n.name !== undefined && { name: n.name }),
      ...(n.site !== undefined && { site: n.site }),
      ...(n.role !== undefined && { role: n.role }),
      ...(n.lat !== undefined && n.lon !== undefined && { geo: { lat: n.lat, lon: n.lon } }),
      ...(n.locatorNode !== undefined && { locatorNode: n.locatorNode }),
    })),
    links: doc.links.map(linkInput),
    demands: doc.demands ?? [],
    ...(doc.provenance && { provenance: doc.provenance }),
  };
}

function linkInput(l: LinkDoc): LinkInput {
  const ab: DirectionInput = {
    capacityMbps: l.capacityMbps,
    delayUs: l.delayUs,
    igpMetric: l.igpMetric,
    ...(l.teMetric !== undefined && { teMetric: l.teMetric }),
  };
  return {
    id: l.id,
    a: l.a,
    b: l.b,
    ...(l.srlgs && { srlgs: l.srlgs }),
    ...(l.affinities && { affinities: l.affinities }),
    ab,
    ba: l.oneWay ? null : { ...ab, ...l.reverse },
  };
}

/** Writes any topology input (importer or generator output) in the own format. */
export function toTopologyDocument(input: TopologyInput): TopologyDocument {
  return {
    format: TOPOLOGY_FORMAT,
    name: input.name,
    ...(input.provenance && { provenance: { ...input.provenance, derived: [...input.provenance.derived] } }),
    nodes: input.nodes.map((n) => ({
      id: n.id,
      ...(n.name !== undefined && n.name !== n.id && { name: n.name }),
      ...(n.site !== undefined && { site: n.site }),
      ...(n.role !== undefined && n.role !== 'unknown' && { role: n.role }),
      ...(n.geo && { lat: n.geo.lat, lon: n.geo.lon }),
      ...(n.locatorNode !== undefined && { locatorNode: n.locatorNode }),
    })),
    links: input.links.map((l) => {
      const reverse = l.ba ? diff(l.ab, l.ba) : undefined;
      return {
        id: l.id,
        a: l.a,
        b: l.b,
        capacityMbps: l.ab.capacityMbps,
        delayUs: l.ab.delayUs,
        igpMetric: l.ab.igpMetric,
        ...(l.ab.teMetric !== undefined && l.ab.teMetric !== l.ab.igpMetric && { teMetric: l.ab.teMetric }),
        ...(l.srlgs && l.srlgs.length > 0 && { srlgs: [...l.srlgs] }),
        ...(l.affinities && l.affinities.length > 0 && { affinities: [...l.affinities] }),
        ...(l.ba === null && { oneWay: true }),
        ...(reverse && { reverse }),
      };
    }),
    ...(input.demands && input.demands.length > 0 && { demands: input.demands.map((d) => ({ ...d })) }),
  };
}

/** The input of a built graph (for re-serialising a loaded or edited topology). */
export function topologyInputOf(topo: TopologyGraph): TopologyInput {
  return {
    name: topo.name,
    nodes: [...topo.nodes()],
    links: [...topo.links()].map((l) => {
      const [ab, ba] = l.arcs.map(directionOf);
      return { id: l.id, a: l.a, b: l.b, srlgs: l.srlgs, affinities: l.affinities, ab: ab!, ba: ba ?? null };
    }),
    demands: topo.demands,
    ...(topo.provenance && { provenance: topo.provenance }),
  };
}

function directionOf(arc: DirectionInput & { teMetric: number }): DirectionInput {
  const { capacityMbps, delayUs, igpMetric, teMetric } = arc;
  return { capacityMbps, delayUs, igpMetric, ...(teMetric !== igpMetric && { teMetric }) };
}

function diff(ab: DirectionInput, ba: DirectionInput): Partial<DirectionInput> | undefined {
  const out: Partial<Record<keyof DirectionInput, number>> = {};
  for (const k of ['capacityMbps', 'delayUs', 'igpMetric'] as const) if (ba[k] !== ab[k]) out[k] = ba[k];
  // Parsing gives the reverse direction the forward's explicit TE metric, else its own IGP metric.
  const te = ba.teMetric ?? ba.igpMetric;
  if (te !== (ab.teMetric ?? ba.igpMetric)) out.teMetric = te;
  return Object.keys(out).length > 0 ? out : undefined;
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`),
    '$',
  );
}
