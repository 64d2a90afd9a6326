import type { ArcId, NodeId } from '../model/ids';
import type { TopoArc } from '../model/topology';
import type { TopologyGraph } from '../topology';

/** What the pipeline knows about one NE interface: the link directions it transmits and receives on. */
export interface InterfaceBinding {
  readonly ne: NodeId;
  readonly interface: string;
  readonly outArc?: TopoArc;
  readonly inArc?: TopoArc;
}

/**
 * Interface ↔ topology arc table. Built from the topology by a naming rule (the simulator's `eth<k>`) or from
 * an explicit table a real network supplies (LLDP, inventory, config).
 */
export class InterfaceArcMap {
  private readonly byInterface = new Map<string, InterfaceBinding>();
  private readonly txByArc = new Map<ArcId, InterfaceBinding>();
  private readonly rxByArc = new Map<ArcId, InterfaceBinding>();

  private constructor(bindings: Iterable<InterfaceBinding>) {
    for (const b of bindings) {
      this.byInterface.set(ifKey(b.ne, b.interface), b);
      if (b.outArc) this.txByArc.set(b.outArc.id, b);
      if (b.inArc) this.rxByArc.set(b.inArc.id, b);
    }
  }

  /**
   * The simulator's rule: node n's interface `eth<k>` transmits on `topology.outArcs(n)[k]` (arc-id order) and
   * receives on the reverse direction of the same link.
   */
  static simulated(topology: TopologyGraph): InterfaceArcMap {
    const rows: InterfaceTableRow[] = [];
    for (const node of topology.nodes()) {
      topology.outArcs(node.id).forEach((arc, k) => {
        rows.push({ ne: node.id, interface: `eth${k}`, outArc: arc.id });
      });
    }
    return InterfaceArcMap.fromTable(topology, rows);
  }

  /** From an explicit table: each row names the arc an interface transmits on; the receive arc is its reverse. */
  static fromTable(topology: TopologyGraph, rows: readonly InterfaceTableRow[]): InterfaceArcMap {
    return new InterfaceArcMap(
      rows.map((r) => {
        const outArc = topology.arc(r.outArc);
        if (outArc.from !== r.ne) {
          throw new RangeError(`interface-map: arc ${r.outArc} does not leave ${r.ne} (${r.interface})`);
        }
        const inArc = topology.link(outArc.link).arcs.find((a) => a.id !== outArc.id);
        return { ne: r.ne, interface: r.interface, outArc, ...(inArc && { inArc }) };
      }),
    );
  }

  static empty(): InterfaceArcMap {
    return new InterfaceArcMap([]);
  }

  lookup(ne: NodeId, ifName: string): InterfaceBinding | undefined {
    return this.byInterface.get(ifKey(ne, ifName));
  }

  /** The interface transmitting on `arc` (its utilisation and tx counters). */
  transmitterOf(arc: ArcId): InterfaceBinding | undefined {
    return this.txByArc.get(arc);
  }

  /** The interface receiving `arc` at the far end (its rx counters show what arrived). */
  receiverOf(arc: ArcId): InterfaceBinding | undefined {
    return this.rxByArc.get(arc);
  }

  get size(): number {
    return this.byInterface.size;
  }
}

export interface InterfaceTableRow {
  readonly ne: NodeId;
  readonly interface: string;
  readonly outArc: ArcId;
}

const ifKey = (ne: NodeId, ifName: string): string => `${ne}\u0000${ifName}`;
