import type { ArcId, NodeId } from '../model/ids';
import type { InterfacePoint, PolicyPoint, TelemetryPoint } from '../telemetry';
import { effectiveUp } from './base-plan';
import { DEFAULT_LINK_MODEL, congestionLossPct, queueDelayUs } from './link-model';
import type { LinkModel } from './link-model';
import { LivePolicies } from './live-policies';
import { ProbeRoutes } from './probe-routes';
import { learnCorrection } from './probe-correction';
import type { TwinIndex } from './twin-index';
import type { WhatIfBase } from './what-if-base';
import type { DemandEntry, LinkState, NodeStatus, TwinPolicy, TwinStateView } from './twin-types';

export interface LiveTwinOptions {
  readonly sampleIntervalMs: number;
  /** Data older than this many sampling intervals is stale (default 3). */
  readonly staleAfterIntervals?: number;
  readonly linkModel?: LinkModel;
}

const NODE_STATUS: readonly NodeStatus[] = ['down', 'up', 'unknown'];

/**
 * The live twin (issue 8 item 1): a reducer over telemetry points, oper-status events and policy/demand
 * changes, updated per point in O(1) (policy probes: O(path length)). Per arc: status, measured load and
 * utilisation, delay (propagation + queueing at the measured utilisation + a per-arc correction learned from
 * policy probes), loss, reservation and the last sample time; per node up/down/unknown; per policy the
 * measured delay/loss/jitter and its SLO verdict. Values older than staleAfterIntervals × sampleIntervalMs are
 * flagged stale and give no verdict.
 */
export class LiveTwin {
  private readonly m: number;
  private readonly staleMs: number;
  private readonly model: LinkModel;
  private readonly arcUp: Uint8Array;
  /** 0 down, 1 up, 2 unknown. */
  private readonly nodeState: Uint8Array;
  private readonly load: Float64Array;
  private readonly lastSample: Float64Array;
  private readonly outPps: Float64Array;
  private readonly discardsPs: Float64Array;
  private readonly inPps: Float64Array;
  private readonly errorsPs: Float64Array;
  private readonly reserved: Float64Array;
  private readonly correction: Float64Array;
  private readonly policies = new LivePolicies();
  private readonly probes: ProbeRoutes;
  private demands: readonly DemandEntry[] = [];
  private latestMs = -Infinity;
  private cachedBase: WhatIfBase | undefined;
  private structure: { arcUp: Uint8Array; nodeUp: Uint8Array } | undefined;

  constructor(
    readonly index: TwinIndex,
    options: LiveTwinOptions,
  ) {
    if (!(options.sampleIntervalMs > 0)) throw new RangeError('twin: sampleIntervalMs must be > 0');
    const { m, n } = index.g;
    this.m = m;
    this.staleMs = (options.staleAfterIntervals ?? 3) * options.sampleIntervalMs;
    this.model = options.linkModel ?? DEFAULT_LINK_MODEL;
    this.arcUp = new Uint8Array(m).fill(1);
    this.nodeState = new Uint8Array(n).fill(2);
    this.load = new Float64Array(m);
    this.lastSample = new Float64Array(m).fill(NaN);
    this.outPps = new Float64Array(m).fill(NaN);
    this.discardsPs = new Float64Array(m).fill(NaN);
    this.inPps = new Float64Array(m).fill(NaN);
    this.errorsPs = new Float64Array(m).fill(NaN);
    this.reserved = new Float64Array(m);
    this.correction = new Float64Array(m);
    this.probes = new ProbeRoutes(index);
  }

  applyPoint(p: TelemetryPoint): void {
    if (p.timestampMs > this.latestMs) this.latestMs = p.timestampMs;
    switch (p.measurement) {
      case 'interface':
        return this.applyInterface(p);
      case 'node':
        return this.applyNodeStatus(p.ne, 'up', p.timestampMs);
      case 'policy':
        return this.applyPolicy(p);
      case 'demand':
        return;
    }
  }

  applyOperStatus(arc: ArcId, up: boolean, atMs: number): void {
    const a = this.index.g.arc(arc);
    if (a === undefined) return;
    if (atMs > this.latestMs) this.latestMs = atMs;
    this.setArc(a, up);
  }

  applyNodeStatus(node: NodeId, status: NodeStatus, atMs: number): void {
    const v = this.index.g.node(node);
    if (v === undefined) return;
    if (atMs > this.latestMs) this.latestMs = atMs;
    const s = NODE_STATUS.indexOf(status);
    if (this.nodeState[v] === s) return;
    const wasDown = this.nodeState[v] === 0;
    this.nodeState[v] = s;
    if (wasDown || s === 0) this.structureChanged();
  }

  setPolicies(p: readonly TwinPolicy[]): void {
    this.policies.set(p);
    this.probes.setPolicies(p);
    this.structureChanged();
  }

  setReservations(r: ReadonlyMap<ArcId, number>): void {
    this.reserved.fill(0);
    for (const [arc, mbps] of r) {
      const a = this.index.g.arc(arc);
      if (a !== undefined) this.reserved[a] = mbps;
    }
    this.cachedBase = undefined;
  }

  setDemands(d: readonly DemandEntry[]): void {
    this.demands = d;
    this.structureChanged();
  }

