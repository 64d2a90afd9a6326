export { generateTopology } from './topology-generator';
export { gravityDemands } from './gravity-demands';
export type { GravityOptions } from './gravity-demands';
export { GeneratorError } from './generator-error';
export { TOPOLOGY_KINDS, MIN_NODES, MAX_NODES, isTopologyKind } from './generator-options';
export type {
  TopologyKind,
  CommonOptions,
  RingOptions,
  GridOptions,
  WaxmanOptions,
  RandomGeometricOptions,
  IspOptions,
  DemandOptions,
  MassModel,
  GeneratorOptions,
  GeneratorOptionsByKind,
} from './generator-options';
export { DEFAULT_GEO_BOX } from './geo-box';
export type { GeoBox } from './geo-box';
export { Prng, seedOf, prngFor } from './prng';
