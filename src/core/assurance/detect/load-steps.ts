/**
 * Recent load steps on the arcs, for the latency detector (ADR 0162). Traffic a repair or a reconvergence
 * moves onto or off a link changes the queueing delay of every path over it at once, which looks like a
 * latency fault of the link; a fault of the link does not change its load. Load is the M/M/1 queue factor
 * u/(1−u) of each arc's utilisation (smoothed): the same step in utilisation moves the delay more on a busy
 * link than on a quiet one.
 */
import type { ArcId } from '../../model/ids';
import type { LinkObservation } from '../observation';

export interface LoadStepOptions {
  /** EWMA weight of a new utilisation sample in an arc's smoothed load. */
  readonly loadSmoothing: number;
  /**
   * A step: the load moved by ≥ max(this, `loadStepRel` × the smaller of the two loads). 0.05 (ADR 0171; was
   * 0.1): on a 100 Mbit/s link (120 µs per 1,500-byte packet) that is 6 µs of queueing, several σ of a quiet path.
   */
  readonly loadStepAbs: number;
  readonly loadStepRel: number;
  /** Intervals back a step may have started and still explain an alarm. */
  readonly loadLookback: number;
}

/** The M/M/1 queue factor u/(1−u), u capped at 0.95 (beyond it the congestion detector speaks). */
export function queueFactor(u: number): number {
  const v = Math.min(0.95, Math.max(0, u));
  return v / (1 - v);
}

export class LoadSteps {
  /** Per arc, its smoothed load over the last `loadLookback` + 1 intervals, newest last. */
  private readonly history = new Map<ArcId, number[]>();

  constructor(private readonly o: LoadStepOptions) {}

  /** One interval's link samples: fresh utilisations update the arcs' smoothed load. */
  observe(links: readonly LinkObservation[]): void {
    for (const l of links) {
      if (l.utilisation === null || l.stale || l.up === false) continue;
      const x = queueFactor(l.utilisation);
      const h = this.history.get(l.arc) ?? [];
      const prev = h[h.length - 1];
      h.push(prev === undefined ? x : prev + this.o.loadSmoothing * (x - prev));
      if (h.length > this.o.loadLookback + 1) h.shift();
      this.history.set(l.arc, h);
    }
  }

  /** Whether one of `arcs` carries a load step within the last `loadLookback` intervals. */
  stepped(arcs: readonly ArcId[]): boolean {
    return arcs.some((arc) => {
      const h = this.history.get(arc);
      if (!h || h.length < 2) return false;
      const now = h[h.length - 1]!;
      return h.some(
        (x) => Math.abs(now - x) >= Math.max(this.o.loadStepAbs, this.o.loadStepRel * Math.min(now, x)),
      );
    });
  }
}
