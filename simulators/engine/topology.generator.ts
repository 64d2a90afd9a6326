import { TopologyGraph } from '../../src/core/topology';
import type { LinkInput, NodeInput } from '../../src/core/topology';
import { hash4, seededRandom } from './sim-rng';

export interface GeneratedTopologyOptions {
  readonly nodes: number;
  /** Links per node (even; each node gets exactly this many when nodes > degree + 1). */
  readonly degree: number;
  readonly seed?: number;
}

const CAPACITIES = [10_000, 40_000, 100_000];

/**
 * A deterministic synthetic network for benchmarks and scale tests: a circulant graph (node i links to
 * i ± o for degree/2 distinct seeded offsets o, the first being 1 so the ring keeps it connected) with
 * seeded capacities, delays and IGP metrics, and longitudes spread round the globe.
 */
export function generateTopology(options: GeneratedTopologyOptions): TopologyGraph {
  const { nodes: n, degree } = options;
  const seed = options.seed ?? 1;
  if (n < 3 || degree < 2 || degree % 2 !== 0 || degree / 2 >= n / 2) {
    throw new RangeError('topology-generator: need nodes >= 3 and an even degree < nodes - 1');
  }
  const rnd = seededRandom(seed);
  const offsets = new Set<number>([1]);
  while (offsets.size < degree / 2) offsets.add(1 + Math.floor(rnd() * (Math.ceil(n / 2) - 1)));
  const id = (i: number): string => `n${String(i).padStart(4, '0')}`;
  const nodeInputs: NodeInput[] = Array.from({ length: n }, (_, i) => ({
    id: id(i),
    geo: { lat: 0, lon: -180 + (360 * i) / n },
  }));
  const links: LinkInput[] = [];
  for (const o of [...offsets].sort((a, b) => a - b)) {
    for (let i = 0; i < n; i++) {
      const j = (i + o) % n;
      const h = hash4(seed, i, j, 0x70);
      const dir = {
        capacityMbps: CAPACITIES[h % CAPACITIES.length]!,
        delayUs: 100 + (h % 4900),
        igpMetric: 10 + ((h >>> 8) % 3) * 5,
      };
      links.push({ id: `${id(i)}-${id(j)}`, a: id(i), b: id(j), ab: dir, ba: dir });
    }
  }
  return TopologyGraph.build({ name: `generated-${n}x${degree}`, nodes: nodeInputs, links });
}
