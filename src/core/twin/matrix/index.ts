export { buildDemandMatrix } from './demand-matrix';
export type { DemandMatrix, DemandMatrixInput, MeasuredTraffic } from './demand-matrix';
export { ecmpColumn } from './igp-routing';
export { tomogravity } from './tomogravity';
