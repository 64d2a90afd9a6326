import { TopologyGraph } from '../topology';

const dir = (capacityMbps: number) => ({ capacityMbps, delayUs: 100, igpMetric: 10 });

/** A three-node test topology: L1 A–B 1 Gbit/s, L2 A–C 100 Mbit/s, L3 C–B 10 Mbit/s. */
export const triangle = TopologyGraph.build({
  name: 'tri',
  nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
  links: [
    { id: 'L1', a: 'A', b: 'B', ab: dir(1000), ba: dir(1000) },
    { id: 'L2', a: 'A', b: 'C', ab: dir(100), ba: dir(100) },
    { id: 'L3', a: 'C', b: 'B', ab: dir(10), ba: dir(10) },
  ],
});
