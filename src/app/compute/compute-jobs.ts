import { sharedEngineFactory } from '../../core/intent';
import type { PathEngineFactory, PathEngineLike } from '../../core/intent';
import type { ArcId } from '../../core/model/ids';
import type { Srv6Plan } from '../../core/model/srv6';
import { CompactGraph, PathEngine } from '../../core/pathcomp';
import type { PathQuery, PathResult } from '../../core/pathcomp';
import { SidTable, TopologyGraph, topologyInputOf } from '../../core/topology';
import type { TopologyInput } from '../../core/topology';
import { TwinIndex, predictWhatIf } from '../../core/twin';
import type { LinkState, WhatIfBase, WhatIfChange, WhatIfResult } from '../../core/twin';
import type { ComputeProgress } from '../../ports/compute-pool.port';
// the registry's own module, not the assurance folder's index: a worker needs only the query rewriting
import { AvoidanceRegistry, avoidingEngineFactory } from '../assurance/avoidance.registry';
import { runCompile } from './compile.job';
import type { CompileTask } from './compile.job';

/** The network as sent to a worker once per version: rebuilt there into the same graph, same arc order. */
export interface NetworkPayload {
  readonly input: TopologyInput;
  readonly plan: Srv6Plan;
  /** The sender's compact arc order: per-arc arrays in tasks (free bandwidth, what-if base) follow it. */
  readonly arcIds: readonly string[];
}

/** Links and nodes path queries must avoid (the assurance loop's suspects), as its registry lists them. */
export interface Avoidance {
  readonly links: readonly string[];
  readonly nodes: readonly string[];
  /** A repair's fallback: disjoint queries may return the pair sharing the fewest elements. */
  readonly partialDisjoint?: boolean;
}

export interface PathsTask {
  readonly queries: readonly PathQuery[];
  /** Free Mbit/s per arc in `arcIds` order (bandwidth constraints); null: whole capacity. */
  readonly free: Float64Array | null;
  readonly avoid: Avoidance;
}

export interface WhatIfTask {
  readonly base: WhatIfBase;
  readonly change: WhatIfChange;
}

export interface WhatIfOutput {
  readonly result: WhatIfResult;
  /** The unchanged base prediction's links (for the load the demand matrix does not explain). */
  readonly baseline: LinkState[];
}

export type ComputeKind = 'paths' | 'what-if' | 'compile';

export interface CompileJob extends CompileTask {
  readonly avoid: Avoidance;
}

export function networkPayload(topology: TopologyGraph, sids: SidTable): NetworkPayload {
  return { input: topologyInputOf(topology), plan: sids.plan, arcIds: CompactGraph.of(topology).arcIds };
}

/**
 * The work the compute pool runs (on a worker thread, or inline): pure functions of the loaded network and the
 * task. Reports progress at each stage so that a job stopped over its budget can say what it had proven.
 */
export class ComputeJobs {
  private readonly topology: TopologyGraph;
  private readonly sids: SidTable;
  private readonly arcIndex: Map<string, number>;
  private readonly shared: PathEngineFactory;
  private indexCache?: TwinIndex;

  constructor(network: NetworkPayload) {
    this.topology = TopologyGraph.build(network.input);
    this.sids = SidTable.allocate(this.topology, network.plan);
    const own = CompactGraph.of(this.topology).arcIds;
    if (own.length !== network.arcIds.length || own.some((a, i) => a !== network.arcIds[i]))
      throw new Error('compute: the rebuilt topology orders its arcs differently from the sender');
    this.arcIndex = new Map(own.map((a, i) => [a, i]));
    const { topology, sids } = this;
    this.shared = sharedEngineFactory(topology, (o) => new PathEngine(topology, sids, o));
  }

  run(kind: string, payload: unknown, progress: (p: ComputeProgress) => void): unknown {
    switch (kind) {
      case 'paths':
        return this.paths(payload as PathsTask, progress);
      case 'what-if':
        return this.whatIf(payload as WhatIfTask, progress);
      case 'compile': {
        const job = payload as CompileJob;
        const { topology, sids, arcIndex } = this;
        return runCompile(job, { topology, sids, arcIndex }, this.factory(job.avoid), progress);
      }
      default:
        throw new Error(`compute: unknown job kind '${kind}'`);
    }
  }

  paths(task: PathsTask, progress: (p: ComputeProgress) => void): PathResult[] {
    const free = task.free;
    const view = free ? (arc: ArcId): number => free[this.arcIndex.get(arc)!] ?? 0 : undefined;
    const engine = this.factory(task.avoid)(view ? { freeMbps: view } : {});
    const total = task.queries.length;
    const out: PathResult[] = [];
    task.queries.forEach((q, i) => {
      const name = describe(q, i, total);
      progress({
        stage: 'query',
        detail: `${i} of ${total} queries answered; computing ${name}`,
        done: i,
        total,
      });
      if (isPairQuery(q)) progress(pairBound(engine, q, name, i, total));
      out.push(engine.compute(q));
    });
    return out;
  }

  whatIf(task: WhatIfTask, progress: (p: ComputeProgress) => void): WhatIfOutput {
    const index = (this.indexCache ??= TwinIndex.of(this.topology, this.sids));
    progress({ stage: 'what-if-baseline', detail: 'predicting the unchanged network' });
    const baseline = predictWhatIf(index, task.base, {}).links;
    progress({ stage: 'what-if', detail: 'baseline predicted; predicting the changed network' });
    return { result: predictWhatIf(index, task.base, task.change), baseline };
  }

  /** One engine for every job (its caches survive), with this job's avoidance applied to each query. */
  private factory(avoid: Avoidance): PathEngineFactory {
    if (avoid.links.length === 0 && avoid.nodes.length === 0) return this.shared;
    const registry = new AvoidanceRegistry();
    registry.hold('compute', avoid.links, avoid.nodes);
    registry.partialDisjoint = avoid.partialDisjoint === true;
    return avoidingEngineFactory(this.shared, registry);
  }
}

const isPairQuery = (q: PathQuery): boolean =>
  typeof q === 'object' && q !== null && typeof (q as { disjoint?: unknown }).disjoint === 'string';

function describe(q: PathQuery, i: number, total: number): string {
  const what = isPairQuery(q) ? `${String(q.disjoint)}-disjoint pair` : 'path';
  const ends = typeof q === 'object' && q !== null ? ` ${String(q.from)} → ${String(q.to)}` : '';
  return `${total > 1 ? `query ${i + 1} (` : ''}${what}${ends}${total > 1 ? ')' : ''}`;
}

/**
 * Before the (possibly long) pair search: the best single path under the same constraints. Its metric is a
 * proven lower bound for the pair's primary path, and its absence proves that no pair exists.
 */
function pairBound(
  engine: PathEngineLike,
  q: PathQuery,
  name: string,
  i: number,
  total: number,
): ComputeProgress {
  const single = engine.compute({
    ...q,
    disjoint: undefined,
    allowPartialDisjoint: undefined,
    msd: undefined,
  });
  const answered = `${i} of ${total} queries answered`;
  if (!single.ok)
    return {
      stage: 'pair-search',
      detail: `${answered}; ${name}: no single path meets the constraints (${single.error.code}), so no pair exists`,
      done: i,
      total,
    };
  const p = single.paths[0]!;
  return {
    stage: 'pair-search',
    detail:
      `${answered}; ${name}: a single path meeting the constraints exists (${q.metric ?? 'igp'} ${p.metric}, ` +
      `${p.hops} hops), a lower bound for the primary of any ${String(q.disjoint)}-disjoint pair; searching for the pair`,
    done: i,
    total,
  };
}
