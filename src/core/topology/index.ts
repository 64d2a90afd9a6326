export { TopologyGraph } from './topology-graph';
export { SidTable } from './sid-table';
export { checkInvariants } from './invariants';
export { didYouMean, editDistance, lookupNode } from './node-lookup';
export type { NodeLookup } from './node-lookup';
export type { Problem } from './invariants';
export type { NodeInput, LinkInput, DirectionInput, DemandInput, TopologyInput } from './topology-input';
export {
  TOPOLOGY_FORMAT,
  topologyDocumentSchema,
  parseTopologyDocument,
  toTopologyDocument,
  topologyInputOf,
} from './topology-document';
export type { TopologyDocument } from './topology-document';
