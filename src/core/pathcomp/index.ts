import type { SidTable, TopologyGraph } from '../topology';
import { PathEngineCore } from './path-engine';
import type { PathEngineOptions } from './path-types';
import { SegmentEncoder } from './segment-list';

export type {
  PathMetric,
  Disjointness,
  PathQuery,
  PathSegment,
  ComputedPath,
  BlockingConstraint,
  PathResult,
  PathEngineOptions,
} from './path-types';
export { pathQuerySchema } from './path-query';
export { CompactGraph } from './compact-graph';
export { shortestPath, distanceTree, reachable } from './dijkstra';
export { SegmentEncoder } from './segment-list';
export type { SegmentEncoding } from './segment-list';
export { DEFAULT_USID_FORMAT, packUsid, unpackUsid } from './usid';
export type { UsidFormat, UsidSegment, UsidPacking, UsidUnpacking } from './usid';
export { TeOptimizer, buildMinMluLp, parseGlpkSolution } from './te';
export type { TeOptions, TeResult, PlacedDemand, LpModel, LpOutcome } from './te';

/** The path engine (contract: notes/pathcomp-api.md): exact constrained paths, disjoint pairs, SRv6 SID lists. */
export class PathEngine extends PathEngineCore {
  constructor(topology: TopologyGraph, sids: SidTable, options?: PathEngineOptions) {
    super(topology, new SegmentEncoder(topology, sids), options);
  }
}
