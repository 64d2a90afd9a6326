import type {
  SimInterfaceState,
  SimNodeState,
  SimProbeState,
  SimSetResult,
  SimSource,
  SrPolicyJson,
} from '../../simulators/sim-source';

export interface FakeNodeSpec {
  readonly id: string;
  readonly interfaces: number;
  readonly legacy?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Deterministic stand-in for the simulator engine: counters grow by fixed amounts each tick (interface i of
 * any NE gains 1000·i octets), SR policies are accepted only if every SID is in `validSids`.
 */
export class FakeSimSource implements SimSource {
  private readonly nodes = new Map<
    string,
    Mutable<Omit<SimNodeState, 'interfaces'>> & { interfaces: Mutable<SimInterfaceState>[] }
  >();
  private readonly installed = new Map<string, Map<string, SrPolicyJson>>();
  private readonly tickListeners = new Set<(now: number) => void>();
  private readonly operListeners = new Set<(ne: string, ifName: string, up: boolean, now: number) => void>();
  private readonly silent = new Set<string>();
  private now = 1_700_000_000_000;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    specs: readonly FakeNodeSpec[],
    readonly validSids: ReadonlySet<string>,
    private readonly tickMs = 1000,
  ) {
    for (const s of specs) {
      const interfaces = Array.from({ length: s.interfaces }, (_, i) => fakeInterface(s.id, i + 1));
      this.nodes.set(s.id, {
        id: s.id,
        name: s.id,
        legacy: s.legacy ?? false,
        up: true,
        cpuPct: 10,
        memPct: 20,
        interfaces,
      });
      this.installed.set(s.id, new Map());
    }
  }

  /** Advance simulated time by one tick every `realMs` of wall time. */
  start(realMs: number): void {
    this.timer ??= setInterval(() => this.tick(), realMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  tick(): void {
    this.now += this.tickMs;
    for (const n of this.nodes.values()) {
      if (!n.up) continue;
      for (const i of n.interfaces) {
        if (!i.operUp) continue;
        i.inOctets += 1000n * BigInt(i.ifIndex);
        i.outOctets += 2000n * BigInt(i.ifIndex);
        i.inPkts += 10n;
        i.outPkts += 20n;
      }
    }
    for (const l of [...this.tickListeners]) l(this.now);
  }

  setOperStatus(ne: string, ifName: string, up: boolean): void {
    const i = this.nodes.get(ne)?.interfaces.find((x) => x.name === ifName);
    if (!i) throw new Error(`fake: no interface ${ne}/${ifName}`);
    i.operUp = up;
    i.lastChangeMs = this.now;
    for (const l of [...this.operListeners]) l(ne, ifName, up, this.now);
  }

  setNodeUp(ne: string, up: boolean): void {
    this.nodes.get(ne)!.up = up;
  }

  setSilent(ne: string, silent: boolean): void {
    if (silent) this.silent.add(ne);
    else this.silent.delete(ne);
  }

  telemetrySilent(ne: string): boolean {
    return this.silent.has(ne);
  }

  listenerCount(): number {
    return this.tickListeners.size + this.operListeners.size;
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
  probes(headend: string): readonly SimProbeState[] {
    return [...(this.installed.get(headend)?.values() ?? [])].map((p) => ({
      policy: p.name,
      headend,
      timestampMs: this.now,
      delayUs: 1500,
      jitterUs: 20,
      lossPct: 0.4,
      probesSent: 1000,
      probesLost: 4,
    }));
  }
  onTick(listener: (nowMs: number) => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }
  onOperStatus(listener: (ne: string, ifName: string, up: boolean, nowMs: number) => void): () => void {
    this.operListeners.add(listener);
    return () => this.operListeners.delete(listener);
  }
  setPolicies(headend: string, policies: readonly SrPolicyJson[]): SimSetResult {
    const table = this.installed.get(headend);
    if (!table) return { ok: false, message: `unknown headend ${headend}` };
    for (const p of policies) {
      for (const cp of p['candidate-path']) {
        for (const sl of cp['segment-list']) {
          const bad = sl.segment.find((s) => !this.validSids.has(s.sid));
          if (bad) return { ok: false, message: `policy ${p.name}: unknown SID ${bad.sid}` };
        }
      }
    }
    for (const p of policies) table.set(p.name, structuredClone(p));
    return { ok: true };
  }
  deletePolicy(headend: string, name: string): SimSetResult {
    this.installed.get(headend)?.delete(name);
    return { ok: true };
  }
  policies(headend: string): readonly SrPolicyJson[] {
    return [...(this.installed.get(headend)?.values() ?? [])];
  }
}

function fakeInterface(ne: string, ifIndex: number): Mutable<SimInterfaceState> {
  return {
    name: `eth${ifIndex}`,
    ifIndex,
    linkId: `${ne}-l${ifIndex}`,
    peer: `peer${ifIndex}`,
    speedMbps: 10_000,
    adminUp: true,
    operUp: true,
    lastChangeMs: 0,
    // Start near 2^53 so a JS number would lose precision: bigint must survive end to end.
    inOctets: 9_007_199_254_740_000n + BigInt(ifIndex),
    outOctets: 0n,
    inPkts: 0n,
    outPkts: 0n,
    inErrors: 0n,
    outErrors: 0n,
    inDiscards: 0n,
    outDiscards: 0n,
    inFcsErrors: 0n,
  };
}
