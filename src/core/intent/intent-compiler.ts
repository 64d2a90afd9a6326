import type { BlockingConstraint } from '../errors';
import type { ArcId, NodeId } from '../model/ids';
import type { IntentPlan, IntentSpec, SliceSpec } from '../model/intent';
import type { PathEngineOptions, PathQuery, PathResult } from '../pathcomp';
import type { SidTable, TopologyGraph } from '../topology';

/** What a compiler needs of the path engine (the real `PathEngine`, or a fake in specs). */
export interface PathEngineLike {
  compute(query: PathQuery): PathResult;
}

export type PathEngineFactory = (options: PathEngineOptions) => PathEngineLike;

export interface CompileInput<S extends IntentSpec = IntentSpec> {
  readonly spec: S;
  readonly topology: TopologyGraph;
  readonly sids: SidTable;
  /** The slice the intent names, already resolved; absent for the shared pool. */
  readonly slice?: SliceSpec;
  /** Pool the reservations go to (see `poolOf`). */
  readonly pool: string;
  /** Bandwidth this intent may take on an arc: free in its pool plus what it already holds there. */
  readonly freeMbps: (arc: ArcId) => number;
  readonly engine: PathEngineFactory;
}

export interface PathSummary {
  readonly nodes: readonly NodeId[];
  readonly delayUs: number;
  readonly metric: number;
  readonly hops: number;
}

export interface DirectionExplanation {
  readonly headend: NodeId;
  readonly endpoint: NodeId;
  readonly policy: string;
  readonly primary: PathSummary;
  readonly backup?: PathSummary;
  /** Constraints that shaped the chosen path (from the path engine). */
  readonly binding: readonly BlockingConstraint[];
}

/** Why the plan looks the way it does, in terms an engineer can check. */
export interface Explanation {
  readonly summary: string;
  readonly pool: string;
  readonly color: number;
  readonly metric: string;
  readonly directions: readonly DirectionExplanation[];
  readonly reservedArcs: number;
}

export interface CompiledIntent {
  readonly plan: IntentPlan;
  readonly explain: Explanation;
}

/**
 * One compiler per intent kind (ONOS IntentCompiler). Throws InvalidIntentError for intents that make no sense
 * on this topology and InfeasibleError (naming the blocking constraint) when the network cannot carry them.
 */
export interface IntentCompiler<S extends IntentSpec = IntentSpec> {
  readonly kind: S['kind'];
  compile(input: CompileInput<S>): CompiledIntent;
}
