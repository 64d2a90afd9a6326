import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors';
import type { ArcId, NodeId } from '../../core/model/ids';
import { directionLoss, seriesKey } from '../../core/telemetry';
import type { LossBucket, QueryRange, SeriesBucket } from '../../core/telemetry';
import type { TelemetryStore } from '../../ports/telemetry-store.port';
import { TelemetryIngestService } from './telemetry-ingest.service';
import { TELEMETRY_OPTIONS } from './telemetry.tokens';
import type { TelemetryModuleOptions } from './telemetry.tokens';

export interface DirectionSeries {
  readonly arc: ArcId;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly capacityMbps: number;
  readonly txInterface: string | null;
  readonly rxInterface: string | null;
  /** outBps ÷ capacity at the transmitting interface (fraction). */
  readonly utilisation: readonly SeriesBucket[];
  readonly throughputBps: readonly SeriesBucket[];
  /** Queue discards at the sender plus packets sent but not received at the far end. */
  readonly lossPct: readonly LossBucket[];
  /** No per-link delay telemetry exists in the NeDriver port yet (ADR 0073): always empty. */
  readonly delayUs: readonly SeriesBucket[];
}

/** Assembles link, node and policy views from the store's series (one query per field). */
@Injectable()
export class TelemetryQueryService {
  constructor(
    @Inject(TELEMETRY_OPTIONS) private readonly options: TelemetryModuleOptions,
    private readonly ingest: TelemetryIngestService,
  ) {}

  private get store(): TelemetryStore {
    return this.options.store;
  }

  async link(id: string, range: QueryRange) {
    const topology = this.options.topology;
    if (!topology.hasLink(id)) throw new NotFoundError(`telemetry: no link '${id}'`, { element: id });
    const map = this.ingest.ingest.map;
    const directions: DirectionSeries[] = [];
    let stepMs = range.stepMs;
    for (const arc of topology.link(id).arcs) {
      const tx = map.transmitterOf(arc.id);
      const rx = map.receiverOf(arc.id);
      const txKey = tx && seriesKey.interface(tx.ne, tx.interface);
      const rxKey = rx && seriesKey.interface(rx.ne, rx.interface);
      const [util, bps, pps, disc, rxPps] = await Promise.all([
        this.field(txKey, 'utilisation', range),
        this.field(txKey, 'outBps', range),
        this.field(txKey, 'outPps', range),
        this.field(txKey, 'outDiscardsPs', range),
        this.field(rxKey, 'inPps', range),
      ]);
      stepMs = util.stepMs;
      directions.push({
        arc: arc.id,
        from: arc.from,
        to: arc.to,
        capacityMbps: arc.capacityMbps,
        txInterface: tx ? tx.interface : null,
        rxInterface: rx ? rx.interface : null,
        utilisation: util.buckets,
        throughputBps: bps.buckets,
        lossPct: directionLoss(pps.buckets, disc.buckets, rxKey ? rxPps.buckets : undefined),
        delayUs: [],
      });
    }
    return { link: id, fromMs: range.fromMs, toMs: range.toMs, stepMs, directions };
  }

  async node(id: string, range: QueryRange) {
    if (!this.options.topology.hasNode(id))
      throw new NotFoundError(`telemetry: no node '${id}'`, { element: id });
    const key = seriesKey.node(id);
    const [cpu, mem] = await Promise.all([
      this.field(key, 'cpuPct', range),
      this.field(key, 'memPct', range),
    ]);
    return {
      node: id,
      fromMs: range.fromMs,
      toMs: range.toMs,
      stepMs: cpu.stepMs,
      cpuPct: cpu.buckets,
      memPct: mem.buckets,
    };
  }

  async policy(headend: string, name: string, range: QueryRange) {
    if (!this.options.topology.hasNode(headend)) {
      throw new NotFoundError(`telemetry: no node '${headend}'`, { element: headend });
    }
    const key = seriesKey.policy(headend, name);
    const [delay, jitter, loss] = await Promise.all(
      (['delayUs', 'jitterUs', 'lossPct'] as const).map((f) => this.field(key, f, range)),
    );
    return {
      headend,
      policy: name,
      fromMs: range.fromMs,
      toMs: range.toMs,
      stepMs: delay!.stepMs,
      delayUs: delay!.buckets,
      jitterUs: jitter!.buckets,
      lossPct: loss!.buckets,
    };
  }

  private field(key: string | undefined, field: string, range: QueryRange) {
    if (key === undefined) return Promise.resolve({ stepMs: range.stepMs, buckets: [] as SeriesBucket[] });
    return this.store.query({ key, field }, range);
  }
}
