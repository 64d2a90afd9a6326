import { generateGeometric } from './geometric-graph';
import type { GeometricStreams } from './geometric-graph';
import type { GeneratedGraph } from './generated-graph';
import { GeneratorError } from './generator-error';
import { requireNumber } from './generator-options';
import type { WaxmanOptions } from './generator-options';
import type { GeoBox } from './geo-box';

const { exp } = Math; // a module binding: cheap in hot loops, also inside Jest's vm sandbox

/** Pairs whose Waxman probability is below this are never drawn (loses ~0.2% of the expected links). */
const NEGLIGIBLE_P = 1e-4;
const L = Math.SQRT2;

/**
 * Waxman's random graph: points uniform in the unit square, each pair linked with probability
 * β·exp(−d / (α·L)), L = √2 the largest distance. Without α, α is chosen so the expected mean degree is
 * `meanDegree` (ignoring the border): k ≈ N·2π·β·(αL)², so αL = sqrt(k / (2πβN)). Only pairs within the
 * distance where the probability falls below 1e-4 are candidates, found with a spatial grid.
 */
export function generateWaxman(
  options: WaxmanOptions,
  box: GeoBox,
  streams: GeometricStreams,
): GeneratedGraph {
  const n = options.nodes;
  const beta = options.beta === undefined ? 0.5 : requireNumber('beta', options.beta, 0, 1);
  if (options.alpha !== undefined && options.meanDegree !== undefined) {
    throw new GeneratorError('alpha', 'give alpha or meanDegree, not both');
  }
  const meanDegree =
    options.meanDegree === undefined ? 4 : requireNumber('meanDegree', options.meanDegree, 0, n - 1);
  const scale =
    options.alpha === undefined
      ? Math.sqrt(meanDegree / (2 * Math.PI * beta * n))
      : requireNumber('alpha', options.alpha, 0, 1e6) * L;
  const cutoff = beta > NEGLIGIBLE_P ? Math.min(L, scale * Math.log(beta / NEGLIGIBLE_P)) : 0;
  const graph = generateGeometric(
    {
      kind: 'waxman',
      nodes: n,
      cutoff,
      accept: (d) => streams.structure.next() < beta * exp(-d / scale),
    },
    box,
    streams,
  );
  const alpha = scale / L;
  return {
    ...graph,
    derived: [
      `waxman: P = β·exp(−d/(α·L)), β = ${beta}, α = ${alpha.toPrecision(4)}, L = √2; pairs beyond d = ${cutoff.toPrecision(4)} (P < 1e-4) not drawn`,
      ...graph.derived,
    ],
  };
}
