import type { NodeId } from '../../core/model/ids';
import type { TelemetryPoint } from '../../core/telemetry';
import type { MeasuredTraffic } from '../../core/twin/matrix';

interface Reading {
  mbps: number;
  atMs: number;
}

/**
 * The latest headend traffic counters: per SR policy (`policy` points' trafficBps) and per destination
 * (`demand` points), with the headends that export them. Readings older than `staleMs` (network clock) are
 * left out, so a headend that fell silent is estimated again rather than frozen.
 */
export class TrafficCollector {
  private readonly policies = new Map<string, Reading & { headend: NodeId; policy: string }>();
  private readonly destinations = new Map<string, Reading & { from: NodeId; to: NodeId }>();
  private readonly heard = new Map<NodeId, number>();
  private version = 0;

  constructor(private readonly staleMs: number) {}

  /** Takes one point; returns true when it changed a traffic reading. */
  apply(p: TelemetryPoint): boolean {
    if (p.measurement === 'policy' && p.fields.trafficBps !== undefined) {
      this.policies.set(p.key, {
        headend: p.ne,
        policy: p.policy,
        mbps: p.fields.trafficBps / 1e6,
        atMs: p.timestampMs,
      });
    } else if (p.measurement === 'demand' && p.fields.trafficBps !== undefined) {
      this.destinations.set(p.key, {
        from: p.ne,
        to: p.destination,
        mbps: p.fields.trafficBps / 1e6,
        atMs: p.timestampMs,
      });
    } else return false;
    this.heard.set(p.ne, Math.max(this.heard.get(p.ne) ?? 0, p.timestampMs));
    this.version++;
    return true;
  }

  /** Increments whenever a reading changes (to rebuild the matrix only when needed). */
  get changes(): number {
    return this.version;
  }

  /** The fresh readings at `nowMs` and the headends that reported within the staleness window. */
  measured(nowMs: number): { traffic: MeasuredTraffic; reporting: Set<NodeId> } {
    const fresh = (t: number): boolean => nowMs - t <= this.staleMs;
    const reporting = new Set<NodeId>();
    for (const [ne, t] of this.heard) if (fresh(t)) reporting.add(ne);
    return {
      traffic: {
        policies: [...this.policies.values()]
          .filter((r) => fresh(r.atMs))
          .map(({ headend, policy, mbps }) => ({ headend, policy, mbps })),
        destinations: [...this.destinations.values()]
          .filter((r) => fresh(r.atMs))
          .map(({ from, to, mbps }) => ({ from, to, mbps })),
      },
      reporting,
    };
  }
}
