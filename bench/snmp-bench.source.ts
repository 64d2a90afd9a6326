/**
 * A synthetic SimSource for the SNMP benchmark: `nes` NEs × `interfaces` interfaces whose counters are a pure
 * function of wall time (no per-tick work), so the benchmark measures the agent, not a traffic model.
 */
import type { SimInterfaceState, SimNodeState, SimSetResult, SimSource } from '../simulators/sim-source';

class BenchInterface implements SimInterfaceState {
  readonly adminUp = true;
  readonly operUp = true;
  readonly lastChangeMs: number;
  readonly outErrors = 0n;
  readonly inErrors = 0n;
  readonly inDiscards = 0n;
  readonly outDiscards = 0n;
  readonly inFcsErrors = 0n;
  readonly speedMbps = 100_000;

  constructor(
    readonly name: string,
    readonly ifIndex: number,
    readonly linkId: string,
    readonly peer: string,
    private readonly bytesPerMs: number,
    private readonly startMs: number,
  ) {
    this.lastChangeMs = startMs;
  }
  private octets(scale: number): bigint {
    return BigInt(Math.floor((Date.now() - this.startMs) * this.bytesPerMs * scale));
  }
  get inOctets(): bigint {
    return this.octets(1);
  }
  get outOctets(): bigint {
    return this.octets(1.5);
  }
  get inPkts(): bigint {
    return this.octets(1 / 1000);
  }
  get outPkts(): bigint {
    return this.octets(1.5 / 1000);
  }
}

export class BenchSimSource implements SimSource {
  private readonly nodes = new Map<string, SimNodeState>();
  private readonly ids: string[];

  constructor(nes: number, interfaces: number) {
    const start = Date.now();
    this.ids = Array.from({ length: nes }, (_, n) => `ne${n + 1}`);
    this.ids.forEach((id, n) => {
      const itfs = Array.from(
        { length: interfaces },
        (_, k) =>
          new BenchInterface(
            `eth${k + 1}`,
            k + 1,
            `${id}-${k + 1}`,
            `ne${((n + k + 1) % nes) + 1}`,
            1 + k,
            start,
          ),
      );
      this.nodes.set(id, { id, name: id, legacy: true, up: true, cpuPct: 5, memPct: 10, interfaces: itfs });
    });
  }

  nodeIds(): readonly string[] {
    return this.ids;
  }
  node(id: string): SimNodeState | undefined {
    return this.nodes.get(id);
  }
  nowMs(): number {
    return Date.now();
  }
  probes(): [] {
    return [];
  }
  onTick(): () => void {
    return () => undefined;
  }
  onOperStatus(): () => void {
    return () => undefined;
  }
  setPolicies(): SimSetResult {
    return { ok: false, message: 'bench source' };
  }
  deletePolicy(): SimSetResult {
    return { ok: true };
  }
  policies(): [] {
    return [];
  }
}
