import { TopologyGraph } from '../../topology';
import type { LinkInput } from '../../topology';

const dir = (capacityMbps: number, delayUs: number) => ({ capacityMbps, delayUs, igpMetric: 10 });
const link = (
  id: string,
  a: string,
  b: string,
  cap: number,
  delay: number,
  srlgs: number[] = [],
): LinkInput => ({
  id,
  a,
  b,
  srlgs,
  ab: dir(cap, delay),
  ba: dir(cap, delay),
});

/**
 * A square with a fast side and a slow side, and a pendant node E behind D:
 *   A —100µs— B —100µs— D —50µs— E
 *   A —300µs— C —300µs— D
 * Link capacities are `cap` Mbit/s (default 1000); A-B and C-D share SRLG 7 when `sharedSrlg`.
 */
export function squareTopology(options: { cap?: number; sharedSrlg?: boolean } = {}): TopologyGraph {
  const cap = options.cap ?? 1000;
  const srlg = options.sharedSrlg ? [7] : [];
  return TopologyGraph.build({
    name: 'square',
    nodes: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id })),
    links: [
      link('A-B', 'A', 'B', cap, 100, srlg),
      link('B-D', 'B', 'D', cap, 100),
      link('A-C', 'A', 'C', cap, 300),
      link('C-D', 'C', 'D', cap, 300, srlg),
      link('D-E', 'D', 'E', cap, 50),
    ],
  });
}
