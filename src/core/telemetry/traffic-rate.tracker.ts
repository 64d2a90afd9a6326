import type { NodeId } from '../model/ids';
import { BoundedMap } from './bounded-map';
import { counterDelta } from './counter-rate';
import type { CounterWidth } from './counter-rate';

/** One reading of a monotonic octet counter (policy or destination traffic). */
export interface OctetReading {
  readonly timestampNs: bigint;
  readonly outOctets: bigint;
  readonly discontinuity?: boolean;
  /** The NE that sent it (lets a topology change forget its baselines). */
  readonly ne?: NodeId;
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
 * previous reading per series key, at most `capacity` of them (least recently updated evicted first, counted).
 * Pure and synchronous; never computes a rate across a reset.
 */
export class TrafficRateTracker {
  private readonly prev: BoundedMap<string, OctetReading>;

  constructor(
    private readonly width: CounterWidth = 64,
    capacity = 131_072,
  ) {
    this.prev = new BoundedMap(capacity);
  }

  get size(): number {
    return this.prev.size;
  }
  /** Baselines evicted to stay within capacity. */
  get evicted(): number {
    return this.prev.evicted;
  }

  /** Forgets the baselines of NEs `keep` rejects; returns how many. */
  retainNes(keep: (ne: NodeId) => boolean): number {
    let n = 0;
    for (const [k, r] of [...this.prev.entries()]) {
      if (r.ne !== undefined && !keep(r.ne)) {
        this.prev.delete(k);
        n++;
      }
    }
    return n;
  }

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
