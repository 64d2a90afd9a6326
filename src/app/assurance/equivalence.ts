import type { ObservedPath } from './assurance-engine';

/**
 * The arcs no alarmed measurement can tell apart from `top`: among the alarmed arcs, those crossed by exactly
 * the same set of paths (among all measured paths, alarmed or clean) as `top`. A clean path through an arc
 * clears it; a path crossing one arc and not the other separates them (Boolean tomography, Duffield 2006).
 */
export function equivalenceOf(
  top: string,
  alarmedPaths: readonly string[],
  paths: readonly ObservedPath[],
  alarmedArcs: readonly string[],
): string[] {
  const measured = paths.filter((p) => p.probesSent > 0 || alarmedPaths.includes(p.id));
  const signature = (arc: string): string =>
    measured
      .filter((p) => p.links.some((h) => h.arc === arc))
      .map((p) => p.id)
      .sort()
      .join('|');
  const want = signature(top);
  return [...new Set([top, ...alarmedArcs.filter((a) => signature(a) === want)])].sort();
}