  snapshot(nowMs: number): TwinStateView {
    const g = this.index.g;
    const up = this.effectiveUp();
    const links: LinkState[] = new Array<LinkState>(this.m);
    for (let a = 0; a < this.m; a++) {
      const last = this.lastSample[a]!;
      const cap = g.capacity[a]!;
      const util = cap > 0 ? this.load[a]! / cap : 0;
      links[a] = {
        link: g.linkIds[g.arcLink[a]!]!,
        from: g.nodeIds[g.arcFrom[a]!]!,
        to: g.nodeIds[g.arcTo[a]!]!,
        arc: g.arcIds[a]!,
        status: up[a] === 1 ? 'up' : 'down',
        capacityMbps: cap,
        loadMbps: this.load[a]!,
        utilisation: util,
        delayUs: this.arcDelay(a, util),
        lossPct: this.arcLoss(a, util),
        reservedMbps: this.reserved[a]!,
        stale: Number.isNaN(last) || nowMs - last > this.staleMs,
        lastSampleMs: Number.isNaN(last) ? null : last,
        ...(!Number.isNaN(this.errorsPs[a]!) && { errorsPs: this.errorsPs[a]! }),
        ...(!Number.isNaN(this.discardsPs[a]!) && { discardsPs: this.discardsPs[a]! }),
      };
    }
    return {
      at: nowMs,
      links,
      nodes: g.nodeIds.map((id, v) => ({ id, status: NODE_STATUS[this.nodeState[v]!]! })),
      policies: this.policies.view(nowMs, this.staleMs),
      demands: { count: this.demands.length, estimated: this.demands.filter((d) => d.estimated).length },
    };
  }

  /** The what-if base now; the same object until something changes, sharing structure between snapshots. */
  base(): WhatIfBase {
    if (this.cachedBase) return this.cachedBase;
    this.structure ??= { arcUp: this.arcUp.slice(), nodeUp: this.nodeUpMask() };
    const measured = new Float64Array(this.m);
    for (let a = 0; a < this.m; a++) {
      const fresh = this.latestMs - this.lastSample[a]! <= this.staleMs;
      measured[a] = fresh ? this.load[a]! : NaN;
    }
    this.cachedBase = Object.freeze({
      ...this.structure,
      reservedMbps: this.reserved.slice(),
      correctionUs: this.correction.slice(),
      measuredLoadMbps: measured,
      policies: this.policies.all(),
      demands: this.demands,
    });
    return this.cachedBase;
  }

  private applyInterface(p: InterfacePoint): void {
    const g = this.index.g;
    const f = p.fields;
    const a = p.outArc === undefined ? undefined : g.arc(p.outArc);
    // A point older than the arc's last sample (reordered delivery) must not roll its state back.
    if (a !== undefined && !(this.lastSample[a]! > p.timestampMs)) {
      if (f.outBps !== undefined) this.load[a] = f.outBps / 1e6;
      else if (f.utilisation !== undefined) this.load[a] = f.utilisation * g.capacity[a]!;
      if (f.outPps !== undefined) this.outPps[a] = f.outPps;
      if (f.outDiscardsPs !== undefined) this.discardsPs[a] = f.outDiscardsPs;
      if (f.operUp !== undefined) this.setArc(a, f.operUp === 1);
      if (!(this.lastSample[a]! >= p.timestampMs)) this.lastSample[a] = p.timestampMs;
      this.cachedBase = undefined;
    }
    const b = p.inArc === undefined ? undefined : g.arc(p.inArc);
    if (b !== undefined) {
      if (f.inPps !== undefined) this.inPps[b] = f.inPps;
      if (f.inErrorsPs !== undefined || f.inFcsErrorsPs !== undefined) {
        this.errorsPs[b] = (f.inErrorsPs ?? 0) + (f.inFcsErrorsPs ?? 0);
      }
    }
  }

  private applyPolicy(p: PolicyPoint): void {
    const delay = this.policies.apply(p);
    if (delay === undefined) return;
    const vec = this.probes.vector(p.ne, p.policy, this.effectiveUp());
    if (!vec || vec.active === null || vec.arcs.length === 0) return;
    const g = this.index.g;
    let predicted = 0;
    for (let i = 0; i < vec.arcs.length; i++) {
      const a = vec.arcs[i]!;
      predicted += vec.frac[i]! * this.arcDelay(a, this.load[a]! / g.capacity[a]!);
    }
    learnCorrection(this.correction, vec.arcs, vec.frac, delay - predicted, (a) => g.delay[a]!);
    this.cachedBase = undefined;
  }

  private arcDelay(a: number, util: number): number {
    const g = this.index.g;
    return Math.max(0, g.delay[a]! + queueDelayUs(util, g.capacity[a]!, this.model) + this.correction[a]!);
  }

  /** Measured drop ratio (egress discards + far-end receive errors) when counters exist, else the model's. */
  private arcLoss(a: number, util: number): number {
    const drop = this.discardsPs[a]! / this.outPps[a]!;
    const err = this.errorsPs[a]! / this.inPps[a]!;
    const measured = (Number.isFinite(drop) ? drop : 0) + (Number.isFinite(err) ? err : 0);
    const known = Number.isFinite(drop) || Number.isFinite(err);
    return known ? Math.min(100, 100 * measured) : congestionLossPct(util, this.model);
  }

  private setArc(a: number, up: boolean): void {
    const s = up ? 1 : 0;
    if (this.arcUp[a] === s) return;
    this.arcUp[a] = s;
    this.structureChanged();
  }

  private structureChanged(): void {
    this.structure = undefined;
    this.cachedBase = undefined;
    this.probes.invalidate();
  }

  private nodeUpMask(): Uint8Array {
    return this.nodeState.map((s) => (s === 0 ? 0 : 1));
  }

  private effectiveUp(): Uint8Array {
    this.structure ??= { arcUp: this.arcUp.slice(), nodeUp: this.nodeUpMask() };
    return this.probes.effectiveUp(() =>
      effectiveUp(this.index, this.structure!.arcUp, this.structure!.nodeUp),
    );
  }
}
