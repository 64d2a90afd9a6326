import type { FaultSpec, FaultTarget, FaultType } from './fault-request';
import type { SimNetwork } from './sim-network';

export type FaultState = 'scheduled' | 'active' | 'ended';

/** A fault as reported by the admin API: the ground truth, with exact simulated start and end times. */
export interface SimFault {
  readonly id: string;
  readonly type: FaultType;
  readonly target: string;
  readonly params: Readonly<Record<string, number | string>>;
  readonly startMs: number;
  /** Null while open-ended. */
  readonly endMs: number | null;
  readonly durationMs?: number;
  readonly state: FaultState;
}

interface Entry {
  readonly id: string;
  readonly spec: FaultSpec;
  readonly startMs: number;
  endMs: number | null;
  started: boolean;
}

/** Ended faults kept for GET /faults; older ones are forgotten so a long run stays in bounded memory. */
export const FAULT_HISTORY_LIMIT = 10_000;

/**
 * Faults injected into the simulation. Faults take effect on tick boundaries: a fault whose start is at or
 * before the start of a tick's interval acts over that whole interval; it stops acting from its end time on.
 */
export class FaultRegistry {
  private seq = 0;
  private readonly current = new Map<string, Entry>();
  private history: SimFault[] = [];
  /** Bumped whenever the set of acting faults changes. */
  version = 0;

  add(spec: FaultSpec, nowMs: number): SimFault {
    const id = `f-${++this.seq}`;
    const startMs = Math.max(nowMs, spec.startMs ?? nowMs);
    const endMs = spec.durationMs !== undefined ? startMs + spec.durationMs : null;
    const e: Entry = { id, spec, startMs, endMs, started: false };
    this.current.set(id, e);
    return this.view(e, nowMs);
  }

  /** Ends a fault now (or cancels it if it has not started); undefined if no such fault is pending. */
  end(id: string, nowMs: number): SimFault | undefined {
    const e = this.current.get(id);
    if (!e) return undefined;
    const stop = Math.max(nowMs, e.startMs);
    if (e.endMs === null || stop < e.endMs) e.endMs = stop;
    return this.view(e, nowMs);
  }

  /** Starts and ends faults for the tick interval beginning at t; returns those that started and ended. */
  advance(t: number): { started: Entry[]; ended: Entry[] } {
    const started: Entry[] = [];
    const ended: Entry[] = [];
    for (const e of this.current.values()) {
      if (e.endMs !== null && e.endMs <= t) {
        this.current.delete(e.id);
        this.remember(this.view(e, t));
        if (e.started) ended.push(e);
        this.version++;
      } else if (!e.started && e.startMs <= t) {
        e.started = true;
        started.push(e);
        this.version++;
      }
    }
    return { started, ended };
  }

  /** Faults acting in the current interval. */
  *acting(): IterableIterator<{ readonly id: string; readonly spec: FaultSpec; readonly startMs: number }> {
    for (const e of this.current.values()) if (e.started) yield e;
  }

  get(id: string, nowMs: number): SimFault | undefined {
    const e = this.current.get(id);
    return e ? this.view(e, nowMs) : this.history.find((f) => f.id === id);
  }

  /** Every known fault (bounded history, then pending and acting ones) in id order. */
  list(nowMs: number): SimFault[] {
    return [...this.history, ...[...this.current.values()].map((e) => this.view(e, nowMs))].sort(
      (a, b) => Number(a.id.slice(2)) - Number(b.id.slice(2)),
    );
  }

  get historySize(): number {
    return this.history.length;
  }

  private remember(f: SimFault): void {
    this.history.push(f);
    if (this.history.length > FAULT_HISTORY_LIMIT) this.history = this.history.slice(-FAULT_HISTORY_LIMIT);
  }

  private view(e: Entry, nowMs: number): SimFault {
    const state: FaultState =
      e.endMs !== null && e.endMs <= nowMs
        ? 'ended'
        : e.started || e.startMs <= nowMs
          ? 'active'
          : 'scheduled';
    return {
      id: e.id,
      type: e.spec.type,
      target: e.spec.target,
      params: e.spec.params,
      startMs: e.startMs,
      endMs: e.endMs,
      ...(e.spec.durationMs !== undefined && { durationMs: e.spec.durationMs }),
      state,
    };
  }
}

/** Per-tick effect of the acting faults on arcs and nodes. */
export class FaultEffects {
  readonly arcDown: Uint8Array;
  readonly nodeDown: Uint8Array;
  readonly nodeSilent: Uint8Array;
  readonly arcGrayLoss: Float64Array;
  readonly arcAddedUs: Float64Array;
  readonly arcCrcRate: Float64Array;
  congestion: { readonly id: string; readonly target: FaultTarget; readonly factor: number }[] = [];

  constructor(net: SimNetwork) {
    this.arcDown = new Uint8Array(net.arcCount);
    this.nodeDown = new Uint8Array(net.nodeCount);
    this.nodeSilent = new Uint8Array(net.nodeCount);
    this.arcGrayLoss = new Float64Array(net.arcCount);
    this.arcAddedUs = new Float64Array(net.arcCount);
    this.arcCrcRate = new Float64Array(net.arcCount);
  }

  /** Recomputes the effects of the faults acting at time t. */
  compute(registry: FaultRegistry, t: number): void {
    for (const a of [this.arcDown, this.nodeDown, this.nodeSilent]) a.fill(0);
    for (const a of [this.arcGrayLoss, this.arcAddedUs, this.arcCrcRate]) a.fill(0);
    this.congestion = [];
    for (const { id, spec, startMs } of registry.acting()) {
      const r = spec.resolved;
      const arcs = r.kind === 'arcs' ? r.arcs : [];
      const p = spec.params;
      switch (spec.type) {
        case 'link-down':
          for (const a of arcs) this.arcDown[a] = 1;
          break;
        case 'flap':
          if ((t - startMs) % (p['periodMs'] as number) < (p['periodMs'] as number) / 2) {
            for (const a of arcs) this.arcDown[a] = 1;
          }
          break;
        case 'node-down':
          if (r.kind === 'node') this.nodeDown[r.node] = 1;
          break;
        case 'telemetry-gap':
          if (r.kind === 'node') this.nodeSilent[r.node] = 1;
          break;
        case 'gray-loss':
          for (const a of arcs)
            this.arcGrayLoss[a] = 1 - (1 - this.arcGrayLoss[a]!) * (1 - (p['percent'] as number) / 100);
          break;
        case 'latency':
          for (const a of arcs) this.arcAddedUs[a]! += p['us'] as number;
          break;
        case 'crc':
          for (const a of arcs)
            this.arcCrcRate[a] = 1 - (1 - this.arcCrcRate[a]!) * (1 - (p['rate'] as number));
          break;
        case 'congestion':
          this.congestion.push({ id, target: r, factor: p['factor'] as number });
          break;
        case 'drift':
          break;
      }
    }
  }
}
