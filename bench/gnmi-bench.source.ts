import type {
  SimInterfaceState,
  SimNodeState,
  SimProbeState,
  SimSetResult,
  SimSource,
  SrPolicyJson,
} from '../simulators/sim-source';

type MutableIf = { -readonly [K in keyof SimInterfaceState]: SimInterfaceState[K] };

/** Synthetic network for benchmarks: `nes` NEs × `ifaces` interfaces whose counters grow every tick. */
export class BenchSimSource implements SimSource {
  private readonly nodes = new Map<string, Omit<SimNodeState, 'interfaces'> & { interfaces: MutableIf[] }>();
  private readonly listeners = new Set<(now: number) => void>();
  private now = 1_700_000_000_000;

  constructor(nes: number, ifaces: number) {
    for (let n = 0; n < nes; n++) {
      const id = `ne${n}`;
      const interfaces: MutableIf[] = Array.from({ length: ifaces }, (_, i) => ({
        name: `Ethernet${i + 1}`,
        ifIndex: i + 1,
        linkId: `${id}-${i}`,
        peer: 'x',
        speedMbps: 100_000,
        adminUp: true,
        operUp: true,
        lastChangeMs: 0,
        inOctets: 10n ** 15n,
        outOctets: 10n ** 15n,
        inPkts: 10n ** 12n,
        outPkts: 10n ** 12n,
        inErrors: 0n,
        outErrors: 0n,
        inDiscards: 0n,
        outDiscards: 0n,
        inFcsErrors: 0n,
      }));
      this.nodes.set(id, { id, name: id, legacy: false, up: true, cpuPct: 12.5, memPct: 40, interfaces });
    }
  }

  tick(): void {
    this.now += 1000;
    for (const n of this.nodes.values()) {
      for (const i of n.interfaces) {
        i.inOctets += 1_250_000_000n;
        i.outOctets += 1_000_000_000n;
        i.inPkts += 1_000_000n;
        i.outPkts += 800_000n;
      }
    }
    for (const l of this.listeners) l(this.now);
  }

  nodeIds(): readonly string[] {
    return [...this.nodes.keys()];
  }
  node(id: string): SimNodeState | undefined {
    return this.nodes.get(id);
  }
  nowMs(): number {
    return this.now;
  }
  probes(): readonly SimProbeState[] {
    return [];
  }
  onTick(listener: (nowMs: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onOperStatus(): () => void {
    return () => undefined;
  }
  setPolicies(): SimSetResult {
    return { ok: false, message: 'bench source: read-only' };
  }
  deletePolicy(): SimSetResult {
    return { ok: true };
  }
  policies(): readonly SrPolicyJson[] {
    return [];
  }
}
