import { generateGeometric } from './geometric-graph';
import type { GeometricStreams } from './geometric-graph';
import type { GeneratedGraph } from './generated-graph';
import { GeneratorError } from './generator-error';
import { requireNumber } from './generator-options';
import type { RandomGeometricOptions } from './generator-options';
import type { GeoBox } from './geo-box';

/**
 * The random geometric graph G(N, r): points uniform in the unit square, every pair within r linked. Without
 * r, r = sqrt(k / (πN)) for the target mean degree k (border ignored). Pairs come from a spatial grid with
 * r-sized cells; components are then joined by nearest-outsider repair links.
 */
export function generateRandomGeometric(
  options: RandomGeometricOptions,
  box: GeoBox,
  streams: GeometricStreams,
): GeneratedGraph {
  const n = options.nodes;
  if (options.radius !== undefined && options.meanDegree !== undefined) {
    throw new GeneratorError('radius', 'give radius or meanDegree, not both');
  }
  const meanDegree =
    options.meanDegree === undefined ? 6 : requireNumber('meanDegree', options.meanDegree, 0, n - 1);
  const radius =
    options.radius === undefined
      ? Math.min(Math.SQRT2, Math.sqrt(meanDegree / (Math.PI * n)))
      : requireNumber('radius', options.radius, 0, Math.SQRT2);
  const graph = generateGeometric(
    { kind: 'random-geometric', nodes: n, cutoff: radius, accept: () => true },
    box,
    streams,
  );
  return {
    ...graph,
    derived: [`random-geometric: radius ${radius.toPrecision(4)} in the unit square`, ...graph.derived],
  };
}
