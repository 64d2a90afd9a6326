import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  ComputeJob,
  ComputeNetwork,
  ComputeOutcome,
  ComputePool,
  ComputePoolStats,
  ComputeProgress,
} from '../../ports/compute-pool.port';
import type { FromWorker, ToWorker } from './worker-protocol';

export interface WorkerThreadPoolOptions {
  /** Worker threads (default: min(2, cores − 1), at least 1). */
  readonly size?: number;
  /** Jobs waiting for a worker before new ones are refused as busy (default 8 per worker). */
  readonly queueLimit?: number;
  /** Worker module (default: compute.worker beside this file; `.ts` is transpiled on load, as in tests). */
  readonly script?: string;
  /** Heap ceiling of each worker (default 1024 MB): a runaway job kills its worker, not the controller. */
  readonly maxHeapMb?: number;
}

export const defaultWorkers = (): number => Math.max(1, Math.min(2, availableParallelism() - 1));

/**
 * Loads the worker module; TypeScript sources (tests, ts-jest) are transpiled on require like test/api/run-ts.cjs
 * does for the CLI, so the same pool runs from `dist/` and from `src/`. Transpiled files are cached on disk by
 * content hash, so only the first worker of a source version pays for the compiler.
 */
const BOOTSTRAP = `
const { workerData, threadId } = require('node:worker_threads');
if (workerData.script.endsWith('.ts')) {
  const fs = require('node:fs');
  const path = require('node:path');
  const { createHash } = require('node:crypto');
  fs.mkdirSync(workerData.cacheDir, { recursive: true });
  let ts;
  require.extensions['.ts'] = (m, filename) => {
    const src = fs.readFileSync(filename, 'utf8');
    const file = path.join(workerData.cacheDir, createHash('sha1').update(filename).update(src).digest('hex') + '.js');
    let out;
    try {
      out = fs.readFileSync(file, 'utf8');
    } catch {
      ts ??= require(workerData.typescript);
      const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022,
        experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true };
      out = ts.transpileModule(src, { compilerOptions, fileName: filename }).outputText;
      const tmp = file + '.' + process.pid + '.' + threadId;
      try { fs.writeFileSync(tmp, out); fs.renameSync(tmp, file); } catch {}
    }
    m._compile(out, filename);
  };
}
require(workerData.script);
`;

interface Pending {
  readonly id: number;
  readonly job: ComputeJob;
  readonly budgetMs: number;
  readonly resolve: (o: ComputeOutcome) => void;
  progress?: ComputeProgress;
  startedAt?: number;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job?: Pending;
}

/**
 * The `ComputePool` on node:worker_threads (ADR 0115): a fixed set of workers, a bounded FIFO queue, a budget
 * timer per job started when the worker begins it; a job over budget or a worker that dies is answered at once
 * and its worker terminated and replaced (with the current network sent again).
 */
export class WorkerThreadPool implements ComputePool {
  readonly mode = 'worker-threads' as const;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly size: number;
  private readonly queueLimit: number;
  private readonly script: string;
  private network?: ComputeNetwork;
  private nextId = 1;
  private closed = false;
  private meanMs = 0;
  private readonly counts = { completed: 0, overBudget: 0, failed: 0, refusedBusy: 0, replaced: 0 };

