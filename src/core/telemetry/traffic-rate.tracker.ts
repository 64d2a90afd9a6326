import { counterDelta } from './counter-rate';
import type { CounterWidth } from './counter-rate';

/** One reading of a monotonic octet counter (policy or destination traffic). */
export interface OctetReading {
  readonly timestampNs: bigint;
  readonly outOctets: bigint;
  readonly discontinuity?: boolean;
}

export type TrafficRate =
  | { readonly kind: 'rate'; readonly bps: number }
  /** First reading of a series: nothing to compare with yet. */
  | { readonly kind: 'first' }
  /** Not newer than the previous reading (duplicate, reordering): not used. */
  | { readonly kind: 'stale' }
  /** Reset, flagged discontinuity or counter decrease: no rate across it. */
  | { readonly kind: 'discontinuity' };

/**
 * Bit rates of per-series octet counters (per-headend SR-policy and per-destination traffic counters), one
 * previous reading per series key. Pure and synchronous; never computes a rate across a reset.
 */
export class TrafficRateTracker {
  private readonly prev = new Map<string, OctetReading>();

  constructor(private readonly width: CounterWidth = 64) {}

  next(key: string, r: OctetReading): TrafficRate {
    const prev = this.prev.get(key);
    if (prev !== undefined && r.timestampNs <= prev.timestampNs) return { kind: 'stale' };
    this.prev.set(key, r);
    if (prev === undefined) return { kind: 'first' };
    if (r.discontinuity === true) return { kind: 'discontinuity' };
    const d = counterDelta(prev.outOctets, r.outOctets, { width: this.width });
    if (d.kind === 'discontinuity') return d;
    return { kind: 'rate', bps: (Number(d.delta) * 8 * 1e9) / Number(r.timestampNs - prev.timestampNs) };
  }
}
