import type { NodeId } from '../src/core/model/ids';
import { TopologyGraph } from '../src/core/topology';
import type { TelemetrySample } from '../src/ports/ne-driver.port';

/**
 * A deterministic fake telemetry stream for tests and benchmarks: every NE reports counters for each of its
 * interfaces `eth<k>` (the simulator's naming) once per interval, each interface sending at a fixed share of
 * its arc's capacity, so the expected utilisation of every arc is known exactly.
 */
export interface SyntheticStream {
  readonly topology: TopologyGraph;
  /** Expected utilisation (fraction) of each arc. */
  readonly utilisation: ReadonlyMap<string, number>;
  /** All samples of tick `i` (interface counters for every interface, then node resources for every NE). */
  tick(i: number): TelemetrySample[];
  readonly samplesPerTick: number;
}

/** A ring of `n` nodes with 1 Gbit/s links (2n arcs, 2 interfaces per NE). */
export function ringTopology(n: number): TopologyGraph {
  const d = { capacityMbps: 1000, delayUs: 500, igpMetric: 10 };
  const id = (i: number): string => `R${String(i).padStart(4, '0')}`;
  return TopologyGraph.build({
    name: `ring-${n}`,
    nodes: Array.from({ length: n }, (_, i) => ({ id: id(i) })),
    links: Array.from({ length: n }, (_, i) => ({ id: `L${i}`, a: id(i), b: id((i + 1) % n), ab: d, ba: d })),
  });
}

export function syntheticStream(
  topology: TopologyGraph,
  startMs: number,
  intervalMs: number,
): SyntheticStream {
  const rows: { ne: NodeId; ifName: string; outBytesPerTick: bigint; inBytesPerTick: bigint }[] = [];
  const utilisation = new Map<string, number>();
  let h = 7;
  const nextShare = (): number => {
    h = (h * 1103515245 + 12345) % 2147483648;
    return 0.05 + (h % 85) / 100; // 5 % … 89 %
  };
  const bytesPerTick = (mbps: number, share: number): bigint =>
    BigInt(Math.round((mbps * 1e6 * share * intervalMs) / 8000));
  for (const node of topology.nodes()) {
    topology.outArcs(node.id).forEach((arc, k) => {
      const share = nextShare();
      const out = bytesPerTick(arc.capacityMbps, share);
      utilisation.set(arc.id, (Number(out) * 8000) / intervalMs / (arc.capacityMbps * 1e6));
      rows.push({ ne: node.id, ifName: `eth${k}`, outBytesPerTick: out, inBytesPerTick: out / 2n });
    });
  }
  const nes = [...topology.nodes()].map((n) => n.id);
  return {
    topology,
    utilisation,
    samplesPerTick: rows.length + nes.length,
    tick(i: number): TelemetrySample[] {
      const ts = BigInt(startMs + i * intervalMs) * 1_000_000n;
      const it = BigInt(i);
      const out: TelemetrySample[] = [];
      for (const r of rows) {
        const o = r.outBytesPerTick * it;
        const inO = r.inBytesPerTick * it;
        out.push({
          kind: 'interface-counters',
          ne: r.ne,
          interface: r.ifName,
          timestampNs: ts,
          inOctets: inO,
          outOctets: o,
          inPkts: inO / 500n,
          outPkts: o / 500n,
          inErrors: 0n,
          inDiscards: 0n,
          outDiscards: it,
          inFcsErrors: 0n,
        });
      }
      for (const ne of nes) {
        out.push({ kind: 'node-resources', ne, timestampNs: ts, cpuPct: 10 + (i % 10), memPct: 40 });
      }
      return out;
    },
  };
}
