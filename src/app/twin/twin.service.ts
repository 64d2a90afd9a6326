import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import type { TelemetryPoint } from '../../core/telemetry';
import { LiveTwin, predictWhatIf, TwinIndex } from '../../core/twin';
import type { TwinStateView, WhatIfBase, WhatIfChange, WhatIfResult } from '../../core/twin';
import { crossings, forecastLink } from '../../core/twin/forecast';
import type { Crossing, LinkForecast } from '../../core/twin/forecast';
import { buildDemandMatrix } from '../../core/twin/matrix';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStoreReader } from '../../ports/intent-store.port';
import { CLOCK, NETWORK_MODEL } from '../intent/intent.tokens';
import type { Clock, NetworkModel } from '../intent/intent.tokens';
import { backgroundLoad, withBackground } from './background-load';
import { TrafficCollector } from './traffic-collector';
import { DEFAULT_CEILING, TWIN_OPTIONS, TWIN_SINK } from './twin.tokens';
import type { TwinOptions } from './twin.tokens';
import type { TwinSink } from './twin-sink';
import { inNetwork, reservedByArc, twinPoliciesOf } from './twin-policies';
import { UtilisationHistoryBook } from './utilisation-history';

/** Least wall-clock time between two reads of the intent store during ingest. */
const INTENTS_EVERY_MS = 500;

export interface DirectionStatus {
  readonly status: 'up' | 'down';
  readonly utilisation: number | null;
  readonly stale: boolean;
}

export interface ForecastView {
  readonly at: number;
  readonly horizonMs: number;
  readonly ceiling: number;
  readonly forecasts: LinkForecast[];
  readonly crossings: Crossing[];
}

/**
 * The controller's one live twin (issue 8): fed by the telemetry pipeline through the TwinSink, following the
 * policies and reservations of the intents in the network (refreshed on every intent event), with a demand
 * matrix rebuilt from headend counters (estimated where headends are silent) and a per-arc utilisation
 * history for forecasts. Its time is the network clock: the newest sample timestamp.
 */
@Injectable()
export class TwinService implements OnModuleInit {
  readonly index: TwinIndex;
  readonly live: LiveTwin;
  readonly ceiling: number;
  private readonly traffic: TrafficCollector;
  private readonly history: UtilisationHistoryBook;
  private readonly staleMs: number;
  private readonly matrixEveryMs: number;
  private newestMs = 0;
  private matrixBuiltAt = -Infinity;
  private matrixVersion = '';
  private loadsVersion = 0;
  private estimating = true;
  private intentsKey: string | undefined;
  private intentsReadAt = -Infinity;

  constructor(
    @Inject(NETWORK_MODEL) network: NetworkModel,
    @Inject(INTENT_STORE) private readonly store: IntentStoreReader,
    @Inject(TWIN_OPTIONS) options: TwinOptions,
    @Inject(TWIN_SINK) private readonly sink: TwinSink,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.index = TwinIndex.of(network.topology, network.sids);
    this.live = new LiveTwin(this.index, { sampleIntervalMs: options.sampleIntervalMs });
    this.ceiling = options.ceiling ?? DEFAULT_CEILING;
    this.staleMs = 3 * options.sampleIntervalMs;
    this.matrixEveryMs = options.matrixEveryMs ?? 2000;
    this.traffic = new TrafficCollector(this.staleMs);
    this.history = new UtilisationHistoryBook(
      options.historyStepMs ?? 300_000,
      options.historyBuckets ?? 864,
    );
  }

  onModuleInit(): void {
    this.refreshIntents();
    this.sink.attach((points) => this.applyPoints(points));
  }

  /** The network clock: the newest sample time, or the wall clock before any sample. */
  nowMs(): number {
    return this.newestMs > 0 ? this.newestMs : this.clock().getTime();
  }

  applyPoints(points: readonly TelemetryPoint[]): void {
    if (this.clock().getTime() - this.intentsReadAt >= INTENTS_EVERY_MS) this.refreshIntents();
    const g = this.index.g;
    for (const p of points) {
      if (p.timestampMs > this.newestMs) this.newestMs = p.timestampMs;
      this.live.applyPoint(p);
      this.traffic.apply(p);
      if (p.measurement === 'interface' && p.outArc !== undefined) {
        const a = g.arc(p.outArc);
        const util =
          p.fields.outBps !== undefined && a !== undefined
            ? p.fields.outBps / 1e6 / g.capacity[a]!
            : p.fields.utilisation;
        if (util !== undefined) this.history.add(p.outArc, p.timestampMs, util);
        this.loadsVersion++;
      }
    }
    if (this.clock().getTime() - this.matrixBuiltAt >= this.matrixEveryMs) this.rebuildMatrix();
  }

