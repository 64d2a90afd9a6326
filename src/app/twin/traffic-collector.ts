import type { NodeId } from '../../core/model/ids';
import type { TelemetryPoint } from '../../core/telemetry';
import { BoundedMap } from '../../core/telemetry';
import type { MeasuredTraffic } from '../../core/twin/matrix';

interface Reading {
  mbps: number;
  atMs: number;
}

/**
 * The latest headend traffic counters: per SR policy (`policy` points' trafficBps) and per destination
 * (`demand` points), with the headends that export them. Readings older than `staleMs` (network clock) are
 * left out and forgotten, so a headend that fell silent is estimated again rather than frozen; every map is
 * capped (least recently updated evicted first, counted), so a flood of policy names cannot grow it.
 */
export class TrafficCollector {
  private readonly policies: BoundedMap<string, Reading & { headend: NodeId; policy: string }>;
  private readonly destinations: BoundedMap<string, Reading & { from: NodeId; to: NodeId }>;
  private readonly heard: BoundedMap<NodeId, number>;
  private version = 0;

  constructor(
    private readonly staleMs: number,
    caps: { maxPolicies?: number; maxDestinations?: number; maxHeadends?: number } = {},
  ) {
    this.policies = new BoundedMap(caps.maxPolicies ?? 65_536);
    this.destinations = new BoundedMap(caps.maxDestinations ?? 65_536);
    this.heard = new BoundedMap(caps.maxHeadends ?? 16_384);
  }

  /** Readings evicted to stay within the caps. */
  evictions(): number {
    return this.policies.evicted + this.destinations.evicted + this.heard.evicted;
  }

  sizes(): { policies: number; destinations: number; headends: number } {
    return { policies: this.policies.size, destinations: this.destinations.size, headends: this.heard.size };
  }

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
    this.heard.set(p.ne, Math.max(this.heard.peek(p.ne) ?? 0, p.timestampMs));
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
    forgetStale(this.policies, fresh);
    forgetStale(this.destinations, fresh);
    const reporting = new Set<NodeId>();
    for (const [ne, t] of [...this.heard.entries()]) {
      if (fresh(t)) reporting.add(ne);
      else this.heard.delete(ne);
    }
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

function forgetStale<K, R extends Reading>(m: BoundedMap<K, R>, fresh: (t: number) => boolean): void {
  for (const [k, r] of [...m.entries()]) if (!fresh(r.atMs)) m.delete(k);
}
