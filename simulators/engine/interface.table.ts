import type { SimInterfaceState } from '../sim-source';
import { CounterBank, K } from './counter.bank';
import type { FaultEffects } from './fault.registry';
import type { PathTable } from './flow-paths';
import type { LinkLoad } from './link-load';
import { AVG_PACKET_BYTES } from './link-physics';
import type { SimNetwork } from './sim-network';

/** Control-plane traffic (IGP hellos, LLDP, BFD) on every up link, so idle counters still move (Mbit/s). */
export const CONTROL_PLANE_MBPS = 0.02;

export interface OperChange {
  readonly ifIx: number;
  readonly up: boolean;
}

/**
 * Every interface's oper-status and counters. Counters advance once per tick from the arc rates × tick
 * length: out-octets and out-discards (congestion) at the sending end, in-octets, in-errors and in-fcs-errors
 * (CRC) at the receiving end, in-discards where a node receives packets it has no route for (a path that
 * ends in a drop). Gray loss drops packets on the wire without any counter noticing.
 */
export class InterfaceTable {
  readonly counters: CounterBank;
  readonly operUp: Uint8Array;
  readonly lastChangeMs: Float64Array;

  constructor(
    private readonly net: SimNetwork,
    startMs: number,
  ) {
    this.counters = new CounterBank(net.interfaceCount);
    this.operUp = new Uint8Array(net.interfaceCount).fill(1);
    this.lastChangeMs = new Float64Array(net.interfaceCount).fill(startMs);
  }

  /** Updates oper-status from the faults; returns the interfaces that changed. */
  updateOper(fx: FaultEffects, tMs: number): OperChange[] {
    const { ifNode, ifPeer, ifOutArc, ifInArc } = this.net;
    const changes: OperChange[] = [];
    for (let i = 0; i < this.operUp.length; i++) {
      const arc = ifOutArc[i]! >= 0 ? ifOutArc[i]! : ifInArc[i]!;
      const up = fx.nodeDown[ifNode[i]!] || fx.nodeDown[ifPeer[i]!] || fx.arcDown[arc] ? 0 : 1;
      if (up !== this.operUp[i]) {
        this.operUp[i] = up;
        this.lastChangeMs[i] = tMs;
        changes.push({ ifIx: i, up: up === 1 });
      }
    }
    return changes;
  }

  advance(load: LinkLoad, fx: FaultEffects, usable: Uint8Array, tickMs: number): void {
    const bytesPerMbps = (1e6 / 8) * (tickMs / 1000);
    const c = this.counters;
    const { arcSrcIf, arcDstIf } = this.net;
    for (let a = 0; a < usable.length; a++) {
      if (!usable[a]) continue;
      const off = load.offeredMbps[a]!;
      const lc = load.queueLoss[a]!;
      const sentMbps = off * (1 - lc) + CONTROL_PLANE_MBPS;
      const crc = fx.arcCrcRate[a]!;
      const outBytes = sentMbps * bytesPerMbps;
      const src = arcSrcIf[a]!;
      const dst = arcDstIf[a]!;
      if (src >= 0) {
        c.add(src, K.outOctets, outBytes);
        c.add(src, K.outPkts, outBytes / AVG_PACKET_BYTES);
        if (lc > 0) c.add(src, K.outDiscards, (off * lc * bytesPerMbps) / AVG_PACKET_BYTES);
      }
      if (dst >= 0) {
        const inBytes = outBytes * (1 - crc) * (1 - fx.arcGrayLoss[a]!);
        c.add(dst, K.inOctets, inBytes);
        c.add(dst, K.inPkts, inBytes / AVG_PACKET_BYTES);
        if (crc > 0) {
          const bad = (outBytes * crc) / AVG_PACKET_BYTES;
          c.add(dst, K.inErrors, bad);
          c.add(dst, K.inFcsErrors, bad);
        }
      }
    }
  }

  /**
   * Counts in-discards for one tick: traffic of paths that end in a drop, at the interface that received it
   * (what survives the arcs before; nothing when it is dropped at the headend itself).
   */
  discardDropped(paths: PathTable, rates: Float64Array, load: LinkLoad, tickMs: number): void {
    const { entryPathStart, pathFraction, pathHopStart, hops, pathDropped } = paths;
    const pktsPerMbps = ((1e6 / 8) * (tickMs / 1000)) / AVG_PACKET_BYTES;
    for (let d = 0; d < rates.length; d++) {
      const r = rates[d]!;
      if (r === 0) continue;
      for (let p = entryPathStart[d]!; p < entryPathStart[d + 1]!; p++) {
        const h0 = pathHopStart[p]!;
        const h1 = pathHopStart[p + 1]!;
        if (!pathDropped[p] || h1 === h0) continue;
        let x = r * pathFraction[p]!;
        for (let h = h0; h < h1; h++) x *= 1 - load.totalLoss[hops[h]!]!;
        const ifIx = this.net.arcDstIf[hops[h1 - 1]!]!;
        if (ifIx >= 0 && x > 0) this.counters.add(ifIx, K.inDiscards, x * pktsPerMbps);
      }
    }
  }

  view(ifIx: number): SimInterfaceState {
    const net = this.net;
    const c = this.counters;
    const arc = net.ifOutArc[ifIx]! >= 0 ? net.ifOutArc[ifIx]! : net.ifInArc[ifIx]!;
    return {
      name: net.interfaceName(ifIx),
      ifIndex: ifIx - net.ifStart[net.ifNode[ifIx]!]! + 1,
      linkId: net.linkIds[net.ifLink[ifIx]!]!,
      peer: net.nodeIds[net.ifPeer[ifIx]!]!,
      speedMbps: net.arcCapacityMbps[arc]!,
      adminUp: true,
      operUp: this.operUp[ifIx] === 1,
      lastChangeMs: this.lastChangeMs[ifIx]!,
      inOctets: c.read(ifIx, K.inOctets),
      outOctets: c.read(ifIx, K.outOctets),
      inPkts: c.read(ifIx, K.inPkts),
      outPkts: c.read(ifIx, K.outPkts),
      inErrors: c.read(ifIx, K.inErrors),
      outErrors: c.read(ifIx, K.outErrors),
      inDiscards: c.read(ifIx, K.inDiscards),
      outDiscards: c.read(ifIx, K.outDiscards),
      inFcsErrors: c.read(ifIx, K.inFcsErrors),
    };
  }
}
