/**
 * Heavy computation (path queries, what-ifs) off the event loop (issue 10 item 6). The pool runs jobs of the
 * app's compute handler (`src/app/compute/compute-jobs.ts`) on other threads, each under a wall-clock budget:
 * a job over its budget is stopped (its thread terminated and replaced), and what it reported so far is kept.
 */
export const COMPUTE_POOL = Symbol('ComputePool');

/** What the worker side had established when it last reported (the latest report wins). */
export interface ComputeProgress {
  /** Stage reached, e.g. `query`, `pair-search`, `what-if`. */
  readonly stage: string;
  /** What was proven so far, in words (e.g. a lower bound or how many queries were answered). */
  readonly detail: string;
  readonly done?: number;
  readonly total?: number;
}

/** The network the jobs run against, sent to each worker once per version (not per job). */
export interface ComputeNetwork {
  readonly version: number;
  /** Structured-cloneable; the compute handler rebuilds its model from it. */
  readonly payload: unknown;
}

export interface ComputeJob {
  readonly kind: string;
  /** Structured-cloneable input of the job. */
  readonly payload: unknown;
}

export type ComputeOutcome =
  | { readonly ok: true; readonly value: unknown; readonly ms: number }
  /** Every worker busy and the queue full: try again later. */
  | { readonly ok: false; readonly reason: 'busy'; readonly retryAfterS: number; readonly queued: number }
  /** The job ran longer than its budget and was stopped. */
  | {
      readonly ok: false;
      readonly reason: 'budget';
      readonly budgetMs: number;
      readonly progress?: ComputeProgress;
    }
  /** The job threw, or its worker died; the worker was replaced. */
  | {
      readonly ok: false;
      readonly reason: 'failed';
      readonly message: string;
      readonly progress?: ComputeProgress;
    };

export interface ComputePoolStats {
  readonly workers: number;
  readonly busy: number;
  readonly queued: number;
  readonly completed: number;
  readonly overBudget: number;
  readonly failed: number;
  readonly refusedBusy: number;
  /** Workers started to replace a terminated or dead one. */
  readonly replaced: number;
}

export interface ComputePool {
  /** Where jobs run: `worker-threads` or `inline` (the caller's thread, budgets not enforced). */
  readonly mode: 'worker-threads' | 'inline';
  /** Makes this network the one every later job runs against (sent to each worker once). */
  load(network: ComputeNetwork): void;
  /** Never rejects: refusals and overruns are outcomes. */
  run(job: ComputeJob, budgetMs: number): Promise<ComputeOutcome>;
  stats(): ComputePoolStats;
  close(): Promise<void>;
}
