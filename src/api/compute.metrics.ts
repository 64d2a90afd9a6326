import { Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { ComputeService } from '../app/compute';
import type { ComputePoolStats } from '../ports/compute-pool.port';
import { ControllerMetrics } from './metrics.controller';
import { scrapeCounter, scrapeGauge } from './scrape-metrics';

type Cumulative = 'completed' | 'overBudget' | 'failed' | 'refusedBusy' | 'replaced';

/** Cumulative pool outcomes as Prometheus counters: name → the stats field it reads. */
const COUNTERS: readonly (readonly [string, string, Cumulative])[] = [
  ['autonet_compute_jobs_completed_total', 'Compute jobs answered by the pool', 'completed'],
  ['autonet_compute_jobs_over_budget_total', 'Compute jobs stopped at their CPU budget (422)', 'overBudget'],
  ['autonet_compute_jobs_failed_total', 'Compute jobs that failed (worker crash or error)', 'failed'],
  [
    'autonet_compute_jobs_refused_busy_total',
    'Compute jobs refused because the pool was full (503)',
    'refusedBusy',
  ],
  [
    'autonet_compute_workers_replaced_total',
    'Workers started to replace a terminated or dead one',
    'replaced',
  ],
];

/**
 * Prometheus view of the compute pool (path queries, intent compilation, what-ifs off the event loop): size,
 * busy and queued work now, and the cumulative outcomes, so an SRE sees budget overruns and busy refusals.
 */
@Injectable()
export class ComputeMetrics implements OnModuleInit {
  private stats: ComputePoolStats | undefined;

  constructor(
    private readonly metrics: ControllerMetrics,
    private readonly compute: ComputeService,
  ) {}

  onModuleInit(): void {
    const r = this.metrics.registry;
    this.metrics.onScrape(() => (this.stats = undefined));
    const now = (): ComputePoolStats => (this.stats ??= this.compute.stats());
    const mode = this.compute.stats().mode;
    const gauge = (name: string, help: string, pick: (s: ComputePoolStats) => number) =>
      scrapeGauge(r, name, help, ['mode'], (g) => g.set({ mode }, pick(now())));
    gauge('autonet_compute_workers', 'Worker threads of the compute pool (0 when inline)', (s) => s.workers);
    gauge('autonet_compute_busy', 'Compute jobs running now', (s) => s.busy);
    gauge('autonet_compute_queued', 'Compute jobs waiting for a worker', (s) => s.queued);
    for (const [name, help, field] of COUNTERS)
      scrapeCounter(r, name, help, [], (set) => set({}, now()[field]));
  }
}
