import type { NodeId } from '../../core/model/ids';
import { BoundedQueue, InterfaceArcMap, SampleNormaliser } from '../../core/telemetry';
import type { NormaliserOptions, NormaliserStats, TelemetryPoint } from '../../core/telemetry';
import type { TopologyGraph } from '../../core/topology';
import type {
  DriverListenerStatus,
  DriverSessionState,
  NeDriver,
  TelemetrySample,
  TelemetrySubscription,
} from '../../ports/ne-driver.port';
import type { SinkStats, TelemetrySink } from '../../ports/telemetry-store.port';

export interface IngestOptions {
  /** Points held between the drivers and the sinks (default 65 536); beyond it samples are dropped and counted. */
  readonly queueCapacity?: number;
  /** Points handed to the sinks per write (default 4 096). */
  readonly batchSize?: number;
  /** Sample interval asked of the drivers. */
  readonly sampleIntervalMs?: number;
  /** Interface → arc table; default: the simulator's `eth<k>` rule over the topology. */
  readonly interfaceMap?: InterfaceArcMap;
  /** Caps of the normaliser's maps (interfaces, policies, NEs, demands); defaults in NormaliserOptions. */
  readonly normaliser?: NormaliserOptions;
}

export interface NeIngestStatus {
  readonly ne: NodeId;
  readonly protocol: string;
  readonly state: DriverSessionState | 'unknown';
  readonly lastError?: string;
  readonly samples: number;
  readonly samplesPerSec: number;
  /** Samples of this NE refused by the full queue. */
  readonly drops: number;
  /** Collector time − newest sample timestamp of this NE, ms (null before the first sample). */
  readonly lagMs: number | null;
  readonly newestSampleMs: number | null;
}

export interface IngestStatus {
  readonly running: boolean;
  readonly samplesPerSec: number;
  readonly queue: { readonly capacity: number; readonly depth: number; readonly dropped: number };
  readonly normaliser: NormaliserStats;
  /** Samples from NEs outside the topology (normalised, but given no per-NE counters: that map stays bounded). */
  readonly unknownNeSamples: number;
  /** The driver's listeners (SNMP trap receivers): state and counts by outcome. */
  readonly listeners: readonly DriverListenerStatus[];
  readonly sinks: readonly (SinkStats & { readonly name: string; readonly errors: number })[];
  readonly nes: readonly NeIngestStatus[];
}

interface NeCounters {
  samples: number;
  samplesAtTick: number;
  perSec: number;
  drops: number;
  newestMs: number;
}

/**
 * The telemetry pipeline of the controller: one subscription over the NeDriver port for every NE of the
 * topology → normaliser → bounded queue → fan-out to the sinks in batches. Driver callbacks only normalise
 * and enqueue; a full queue refuses and counts (per NE), so a slow sink never grows memory. Framework-free,
 * so the NestJS service wraps it and benchmarks drive it directly.
 */
export class TelemetryIngest {
  readonly map: InterfaceArcMap;
  private readonly normaliser: SampleNormaliser;
  private readonly queue: BoundedQueue<TelemetryPoint>;
  private readonly batchSize: number;
  private readonly perNe = new Map<NodeId, NeCounters>();
  private readonly sinkErrors: number[];
  private subscription: TelemetrySubscription | undefined;
  private rateTimer: NodeJS.Timeout | undefined;
  private drainScheduled = false;
  private lastTickMs: number;
  private totalPerSec = 0;
  private unknownNe = 0;
  private readonly unknownCounters: NeCounters = newCounters();
  private readonly batch: TelemetryPoint[] = [];

  constructor(
    private readonly driver: NeDriver,
    readonly topology: TopologyGraph,
    readonly sinks: readonly TelemetrySink[],
    private readonly options: IngestOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.map = options.interfaceMap ?? InterfaceArcMap.simulated(topology);
    this.normaliser = new SampleNormaliser(this.map, options.normaliser);
    this.queue = new BoundedQueue(options.queueCapacity ?? 65_536);
    this.batchSize = options.batchSize ?? 4096;
    this.sinkErrors = sinks.map(() => 0);
    this.lastTickMs = now();
    for (const n of topology.nodes()) this.perNe.set(n.id, newCounters());
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    const targets = [...this.topology.nodes()].map((n) => n.id);
    const interval = this.options.sampleIntervalMs;
    this.subscription = await this.driver.subscribe(
      targets,
      (s) => this.accept(s),
      interval === undefined ? undefined : { sampleIntervalMs: interval },
    );
    this.rateTimer = setInterval(() => this.updateRates(), 1000);
    this.rateTimer.unref();
  }

