import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { CompiledIntent } from '../../core/intent';
import type { ArcId } from '../../core/model/ids';
import type { IntentSpec, SliceSpec } from '../../core/model/intent';
import { CompactGraph } from '../../core/pathcomp';
import type { PathQuery, PathResult } from '../../core/pathcomp';
import type { TopologyGraph } from '../../core/topology';
import type { WhatIfBase, WhatIfChange } from '../../core/twin';
import { COMPUTE_POOL } from '../../ports/compute-pool.port';
import type { ComputeOutcome, ComputePool, ComputePoolStats } from '../../ports/compute-pool.port';
import { NETWORK_MODEL } from '../intent/intent.tokens';
import type { NetworkModel } from '../intent/intent.tokens';
import type { CompileOutput } from './compile.job';
import { networkPayload } from './compute-jobs';
import type { Avoidance, CompileJob, ComputeKind, PathsTask, WhatIfOutput, WhatIfTask } from './compute-jobs';
import { ComputeRefusal } from './compute-refusal';
import { decodeDomainError } from './domain-error.codec';

export const COMPUTE_OPTIONS = Symbol('ComputeOptions');

export interface ComputeOptions {
  /** Wall-clock budget of one request's computation on a worker (ms). */
  readonly budgetMs: number;
  /** What path queries must avoid right now (the assurance loop's suspects); default nothing. */
  readonly avoid?: () => Avoidance;
}

/** An intent compiled on the pool, with the inputs it read: valid only while they are unchanged. */
export interface PooledCompile {
  readonly free: Float64Array;
  readonly avoid: Avoidance;
  /** The compiled intent, or what the compilation threw (a DomainError, or a ComputeRefusal). */
  readonly outcome:
    | { readonly ok: true; readonly compiled: CompiledIntent }
    | { readonly ok: false; readonly error: unknown };
}

export interface CompileRequest {
  readonly spec: IntentSpec;
  readonly slice?: SliceSpec;
  readonly pool: string;
  readonly freeMbps: (arc: ArcId) => number;
}

const NOTHING: Avoidance = { links: [], nodes: [] };

/** Topology versions: a new graph object is a new version, sent once to every worker. */
const versions = new WeakMap<TopologyGraph, number>();
let lastVersion = 0;
const versionOf = (t: TopologyGraph): number => {
  let v = versions.get(t);
  if (v === undefined) versions.set(t, (v = ++lastVersion));
  return v;
};

/**
 * Path queries, intent compilations and what-ifs on the compute pool (issue 10 item 6): the network is loaded
 * into the pool once, each request sends only its own inputs, and a request the pool cannot take or finish in
 * its budget becomes a `ComputeRefusal` (503 or 422).
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
    const task: PathsTask = { queries, free: free ? this.vector(free) : null, avoid: this.avoidNow() };
    return (await this.run('paths', task, 'paths')) as PathResult[];
  }

  async whatIf(base: WhatIfBase, change: WhatIfChange): Promise<WhatIfOutput> {
    const task: WhatIfTask = { base, change };
    return (await this.run('what-if', task, 'twin what-if')) as WhatIfOutput;
  }

  /** Compiles an intent on the pool; never rejects (the outcome says what the compilation threw). */
  async compile(req: CompileRequest): Promise<PooledCompile> {
    const free = this.vector(req.freeMbps);
    const avoid = this.avoidNow();
    const job: CompileJob = {
      spec: req.spec,
      ...(req.slice && { slice: req.slice }),
      pool: req.pool,
      free,
      avoid,
    };
    try {
      const out = (await this.run('compile', job, `intent '${req.spec.name}'`)) as CompileOutput;
      const outcome = out.ok
        ? { ok: true as const, compiled: out.compiled }
        : { ok: false as const, error: decodeDomainError(out.error) };
      return { free, avoid, outcome };
    } catch (error) {
      return { free, avoid, outcome: { ok: false, error } };
    }
  }

  /** Whether a pooled compilation read exactly what the controller holds now (same free bandwidth, avoidance). */
  unchanged(p: PooledCompile, freeMbps: (arc: ArcId) => number): boolean {
    const now = this.avoidNow();
    if (!sameList(now.links, p.avoid.links) || !sameList(now.nodes, p.avoid.nodes)) return false;
    return this.arcIds.every((a, i) => freeMbps(a) === p.free[i]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }

  private vector(free: (arc: ArcId) => number): Float64Array {
    return Float64Array.from(this.arcIds, (a) => free(a));
  }

  private avoidNow(): Avoidance {
    return this.options.avoid?.() ?? NOTHING;
  }

  private async run(kind: ComputeKind, payload: unknown, what: string): Promise<unknown> {
    const outcome: ComputeOutcome = await this.pool.run({ kind, payload }, this.options.budgetMs);
    if (outcome.ok) return outcome.value;
    throw ComputeRefusal.of(what, outcome);
  }
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
