import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import type { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { CLOCK, IntentService } from '../app/intent';
import type { Clock } from '../app/intent';
import { TwinService } from '../app/twin';
import { IN_SERVICE, INTENT_STATUSES } from '../core/intent';
import type { IntentStatus } from '../core/model/intent';
import type { StoredIntent } from '../ports/intent-store.port';
import type { TwinStateView } from '../core/twin';
import { ControllerMetrics } from './metrics.controller';
import { scrapeGauge } from './scrape-metrics';

interface ScrapeView {
  readonly intents: StoredIntent[];
  readonly slo: ReturnType<typeof sloSeries>;
  readonly fresh: ReturnType<typeof twinFreshness>;
}

/** At most this many intents get per-intent SLO series (a label value each); the rest are counted. */
export const MAX_SLO_SERIES = 200;

/** One in-service intent's SLO as measured by the twin (worst of its fresh policies). */
export interface SloSeries {
  readonly intent: string;
  /** 1 when every fresh policy meets the SLO, 0 when one does not; absent while nothing fresh is measured. */
  readonly compliant?: 0 | 1;
  readonly delaySeconds?: number;
  readonly delayBoundSeconds?: number;
  readonly lossRatio?: number;
  readonly lossBoundRatio?: number;
}

/** Intents per lifecycle state, every state present (0 included), so a state that empties drops to 0. */
export function intentsByState(intents: readonly StoredIntent[]): Map<IntentStatus, number> {
  const out = new Map<IntentStatus, number>(INTENT_STATUSES.map((s) => [s, 0]));
  for (const i of intents) out.set(i.status, (out.get(i.status) ?? 0) + 1);
  return out;
}

/**
 * Per-intent SLO series for in-service intents: measured worst delay/loss against the bound and a 1/0 verdict.
 * Capped at `max` intents, violating ones first (then by name), so a large network cannot explode the
 * label cardinality and the intents an operator needs are never the ones cut. Returns the omitted count.
 */
export function sloSeries(
  intents: readonly StoredIntent[],
  state: Pick<TwinStateView, 'policies'>,
  max = MAX_SLO_SERIES,
): { series: SloSeries[]; omitted: number } {
  const fresh = new Map<string, TwinStateView['policies']>();
  for (const p of state.policies) {
    if (p.intent === null || p.stale) continue;
    fresh.set(p.intent, [...(fresh.get(p.intent) ?? []), p]);
  }
  const all = intents
    .filter((i) => IN_SERVICE.has(i.status))
    .map((i): SloSeries => {
      const ps = fresh.get(i.spec.name) ?? [];
      const worst = (f: (p: TwinStateView['policies'][number]) => number | null): number | undefined => {
        const v = ps.map(f).filter((x): x is number => x !== null);
        return v.length > 0 ? Math.max(...v) : undefined;
      };
      const verdicts = ps.map((p) => p.sloOk).filter((v): v is boolean => v !== null);
      const delayUs = worst((p) => p.delayUs);
      const lossPct = worst((p) => p.lossPct);
      const { maxDelayUs, maxLossPct } = i.spec.slo;
      return {
        intent: i.spec.name,
        ...(verdicts.length > 0 && { compliant: verdicts.every(Boolean) ? 1 : 0 }),
        ...(delayUs !== undefined && { delaySeconds: delayUs / 1e6 }),
        ...(maxDelayUs !== undefined && { delayBoundSeconds: maxDelayUs / 1e6 }),
        ...(lossPct !== undefined && { lossRatio: lossPct / 100 }),
        ...(maxLossPct !== undefined && { lossBoundRatio: maxLossPct / 100 }),
      };
    })
    .sort((a, b) => (a.compliant ?? 1) - (b.compliant ?? 1) || a.intent.localeCompare(b.intent));
  return { series: all.slice(0, Math.max(0, max)), omitted: Math.max(0, all.length - max) };
}

/** Twin freshness: age of the newest link sample (wall clock), and directions stale or down. */
export function twinFreshness(
  state: Pick<TwinStateView, 'links'>,
  nowMs: number,
): { ageSeconds?: number; directions: number; stale: number; down: number } {
  let newest = -Infinity;
  let stale = 0;
  let down = 0;
  for (const l of state.links) {
    if (l.lastSampleMs !== null && l.lastSampleMs > newest) newest = l.lastSampleMs;
    if (l.stale) stale++;
    if (l.status === 'down') down++;
  }
  return {
    ...(Number.isFinite(newest) && { ageSeconds: Math.max(0, nowMs - newest) / 1000 }),
    directions: state.links.length,
    stale,
    down,
  };
}

/**
 * Prometheus gauges of the network's state as the controller sees it (issue 11): intents by lifecycle state,
 * SLO compliance per intent, twin freshness. Collected lazily at scrape time from the intent and twin
 * services (one twin snapshot per scrape); incidents by class and state come from the assurance service.
 */
@Injectable()
export class NetworkStateMetrics implements OnModuleInit {
  private scrape: ScrapeView | undefined;

  constructor(
    private readonly metrics: ControllerMetrics,
    private readonly intents: IntentService,
    private readonly twin: TwinService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(() => (this.scrape = undefined));
    this.register(this.metrics.registry);
  }

  /**
   * The scrape's view: intents, one twin snapshot and what the gauges derive from them, computed by the first
   * collector and shared by the rest (six per-intent gauges read one SLO table, four read one freshness).
   */
  private view(): ScrapeView {
    if (this.scrape) return this.scrape;
    const intents = this.intents.list();
    const state = this.twin.state();
    return (this.scrape = {
      intents,
      slo: sloSeries(intents, state),
      fresh: twinFreshness(state, this.clock().getTime()),
    });
  }

  private register(r: Registry): void {
    const gauge = <L extends string>(name: string, help: string, labels: L[], fill: (g: Gauge<L>) => void) =>
      scrapeGauge(r, name, help, labels, fill);
    gauge('autonet_intents', 'Intents by lifecycle state', ['state'], (g) => {
      for (const [state, n] of intentsByState(this.view().intents)) g.set({ state }, n);
    });
    const slo = () => this.view().slo;
    const perIntent = (name: string, help: string, pick: (s: SloSeries) => number | undefined) =>
      gauge(name, help, ['intent'], (g) => {
        for (const s of slo().series) {
          const v = pick(s);
          if (v !== undefined) g.set({ intent: s.intent }, v);
        }
      });
    perIntent(
      'autonet_intent_slo_compliant',
      '1 when the in-service intent meets its SLO on fresh measurements, 0 when not (absent: not measured)',
      (s) => s.compliant,
    );
    perIntent(
      'autonet_intent_delay_seconds',
      'Worst measured one-way delay of the intent',
      (s) => s.delaySeconds,
    );
    perIntent('autonet_intent_delay_bound_seconds', 'The intent’s delay bound', (s) => s.delayBoundSeconds);
    perIntent('autonet_intent_loss_ratio', 'Worst measured loss of the intent (0..1)', (s) => s.lossRatio);
    perIntent('autonet_intent_loss_bound_ratio', 'The intent’s loss bound (0..1)', (s) => s.lossBoundRatio);
    gauge(
      'autonet_intent_slo_series_omitted',
      `In-service intents without per-intent SLO series (at most ${MAX_SLO_SERIES}, violating first)`,
      [],
      (g) => g.set(slo().omitted),
    );
    const fresh = () => this.view().fresh;
    gauge(
      'autonet_twin_age_seconds',
      'Wall-clock age of the twin’s newest link sample (NaN before the first one)',
      [],
      (g) => g.set(fresh().ageSeconds ?? Number.NaN),
    );
    gauge('autonet_twin_directions', 'Link directions (arcs) in the twin', [], (g) =>
      g.set(fresh().directions),
    );
    gauge('autonet_twin_stale_directions', 'Link directions whose data is stale', [], (g) =>
      g.set(fresh().stale),
    );
    gauge('autonet_twin_down_directions', 'Link directions the twin sees down', [], (g) =>
      g.set(fresh().down),
    );
  }
}
