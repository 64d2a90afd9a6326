export { LiveOptimizer } from './live-optimizer.service';
export type { DemandSource, LiveOptimizeRequest, LiveOptimizeResult } from './live-optimizer.service';
export { placeable, residualTopology } from './live-network';
export type { LiveState } from './live-network';
