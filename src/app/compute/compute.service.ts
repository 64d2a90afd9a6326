import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { ArcId } from '../../core/model/ids';
import { CompactGraph } from '../../core/pathcomp';
import type { PathQuery, PathResult } from '../../core/pathcomp';
import type { TopologyGraph } from '../../core/topology';
import type { WhatIfBase, WhatIfChange } from '../../core/twin';
import { COMPUTE_POOL } from '../../ports/compute-pool.port';
import type { ComputeOutcome, ComputePool, ComputePoolStats } from '../../ports/compute-pool.port';
import { NETWORK_MODEL } from '../intent/intent.tokens';
import type { NetworkModel } from '../intent/intent.tokens';
import { networkPayload } from './compute-jobs';
import type { ComputeKind, PathsTask, WhatIfOutput, WhatIfTask } from './compute-jobs';
import { ComputeRefusal } from './compute-refusal';

export const COMPUTE_OPTIONS = Symbol('ComputeOptions');

export interface ComputeOptions {
  /** Wall-clock budget of one request's computation on a worker (ms). */
  readonly budgetMs: number;
  /** Rewrites a query as the controller's path engine factory would (e.g. the assurance loop's avoidance). */
  readonly rewrite?: (q: PathQuery) => PathQuery;
}

/** Topology versions: a new graph object is a new version, sent once to every worker. */
const versions = new WeakMap<TopologyGraph, number>();
let lastVersion = 0;
const versionOf = (t: TopologyGraph): number => {
  let v = versions.get(t);
  if (v === undefined) versions.set(t, (v = ++lastVersion));
  return v;
};

/**
 * Path queries and what-ifs on the compute pool (issue 10 item 6): the network is loaded into the pool once,
 * each request sends only its own inputs (queries and free bandwidth, or the what-if base and change), and a
 * request the pool cannot take or finish in its budget becomes a `ComputeRefusal` (503 or 422).
 */
@Injectable()
export class ComputeService implements OnApplicationShutdown {
  private readonly arcIds: readonly ArcId[];

  constructor(
    @Inject(COMPUTE_POOL) private readonly pool: ComputePool,
    @Inject(NETWORK_MODEL) network: NetworkModel,
    @Inject(COMPUTE_OPTIONS) private readonly options: ComputeOptions,
  ) {
    this.arcIds = CompactGraph.of(network.topology).arcIds;
    pool.load({
      version: versionOf(network.topology),
      payload: networkPayload(network.topology, network.sids),
    });
  }

  get budgetMs(): number {
    return this.options.budgetMs;
  }

  stats(): ComputePoolStats & { mode: ComputePool['mode']; budgetMs: number } {
    return { mode: this.pool.mode, budgetMs: this.options.budgetMs, ...this.pool.stats() };
  }

  /** One result per query, in order; `free` gives the bandwidth constraints' view (absent: capacity). */
  async paths(queries: readonly PathQuery[], free?: (arc: ArcId) => number): Promise<PathResult[]> {
    const rewrite = this.options.rewrite;
    const task: PathsTask = {
      queries: rewrite ? queries.map((q) => (isObject(q) ? rewrite(q) : q)) : queries,
      free: free ? Float64Array.from(this.arcIds, (a) => free(a)) : null,
    };
    return (await this.run('paths', task, 'paths')) as PathResult[];
  }

  async whatIf(base: WhatIfBase, change: WhatIfChange): Promise<WhatIfOutput> {
    const task: WhatIfTask = { base, change };
    return (await this.run('what-if', task, 'twin what-if')) as WhatIfOutput;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }

  private async run(kind: ComputeKind, payload: unknown, what: string): Promise<unknown> {
    const outcome: ComputeOutcome = await this.pool.run({ kind, payload }, this.options.budgetMs);
    if (outcome.ok) return outcome.value;
    throw ComputeRefusal.of(what, outcome);
  }
}

const isObject = (q: unknown): q is PathQuery => typeof q === 'object' && q !== null && !Array.isArray(q);
