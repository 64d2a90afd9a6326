import type { SidTable, TopologyGraph } from '../../core/topology';

/** The network the controller manages: its topology model and SRv6 addressing (a snapshot, immutable). */
export interface NetworkModel {
  readonly topology: TopologyGraph;
  readonly sids: SidTable;
}

export const NETWORK_MODEL = Symbol('NetworkModel');
/** `PathEngineFactory` from core/intent: builds a path engine over the network with a free-bandwidth view. */
export const PATH_ENGINE_FACTORY = Symbol('PathEngineFactory');
/** `PlanVerifier` from core/intent (the topology model now, the digital twin later). */
export const PLAN_VERIFIER = Symbol('PlanVerifier');
/** `() => Date`: the only clock the app layer reads. */
export const CLOCK = Symbol('Clock');
export type Clock = () => Date;
