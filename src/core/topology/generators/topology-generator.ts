import type { TopologyInput } from '../topology-input';
import type { GeneratedGraph } from './generated-graph';
import { GeneratorError } from './generator-error';
import { TOPOLOGY_KINDS, checkCommonOptions, isTopologyKind } from './generator-options';
import type { DemandOptions, GeneratorOptionsByKind, TopologyKind } from './generator-options';
import { DEFAULT_GEO_BOX } from './geo-box';
import type { GeoBox } from './geo-box';
import type { GeometricStreams } from './geometric-graph';
import { gravityDemands } from './gravity-demands';
import { generateGrid } from './grid.generator';
import { generateIsp } from './isp.generator';
import { COMMON_DERIVATIONS } from './link-builder';
import { prngFor } from './prng';
import { generateRandomGeometric } from './random-geometric.generator';
import { generateRing } from './ring.generator';
import { generateWaxman } from './waxman.generator';

/**
 * Generates a synthetic topology of one kind: exactly `nodes` nodes, connected, every node with a role, a
 * position and a locator node number, every link with capacity, delay and IGP metric, optionally gravity
 * demands. Pure and deterministic: the same kind, options and seed always give the same TopologyInput.
 * Throws GeneratorError (code INVALID_QUERY) for an unknown kind or a bad option.
 */
export function generateTopology<K extends TopologyKind>(
  kind: K,
  options: GeneratorOptionsByKind[K],
): TopologyInput {
  if (typeof kind !== 'string' || !isTopologyKind(kind)) {
    throw new GeneratorError(
      'kind',
      `unknown topology kind '${String(kind)}'; kinds: ${TOPOLOGY_KINDS.join(', ')}`,
    );
  }
  if (typeof options !== 'object' || options === null)
    throw new GeneratorError('options', 'must be an object');
  checkCommonOptions(kind, options);
  const box = options.box ?? DEFAULT_GEO_BOX;
  const graph = generateKind(kind, options, box);
  const name = options.name ?? `${kind}-${options.nodes}-s${options.seed}`;
  const topology: TopologyInput = {
    name,
    nodes: graph.nodes,
    links: graph.links,
    provenance: {
      format: 'generator',
      source: `autonet generator '${kind}', nodes ${options.nodes}, seed ${options.seed}`,
      derived: [...COMMON_DERIVATIONS, ...graph.derived],
    },
  };
  return options.demands === undefined || options.demands === false
    ? topology
    : withDemands(topology, options.demands, options.seed);
}

/** Attaches gravity demands seeded from the topology seed. */
function withDemands(topology: TopologyInput, demands: unknown, seed: number): TopologyInput {
  if (demands !== true && (typeof demands !== 'object' || demands === null)) {
    throw new GeneratorError('demands', 'must be true, false or an object of gravity options');
  }
  const options = demands === true ? {} : (demands as DemandOptions);
  const list = gravityDemands(topology, { ...options, seed });
  const provenance = topology.provenance!;
  return {
    ...topology,
    demands: list,
    provenance: {
      ...provenance,
      derived: [...provenance.derived, `demands: gravity model, ${list.length} demands`],
    },
  };
}

function generateKind(
  kind: TopologyKind,
  options: GeneratorOptionsByKind[TopologyKind],
  box: GeoBox,
): GeneratedGraph {
  const streams: GeometricStreams = {
    positions: prngFor(options.seed, `${kind}/positions`),
    structure: prngFor(options.seed, `${kind}/structure`),
    capacities: prngFor(options.seed, `${kind}/capacities`),
  };
  switch (kind) {
    case 'ring':
      return generateRing(options, box, streams.structure);
    case 'grid':
      return generateGrid(options, box);
    case 'waxman':
      return generateWaxman(options, box, streams);
    case 'random-geometric':
      return generateRandomGeometric(options, box, streams);
    case 'isp':
      return generateIsp(options, box, streams);
  }
}
