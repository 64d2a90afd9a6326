import { TopologyGraph } from '../../src/core/topology';
import type { DemandInput, DirectionInput } from '../../src/core/topology';

const dir = (igpMetric = 10, capacityMbps = 1000, delayUs = 1000): DirectionInput => ({
  capacityMbps,
  delayUs,
  igpMetric,
});

/**
 * Test network for the engine's specs:
 *
 *        B
 *      /   \
 *     A     D --- E
 *      \   /
 *        C --- F (metric 50 to D)
 *
 * A→D has two equal-cost paths (via B and via C); C–F–D is a long detour an SR policy can force.
 */
export function diamond(
  demands: readonly DemandInput[] = [{ from: 'A', to: 'E', mbps: 100 }],
): TopologyGraph {
  return TopologyGraph.build({
    name: 'diamond',
    nodes: ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => ({ id })),
    links: [
      { id: 'AB', a: 'A', b: 'B', ab: dir(), ba: dir() },
      { id: 'AC', a: 'A', b: 'C', ab: dir(), ba: dir() },
      { id: 'BD', a: 'B', b: 'D', ab: dir(), ba: dir() },
      { id: 'CD', a: 'C', b: 'D', ab: dir(), ba: dir() },
      { id: 'DE', a: 'D', b: 'E', ab: dir(10, 10_000), ba: dir(10, 10_000) },
      { id: 'CF', a: 'C', b: 'F', ab: dir(25, 1000, 3000), ba: dir(25, 1000, 3000) },
      { id: 'FD', a: 'F', b: 'D', ab: dir(25, 1000, 3000), ba: dir(25, 1000, 3000) },
    ],
    demands: [...demands],
  });
}