  /** Stops the subscription, hands what is queued to the sinks and flushes them (sinks stay open). */
  async stop(): Promise<void> {
    const sub = this.subscription;
    this.subscription = undefined;
    if (this.rateTimer) clearInterval(this.rateTimer);
    if (sub) await sub.close().catch(() => undefined);
    this.drain(Infinity);
    await Promise.all(this.sinks.map((s) => s.flush()));
  }

  /** The driver callback: normalise, enqueue, schedule a drain. Never throws into the driver. */
  accept(sample: TelemetrySample): void {
    const c = this.countersOf(sample.ne);
    c.samples++;
    const ms = Number(sample.timestampNs / 1_000_000n);
    if (ms > c.newestMs) c.newestMs = ms;
    const p = this.normaliser.normalise(sample);
    if (p === undefined) return;
    if (!this.queue.enqueue(p)) {
      c.drops++;
      return;
    }
    if (!this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        this.drain(this.batchSize * 4);
      });
    }
  }

  /** Moves up to `max` points from the queue to every sink, in batches; reschedules itself if more remain. */
  drain(max: number): void {
    const batch = this.batch;
    let moved = 0;
    while (this.queue.size > 0 && moved < max) {
      batch.length = 0;
      moved += this.queue.drainInto(batch, this.batchSize);
      for (let i = 0; i < this.sinks.length; i++) {
        try {
          this.sinks[i]!.write(batch);
        } catch {
          this.sinkErrors[i]!++;
        }
      }
    }
    batch.length = 0;
    if (this.queue.size > 0 && !this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        this.drain(this.batchSize * 4);
      });
    }
  }

  status(): IngestStatus {
    const now = this.now();
    const driverStatus = new Map(this.driver.status().map((s) => [s.ne, s]));
    const nes: NeIngestStatus[] = [];
    for (const [ne, c] of this.perNe) {
      const d = driverStatus.get(ne);
      const seen = c.newestMs > -Infinity;
      nes.push({
        ne,
        protocol: d?.protocol ?? this.driver.protocol,
        state: d?.state ?? 'unknown',
        ...(d?.lastError !== undefined && { lastError: d.lastError }),
        samples: c.samples,
        samplesPerSec: c.perSec,
        drops: c.drops,
        lagMs: seen ? now - c.newestMs : null,
        newestSampleMs: seen ? c.newestMs : null,
      });
    }
    return {
      running: this.subscription !== undefined,
      samplesPerSec: this.totalPerSec,
      queue: { capacity: this.queue.capacity, depth: this.queue.size, dropped: this.queue.dropped },
      normaliser: this.normaliser.stats(),
      unknownNeSamples: this.unknownNe,
      listeners: this.driver.listeners?.() ?? [],
      sinks: this.sinks.map((s, i) => ({ name: s.name, ...s.stats(), errors: this.sinkErrors[i]! })),
      nes,
    };
  }

  /** Recomputes samples/s per NE over the time since the last call (a 1 s timer calls it while running). */
  updateRates(): void {
    const now = this.now();
    const dt = (now - this.lastTickMs) / 1000;
    if (dt <= 0) return;
    let total = 0;
    for (const c of this.perNe.values()) {
      c.perSec = (c.samples - c.samplesAtTick) / dt;
      c.samplesAtTick = c.samples;
      total += c.perSec;
    }
    this.totalPerSec = total;
    this.lastTickMs = now;
  }

  /** The counters of a topology NE; samples of any other NE share one scratch record (counted apart). */
  private countersOf(ne: NodeId): NeCounters {
    const c = this.perNe.get(ne);
    if (c !== undefined) return c;
    this.unknownNe++;
    return this.unknownCounters;
  }
}

function newCounters(): NeCounters {
  return { samples: 0, samplesAtTick: 0, perSec: 0, drops: 0, newestMs: -Infinity };
}