  constructor(private readonly options: WorkerThreadPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultWorkers()));
    this.queueLimit = Math.max(0, Math.floor(options.queueLimit ?? 8 * this.size));
    const ext = __filename.endsWith('.ts') ? '.ts' : '.js';
    this.script = options.script ?? join(__dirname, `compute.worker${ext}`);
  }

  load(network: ComputeNetwork): void {
    this.network = network;
    for (const s of this.slots) this.post(s.worker, { type: 'load', ...network });
  }

  run(job: ComputeJob, budgetMs: number): Promise<ComputeOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'failed', message: 'compute pool closed' });
    // workers start with the first job: a controller that never computes pays nothing for them
    while (this.slots.length < this.size) this.slots.push({ worker: this.spawn() });
    return new Promise((resolve) => {
      const p: Pending = { id: this.nextId++, job, budgetMs, resolve };
      const idle = this.slots.find((s) => !s.job);
      if (idle) return this.dispatch(idle, p);
      if (this.queue.length >= this.queueLimit) {
        this.counts.refusedBusy++;
        return resolve({
          ok: false,
          reason: 'busy',
          retryAfterS: this.retryAfterS(),
          queued: this.queue.length,
        });
      }
      this.queue.push(p);
    });
  }

  stats(): ComputePoolStats {
    const busy = this.slots.filter((s) => s.job).length;
    return { workers: this.size, busy, queued: this.queue.length, ...this.counts };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0))
      p.resolve({ ok: false, reason: 'failed', message: 'compute pool closed' });
    await Promise.all(
      this.slots.map(async (s) => {
        if (s.job) this.finish(s, { ok: false, reason: 'failed', message: 'compute pool closed' });
        await s.worker.terminate();
      }),
    );
  }

  /** Seconds until a queued job would likely start: the queue ahead of it at the mean job time, at least 1. */
  private retryAfterS(): number {
    const mean = this.meanMs > 0 ? this.meanMs : 1000;
    return Math.max(1, Math.ceil(((this.queue.length / this.size + 1) * mean) / 1000));
  }

  private spawn(): Worker {
    const workerData = {
      script: this.script,
      ...(this.script.endsWith('.ts') && {
        typescript: require.resolve('typescript'),
        cacheDir: join(tmpdir(), 'autonet-compute-ts'),
      }),
    };
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 1024 },
    });
    worker.unref();
    worker.on('message', (m: FromWorker) => this.onMessage(worker, m));
    worker.on('error', (err) => this.onDeath(worker, `compute worker failed: ${err.message}`));
    worker.on('exit', (code) => this.onDeath(worker, `compute worker exited with code ${code}`));
    if (this.network) this.post(worker, { type: 'load', ...this.network });
    return worker;
  }

  private post(worker: Worker, m: ToWorker): void {
    worker.postMessage(m);
  }

  private dispatch(slot: Slot, p: Pending): void {
    slot.job = p;
    this.post(slot.worker, { type: 'job', id: p.id, kind: p.job.kind, payload: p.job.payload });
  }

  private onMessage(worker: Worker, m: FromWorker): void {
    const slot = this.slots.find((s) => s.worker === worker);
    const p = slot?.job;
    if (!slot || !p || m.type === 'load-failed' || m.id !== p.id) return;
    switch (m.type) {
      case 'start':
        p.startedAt = performance.now();
        p.timer = setTimeout(() => this.overrun(slot, p), p.budgetMs);
        return;
      case 'progress':
        p.progress = m.progress;
        return;
      case 'done': {
        const ms = performance.now() - (p.startedAt ?? performance.now());
        this.meanMs = this.meanMs === 0 ? ms : 0.8 * this.meanMs + 0.2 * ms;
        this.counts.completed++;
        return this.finish(slot, { ok: true, value: m.value, ms });
      }
      case 'failed':
        this.counts.failed++;
        return this.finish(slot, { ok: false, reason: 'failed', message: m.message, ...progressOf(p) });
    }
  }

  private overrun(slot: Slot, p: Pending): void {
    if (slot.job !== p) return;
    this.counts.overBudget++;
    this.replace(slot);
    this.finish(slot, { ok: false, reason: 'budget', budgetMs: p.budgetMs, ...progressOf(p) });
  }

  private onDeath(worker: Worker, message: string): void {
    const slot = this.slots.find((s) => s.worker === worker);
    if (!slot || this.closed) return;
    const p = slot.job;
    this.replace(slot);
    if (!p) return;
    this.counts.failed++;
    this.finish(slot, { ok: false, reason: 'failed', message, ...progressOf(p) });
  }

  /** Terminates the slot's worker (if still running) and puts a fresh one, with the current network, in its place. */
  private replace(slot: Slot): void {
    const old = slot.worker;
    slot.worker = this.spawn();
    this.counts.replaced++;
    void old.terminate();
  }

  private finish(slot: Slot, outcome: ComputeOutcome): void {
    const p = slot.job;
    if (!p) return;
    if (p.timer) clearTimeout(p.timer);
    slot.job = undefined;
    p.resolve(outcome);
    const next = this.closed ? undefined : this.queue.shift();
    if (next) this.dispatch(slot, next);
  }
}

const progressOf = (p: Pending): { progress?: ComputeProgress } =>
  p.progress ? { progress: p.progress } : {};
