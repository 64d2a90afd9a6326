import type { TelemetryPoint } from '../../core/telemetry';
import type { SinkStats, TelemetrySink } from '../../ports/telemetry-store.port';

export interface ProbeTotals {
  sent: number;
  lost: number;
  delayUs: number | null;
  jitterUs: number | null;
  samples: number;
  /** Timestamp of the earliest sample in these totals (each sample covers the interval before it). */
  firstMs: number;
}

export interface ArcReading {
  up: boolean | null;
  errorsPs: number;
  discardsPs: number;
  utilisation: number | null;
  atMs: number;
}

/**
 * A telemetry sink that feeds the assurance loop: probe packet counts accumulated per policy since the last
 * drain, the latest oper-status, error and discard rates per arc, when each NE last spoke, and the network
 * clock (the newest sample timestamp, which is simulated time when the simulator is accelerated).
 */
export class TelemetryTap implements TelemetrySink {
  readonly name = 'assurance';
  private probes = new Map<string, ProbeTotals>();
  /** Per policy, the time before which its samples are dropped (see `ignoreBefore`). */
  private readonly cutoffs = new Map<string, number>();
  private readonly arcs = new Map<string, ArcReading>();
  private readonly lastHeard = new Map<string, number>();
  /** Per NE, when its last report arrived and a slow average of the gap between arrivals (wall clock). */
  private readonly arrivals = new Map<string, { at: number; gap: number | null }>();

  /**
   * `wallMs` is the collector's clock: silence is judged on arrival times, since NEs stamp samples with
   * different clocks (gNMI with the simulated network time, SNMP pollers with the collector's).
   */
  constructor(private readonly wallMs: () => number = Date.now) {}
  private accepted = 0;
  private newestMs = 0;

  write(points: readonly TelemetryPoint[]): void {
    this.accepted += points.length;
    for (const p of points) {
      if (p.timestampMs > this.newestMs) this.newestMs = p.timestampMs;
      this.heard(p.ne, p.timestampMs);
      if (p.measurement === 'policy') this.probe(`${p.ne}/${p.policy}`, p.timestampMs, p.fields);
      else if (p.measurement === 'interface') this.iface(p);
    }
  }

  /** The network clock: the newest sample time seen (0 before any sample). */
  nowMs(): number {
    return this.newestMs;
  }

  /**
   * NEs that stopped reporting: nothing arrived for 3 of their own usual gaps (at least `minMs`). An NE
   * heard fewer than three times cannot be judged yet.
   */
  silent(minMs = 2_000): string[] {
    const now = this.wallMs();
    return [...this.arrivals]
      .filter(([, a]) => a.gap !== null && now - a.at > Math.max(minMs, 3 * a.gap))
      .map(([ne]) => ne)
      .sort();
  }

  private heard(ne: string, at: number): void {
    if (at > (this.lastHeard.get(ne) ?? 0)) this.lastHeard.set(ne, at);
    const now = this.wallMs();
    const a = this.arrivals.get(ne);
    if (!a) this.arrivals.set(ne, { at: now, gap: null });
    else if (now - a.at >= 5) {
      const gap = now - a.at;
      a.gap = a.gap === null ? gap : a.gap + 0.1 * (gap - a.gap);
      a.at = now;
    }
  }

  /**
   * Samples of policy `id` stamped before `ms` measure (partly) a path it no longer has: they are dropped, now
   * and as they arrive, so a late sample of the old path does not spoil the clean ones it is drained with.
   */
  ignoreBefore(id: string, ms: number): void {
    this.cutoffs.set(id, Math.max(ms, this.cutoffs.get(id) ?? 0));
    const t = this.probes.get(id);
    if (t && t.firstMs < ms) this.probes.delete(id);
  }

  /** Probe totals per `<headend>/<policy>` since the previous drain. */
  drainProbes(): Map<string, ProbeTotals> {
    const out = this.probes;
    this.probes = new Map();
    return out;
  }

  arcReadings(): ReadonlyMap<string, ArcReading> {
    return this.arcs;
  }

  lastHeardMs(): ReadonlyMap<string, number> {
    return this.lastHeard;
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  stats(): SinkStats {
    return { accepted: this.accepted, written: this.accepted, buffered: 0, dropped: 0, failedWrites: 0 };
  }

  private probe(id: string, at: number, f: Readonly<Partial<Record<string, number>>>): void {
    const cutoff = this.cutoffs.get(id);
    if (cutoff !== undefined) {
      if (at < cutoff) return;
      this.cutoffs.delete(id);
    }
    const t = this.probes.get(id) ?? {
      sent: 0,
      lost: 0,
      delayUs: null,
      jitterUs: null,
      samples: 0,
      firstMs: at,
    };
    if (at < t.firstMs) t.firstMs = at;
    t.sent += f['probesSent'] ?? 0;
    t.lost += f['probesLost'] ?? 0;
    if (f['delayUs'] !== undefined) t.delayUs = f['delayUs'];
    if (f['jitterUs'] !== undefined) t.jitterUs = f['jitterUs'];
    t.samples += 1;
    this.probes.set(id, t);
  }

  /** Status, load and discards belong to the arc the interface sends on; receive errors to the one it hears. */
  private iface(p: Extract<TelemetryPoint, { measurement: 'interface' }>): void {
    const f = p.fields;
    if (p.outArc !== undefined) {
      const r = this.reading(p.outArc);
      if (f.operUp !== undefined) r.up = f.operUp === 1;
      if (f.outDiscardsPs !== undefined) r.discardsPs = f.outDiscardsPs;
      if (f.utilisation !== undefined) r.utilisation = f.utilisation;
      r.atMs = p.timestampMs;
    }
    if (p.inArc !== undefined && (f.inErrorsPs !== undefined || f.inFcsErrorsPs !== undefined)) {
      this.reading(p.inArc).errorsPs = Math.max(f.inErrorsPs ?? 0, f.inFcsErrorsPs ?? 0);
    }
  }

  private reading(arc: string): ArcReading {
    let r = this.arcs.get(arc);
    if (!r) {
      r = { up: null, errorsPs: 0, discardsPs: 0, utilisation: null, atMs: 0 };
      this.arcs.set(arc, r);
    }
    return r;
  }
}
