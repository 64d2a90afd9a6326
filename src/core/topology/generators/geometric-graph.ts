import { connectComponents } from './connect-components';
import type { GeneratedGraph } from './generated-graph';
import { nodesAt, uniformPoints } from './generated-graph';
import type { GeoBox, Point } from './geo-box';
import { LinkBuilder, drawTier } from './link-builder';
import type { Prng } from './prng';
import { SpatialGrid } from './spatial-grid';

export interface GeometricPlan {
  readonly kind: string;
  readonly nodes: number;
  /** Only pairs this close are candidates (the spatial grid's cell size). */
  readonly cutoff: number;
  /** Whether a candidate pair at distance d becomes a link (may draw from the structure stream). */
  readonly accept: (d: number) => boolean;
}

export interface GeometricStreams {
  readonly positions: Prng;
  readonly structure: Prng;
  readonly capacities: Prng;
}

/**
 * The common shape of the random geometric kinds: uniform points, candidate pairs from a spatial grid (so the
 * work is O(N · neighbours within the cutoff), not O(N²)), accepted by the kind's rule, then repaired to one
 * component with nearest-outsider links. Capacity tiers come from their own stream.
 */
export function generateGeometric(
  plan: GeometricPlan,
  box: GeoBox,
  streams: GeometricStreams,
): GeneratedGraph {
  const points: Point[] = uniformPoints(plan.nodes, () => streams.positions.next());
  const nodes = nodesAt(points, box, (i) => ({
    id: `n${i + 1}`,
    name: `${plan.kind}-${i + 1}`,
    role: 'core',
  }));
  const links = new LinkBuilder(
    nodes.map((x) => x.id),
    nodes.map((x) => x.geo!),
  );
  const grid = new SpatialGrid(points, plan.cutoff);
  grid.forEachPairWithin(plan.cutoff, (i, j, d) => {
    if (plan.accept(d)) links.add(i, j, drawTier(streams.capacities));
  });
  const drawn = links.count;
  const repaired = connectComponents(links, grid, () => drawTier(streams.capacities));
  return {
    nodes,
    links: links.result(),
    derived: [
      `${plan.kind}: ${drawn} links drawn, ${repaired} repair links joining each smaller component to its nearest outside node`,
      'capacityMbps tiers drawn per link: 40% 10G, 35% 40G, 25% 100G',
    ],
  };
}
