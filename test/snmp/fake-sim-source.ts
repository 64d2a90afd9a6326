/**
 * A small deterministic SimSource for the SNMP front-end tests: `nes` NEs with `interfaces` interfaces each;
 * every tick advances simulated time by `tickMs` and each interface's counters by a fixed per-interface rate.
 * `start()` ticks on a real timer; `setOper`, `setNodeUp` and `silence` inject faults.
 */
import type { SimInterfaceState, SimNodeState, SimSource, SimSetResult } from '../../simulators/sim-source';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MutableInterface = Mutable<SimInterfaceState>;
type MutableNode = Omit<Mutable<SimNodeState>, 'interfaces'> & { interfaces: MutableInterface[] };

export class FakeSimSource implements SimSource {
  private readonly nodes = new Map<string, MutableNode>();
  private readonly tickListeners = new Set<(nowMs: number) => void>();
  private readonly operListeners = new Set<
    (ne: string, ifName: string, up: boolean, nowMs: number) => void
  >();
  private readonly silent = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private now = 1_800_000_000_000;

  constructor(
    nes: number,
    interfaces: number,
    private readonly tickMs = 1000,
    /** Initial value of the octet counters (to test Counter32 wrap). */
    private readonly startOctets = 0n,
  ) {
    for (let n = 0; n < nes; n++) {
      const id = `ne${n + 1}`;
      const itfs = Array.from({ length: interfaces }, (_, k) => this.makeInterface(n, k, nes));
      this.nodes.set(id, { id, name: id, legacy: true, up: true, cpuPct: 10, memPct: 20, interfaces: itfs });
    }
  }

  private makeInterface(n: number, k: number, nes: number): MutableInterface {
    return {
      name: `eth${k + 1}`,
      ifIndex: k + 1,
      linkId: `L${n + 1}-${k + 1}`,
      peer: `ne${((n + k + 1) % nes) + 1}`,
      speedMbps: 10_000,
      adminUp: true,
      operUp: true,
      lastChangeMs: this.now,
      inOctets: this.startOctets,
      outOctets: this.startOctets,
      inPkts: 0n,
      outPkts: 0n,
      inErrors: 0n,
      outErrors: 0n,
      inDiscards: 0n,
      outDiscards: 0n,
      inFcsErrors: 0n,
    };
  }

  /** Octets per second into interface k of NE n (out: twice that). */
  static inRate(n: number, k: number): bigint {
    return BigInt(n + 1) * 1_000_000n + BigInt(k) * 1_000n;
  }

  tick(): void {
    this.now += this.tickMs;
    let n = 0;
    for (const node of this.nodes.values()) {
      node.interfaces.forEach((itf, k) => {
        if (!itf.operUp || !node.up) return;
        const inc = (FakeSimSource.inRate(n, k) * BigInt(this.tickMs)) / 1000n;
        itf.inOctets += inc;
        itf.outOctets += 2n * inc;
        itf.inPkts += inc / 1000n;
        itf.outPkts += (2n * inc) / 1000n;
      });
      n++;
    }
    for (const l of this.tickListeners) l(this.now);
  }

  start(periodMs = 100): void {
    this.timer ??= setInterval(() => this.tick(), periodMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  setOper(ne: string, ifName: string, up: boolean): void {
    const itf = this.nodes.get(ne)?.interfaces.find((i) => i.name === ifName);
    if (!itf || itf.operUp === up) return;
    itf.operUp = up;
    itf.lastChangeMs = this.now;
    for (const l of this.operListeners) l(ne, ifName, up, this.now);
  }

  setNodeUp(ne: string, up: boolean): void {
    const node = this.nodes.get(ne);
    if (node) node.up = up;
  }

  /** Reset an NE's counters to zero, as after a reboot. */
  resetCounters(ne: string): void {
    for (const itf of this.nodes.get(ne)?.interfaces ?? []) {
      itf.inOctets = itf.outOctets = itf.inPkts = itf.outPkts = 0n;
    }
  }

  silence(ne: string, on: boolean): void {
    if (on) this.silent.add(ne);
    else this.silent.delete(ne);
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
  probes(): [] {
    return [];
  }
  onTick(listener: (nowMs: number) => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }
  onOperStatus(listener: (ne: string, ifName: string, up: boolean, nowMs: number) => void): () => void {
    this.operListeners.add(listener);
    return () => this.operListeners.delete(listener);
  }
  setPolicies(): SimSetResult {
    return { ok: false, message: 'fake: no policies' };
  }
  deletePolicy(): SimSetResult {
    return { ok: true };
  }
  policies(): [] {
    return [];
  }
  telemetrySilent(ne: string): boolean {
    return this.silent.has(ne);
  }
}
