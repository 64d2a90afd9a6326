import type { PathTable } from './flow-paths';
import type { FaultEffects } from './fault.registry';
import { congestionLoss, queueDelayUs } from './link-physics';
import type { SimNetwork } from './sim-network';

/** Passes that estimate loss ratios under congestion: the first offers full rates, later ones what upstream arcs let through. */
const LOSS_PASSES = 3;

/**
 * Load, loss and delay of every arc for one tick. The first pass offers every demand's full rate to the arcs
 * of its paths (merged per demand) and derives loss ratios; if nothing is lost that is the answer. Under
 * congestion further passes refine the ratios with the traffic upstream losses leave (so a bottleneck does
 * not make the arcs after it look congested too). With any loss a final pass forwards hop by hop with the
 * settled ratios, each arc passing on only what it does not drop, so what reaches a destination is exactly
 * what was sent minus what was lost.
 */
export class LinkLoad {
  /** Offered load (Mbit/s) arriving at each arc's egress queue. */
  readonly offeredMbps: Float64Array;
  readonly utilisation: Float64Array;
  /** Drop ratio of the egress queue (congestion) and the total drop ratio (queue, CRC, gray loss). */
  readonly queueLoss: Float64Array;
  readonly totalLoss: Float64Array;
  readonly queueUs: Float64Array;
  /** One-way delay: propagation + added latency + queueing (µs). */
  readonly delayUs: Float64Array;
  /** Per demand: Mbit/s delivered at the destination this tick. */
  delivered: Float64Array = new Float64Array(0);

  constructor(private readonly net: SimNetwork) {
    const n = net.arcCount;
    this.offeredMbps = new Float64Array(n);
    this.utilisation = new Float64Array(n);
    this.queueLoss = new Float64Array(n);
    this.totalLoss = new Float64Array(n);
    this.queueUs = new Float64Array(n);
    this.delayUs = new Float64Array(n);
  }

  compute(paths: PathTable, rates: Float64Array, usable: Uint8Array, fx: FaultEffects): void {
    if (this.delivered.length !== rates.length) this.delivered = new Float64Array(rates.length);
    this.offerMerged(paths, rates);
    let lossy = this.lossRatios(usable, fx);
    for (let pass = 1; pass < LOSS_PASSES && lossy === 'congested'; pass++) {
      this.offerHopByHop(paths, rates);
      lossy = this.lossRatios(usable, fx);
    }
    if (lossy !== 'none') this.offerHopByHop(paths, rates);
    const cap = this.net.arcCapacityMbps;
    const off = this.offeredMbps;
    for (let a = 0; a < off.length; a++) {
      const rho = off[a]! / cap[a]!;
      this.utilisation[a] = rho;
      this.queueUs[a] = usable[a] ? queueDelayUs(rho, cap[a]!) : 0;
      this.delayUs[a] = this.net.arcDelayUs[a]! + fx.arcAddedUs[a]! + this.queueUs[a]!;
    }
  }

  /** Loss ratios from the offered loads; says whether any loaded arc drops packets, and whether queues do. */
  private lossRatios(usable: Uint8Array, fx: FaultEffects): 'none' | 'lossy' | 'congested' {
    const { offeredMbps: off, queueLoss, totalLoss } = this;
    const cap = this.net.arcCapacityMbps;
    let result: 'none' | 'lossy' | 'congested' = 'none';
    for (let a = 0; a < off.length; a++) {
      const lc = usable[a] ? congestionLoss(off[a]! / cap[a]!) : 1;
      queueLoss[a] = lc;
      const lt = 1 - (1 - lc) * (1 - fx.arcCrcRate[a]!) * (1 - fx.arcGrayLoss[a]!);
      totalLoss[a] = lt;
      if (off[a]! > 0 && lt > 0) result = lc > 0 ? 'congested' : result === 'none' ? 'lossy' : result;
    }
    return result;
  }

  /** Offers full rates over each entry's merged arc list (exact while nothing is lost). */
  private offerMerged(paths: PathTable, rates: Float64Array): void {
    const { entryArcStart, entryArcs, entryArcShare, entryReach } = paths;
    const off = this.offeredMbps;
    off.fill(0);
    for (let d = 0; d < rates.length; d++) {
      const r = rates[d]!;
      this.delivered[d] = r * entryReach[d]!;
      if (r === 0) continue;
      for (let i = entryArcStart[d]!; i < entryArcStart[d + 1]!; i++)
        off[entryArcs[i]!]! += r * entryArcShare[i]!;
    }
  }

  /** Forwards hop by hop, each arc passing on what it does not drop. */
  private offerHopByHop(paths: PathTable, rates: Float64Array): void {
    const { entryPathStart, pathFraction, pathHopStart, hops, pathDropped } = paths;
    const off = this.offeredMbps;
    const loss = this.totalLoss;
    const delivered = this.delivered;
    off.fill(0);
    delivered.fill(0);
    for (let d = 0; d < rates.length; d++) {
      const r = rates[d]!;
      if (r === 0) continue;
      for (let p = entryPathStart[d]!; p < entryPathStart[d + 1]!; p++) {
        let x = r * pathFraction[p]!;
        for (let h = pathHopStart[p]!; h < pathHopStart[p + 1]!; h++) {
          const a = hops[h]!;
          off[a]! += x;
          x *= 1 - loss[a]!;
        }
        if (!pathDropped[p]) delivered[d]! += x;
      }
    }
  }
}
