import type {
  ComputeJob,
  ComputeNetwork,
  ComputeOutcome,
  ComputePool,
  ComputePoolStats,
  ComputeProgress,
} from '../../ports/compute-pool.port';
import { ComputeJobs } from './compute-jobs';
import type { NetworkPayload } from './compute-jobs';

/**
 * The pool with no threads (`--compute-workers 0`, and the bench's baseline): jobs run on the caller's thread,
 * one at a time, so budgets cannot be enforced and the event loop waits for each job, as before issue 10.
 */
export class InlineComputePool implements ComputePool {
  readonly mode = 'inline' as const;
  private jobs?: ComputeJobs;
  private completed = 0;
  private failed = 0;

  load(network: ComputeNetwork): void {
    this.jobs = new ComputeJobs(network.payload as NetworkPayload);
  }

  run(job: ComputeJob): Promise<ComputeOutcome> {
    const t0 = performance.now();
    let progress: ComputeProgress | undefined;
    try {
      if (!this.jobs) throw new Error('no network loaded');
      const value = this.jobs.run(job.kind, job.payload, (p) => (progress = p));
      this.completed++;
      return Promise.resolve({ ok: true, value, ms: performance.now() - t0 });
    } catch (err) {
      this.failed++;
      const message = err instanceof Error ? err.message : String(err);
      return Promise.resolve({ ok: false, reason: 'failed', message, ...(progress && { progress }) });
    }
  }

  stats(): ComputePoolStats {
    const { completed, failed } = this;
    return { workers: 0, busy: 0, queued: 0, completed, failed, overBudget: 0, refusedBusy: 0, replaced: 0 };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
