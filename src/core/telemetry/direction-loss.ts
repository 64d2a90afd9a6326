import type { SeriesBucket } from './telemetry-point';

/** Loss of one link direction in one time bucket. */
export interface LossBucket {
  readonly t: number;
  readonly lossPct: number;
}

/**
 * Packet loss of a link direction per bucket, from the transmitting interface's out-pkts and out-discards and
 * the receiving interface's in-pkts: offered = sent + discarded, lost = offered − received. Buckets where
 * nothing was offered are left out. Without receiver data only queue discards count (gray loss on the wire
 * needs both ends). Buckets are matched by start time, so all series must share one step.
 */
export function directionLoss(
  txPps: readonly SeriesBucket[],
  txDiscardsPs: readonly SeriesBucket[],
  rxPps: readonly SeriesBucket[] | undefined,
): LossBucket[] {
  const discards = byTime(txDiscardsPs);
  const received = rxPps ? byTime(rxPps) : undefined;
  const out: LossBucket[] = [];
  for (const b of txPps) {
    const dropped = discards.get(b.t) ?? 0;
    const offered = b.mean + dropped;
    if (!(offered > 0)) continue;
    const rx = received?.get(b.t);
    const wireLost = rx === undefined ? 0 : b.mean - rx > 0 ? b.mean - rx : 0;
    const lost = dropped + wireLost;
    out.push({ t: b.t, lossPct: (100 * (lost > offered ? offered : lost)) / offered });
  }
  return out;
}

function byTime(buckets: readonly SeriesBucket[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const b of buckets) m.set(b.t, b.mean);
  return m;
}
