import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStore } from '../../ports/intent-store.port';
import { IntentReconciler } from './intent-reconciler';
import type { ReconcileReport } from './intent-reconciler';
import { CLOCK } from './intent.tokens';
import type { Clock } from './intent.tokens';

export interface ReconcileScheduleOptions {
  /** Period between runs; 0 runs nothing. */
  readonly intervalMs: number;
  /** Audit retention applied on each run (0 or absent: unlimited). */
  readonly auditMaxRows?: number;
  readonly auditMaxAgeDays?: number;
  readonly onReport?: (report: ReconcileReport) => void;
  readonly onError?: (error: unknown) => void;
}

/**
 * Runs the reconciler periodically after start (not only at start-up): drift and orphans are repaired and
 * reported while the controller runs, and audit retention is applied. Runs never overlap; a failing run is
 * reported and the next one still happens.
 */
@Injectable()
export class ReconcileScheduler implements OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  runs = 0;
  auditPruned = 0;

  constructor(
    private readonly reconciler: IntentReconciler,
    @Inject(INTENT_STORE) private readonly store: IntentStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  start(options: ReconcileScheduleOptions): void {
    this.stop();
    if (options.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.runOnce(options), options.intervalMs);
    this.timer.unref();
  }

  /** One periodic run (skipped while the previous one is still going). */
  runOnce(options: Omit<ReconcileScheduleOptions, 'intervalMs'> = {}): Promise<void> {
    this.running ??= this.run(options).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop();
    await this.running;
  }

  private async run(options: Omit<ReconcileScheduleOptions, 'intervalMs'>): Promise<void> {
    try {
      const report = await this.reconciler.reconcile({ startup: false });
      this.runs += 1;
      options.onReport?.(report);
      const rows = options.auditMaxRows || undefined;
      const days = options.auditMaxAgeDays || undefined;
      if (this.store.pruneAudit && (rows !== undefined || days !== undefined)) {
        this.auditPruned += this.store.pruneAudit({
          ...(rows !== undefined && { maxRows: rows }),
          ...(days !== undefined && { maxAgeDays: days }),
          now: this.clock(),
        });
      }
    } catch (error) {
      options.onError?.(error);
    }
  }
}