  /**
   * Follows the intents in the network: their policies (with SLOs) and every reservation, rebuilt when any
   * intent's version or status changed. Read before every view and prediction, and during ingest at most every
   * INTENTS_EVERY_MS (policy points of a just-deployed policy need it known).
   */
  refreshIntents(): void {
    this.intentsReadAt = this.clock().getTime();
    const all = this.store.listIntents();
    const key = all.map((i) => `${i.spec.name}:${i.version}:${i.status}`).join('|');
    if (key === this.intentsKey) return;
    this.intentsKey = key;
    const intents = all.filter((i) => i.plan && inNetwork(i.status));
    this.live.setPolicies(intents.flatMap((i) => twinPoliciesOf(i.spec, i.plan!)));
    this.live.setReservations(reservedByArc(this.store.reservations()));
    this.matrixVersion = '';
  }

  state(): TwinStateView {
    this.refreshIntents();
    return this.live.snapshot(this.nowMs());
  }

  /** The state at a given network time (the assurance loop's TwinReader). */
  snapshot(nowMs: number): TwinStateView {
    this.refreshIntents();
    return this.live.snapshot(nowMs);
  }

  /** Whether fresh interface measurements exist (admission only claims measured load when they do). */
  hasMeasurements(): boolean {
    const m = this.live.base().measuredLoadMbps;
    for (let a = 0; a < m.length; a++) if (Number.isFinite(m[a]!)) return true;
    return false;
  }

  /** The what-if base, with the demand matrix brought up to date with the latest counters and loads. */
  base(): WhatIfBase {
    this.refreshIntents();
    this.rebuildMatrix();
    return this.live.base();
  }

  /** Measured load the demand matrix does not explain, per arc (kept on its arcs in every prediction). */
  background(base: WhatIfBase = this.live.base()): Float64Array {
    return backgroundLoad(base, predictWhatIf(this.index, base, {}).links);
  }

  whatIf(change: WhatIfChange): WhatIfResult {
    const base = this.base();
    return withBackground(predictWhatIf(this.index, base, change), this.background(base));
  }

  /** Per direction (arc id): operational status and measured utilisation, for /topology. */
  directions(): Map<string, DirectionStatus> {
    const out = new Map<string, DirectionStatus>();
    for (const l of this.state().links)
      out.set(l.arc, {
        status: l.status,
        utilisation: l.lastSampleMs === null ? null : l.utilisation,
        stale: l.stale,
      });
    return out;
  }

  forecast(horizonMs: number): ForecastView {
    const now = this.nowMs();
    const forecasts: LinkForecast[] = [];
    for (const l of this.state().links) {
      const h = this.history.history(l, now);
      if (h && h.values.length > 0) forecasts.push(forecastLink(h, horizonMs));
    }
    return {
      at: now,
      horizonMs,
      ceiling: this.ceiling,
      forecasts,
      crossings: crossings(forecasts, this.ceiling, horizonMs, now),
    };
  }

  /**
   * Rebuilds the demand matrix when the headend counters changed (or, while some headends are estimated,
   * the link loads did). Called per telemetry batch at most once per matrixEveryMs, and before every
   * prediction.
   */
  private rebuildMatrix(): void {
    const version = `${this.traffic.changes}/${this.estimating ? this.loadsVersion : 0}`;
    if (version === this.matrixVersion) return;
    this.matrixVersion = version;
    this.matrixBuiltAt = this.clock().getTime();
    const base = this.live.base();
    const { traffic, reporting } = this.traffic.measured(this.nowMs());
    if (reporting.size === 0 && !this.hasMeasurements()) return;
    this.estimating = reporting.size < this.index.g.n;
    const matrix = buildDemandMatrix(this.index, {
      measured: traffic,
      policies: base.policies,
      reportingHeadends: reporting,
      linkLoadMbps: base.measuredLoadMbps,
      arcUp: base.arcUp,
    });
    this.live.setDemands(matrix.demands);
  }
}
