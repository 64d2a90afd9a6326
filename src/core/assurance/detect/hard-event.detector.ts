import type { ArcId, LinkId, NodeId } from '../../model/ids';
import type { ArcInfo, LinkObservation, NodeObservation, Signal } from '../observation';

/**
 * Hard events: interface down, node down, and the telemetry gap that must not be mistaken for either.
 *
 * Level-triggered: each `update` returns one signal per condition that holds now (`evidence.sinceMs` says
 * when it started), so the incident layer opens on the first interval and resolves when the signal stops.
 *
 * - **link-down**: an arc whose fresh (non-stale) report says oper-status down; both directions of one link
 *   are one signal. Arcs of a node that is down are folded into that node's signal.
 * - **node-down**: the node reports down, or it is silent *and* its neighbours report the interfaces facing
 *   it down (a majority of the fresh facing reports).
 * - **telemetry-gap**: the node is silent but its neighbours see their facing interfaces up (or nobody can
 *   tell): the NE stopped talking, the network did not fail. Never a reroute trigger.
 *
 * False-alarm budget: none by statistics: these follow the NEs' own state reports, so a false link-down needs a
 * false oper-status report; a stale report never raises one (ADR 0101).
 */
export class HardEventDetector {
  private readonly facing = new Map<NodeId, ArcInfo[]>();
  private readonly arcInfo = new Map<ArcId, ArcInfo>();
  private readonly since = new Map<string, number>();

  constructor(arcs: readonly ArcInfo[]) {
    for (const a of arcs) {
      this.arcInfo.set(a.arc, a);
      const list = this.facing.get(a.to) ?? [];
      list.push(a);
      this.facing.set(a.to, list);
    }
  }

  update(atMs: number, links: readonly LinkObservation[], nodes: readonly NodeObservation[]): Signal[] {
    const byArc = new Map<ArcId, LinkObservation>();
    for (const l of links) byArc.set(l.arc, l);
    const signals: Signal[] = [];
    const downNodes = new Set<NodeId>();
    for (const n of nodes) {
      const verdict = this.judgeNode(n, byArc);
      if (verdict === null) continue;
      if (verdict.kind === 'node-down') downNodes.add(n.node);
      signals.push(
        this.signal(verdict.kind, atMs, `${verdict.kind}:${n.node}`, { ...verdict, node: n.node }),
      );
    }
    const downLinks = new Map<LinkId, ArcId[]>();
    for (const l of links) {
      if (l.stale || l.up !== false) continue;
      const info = this.arcInfo.get(l.arc);
      if (info && (downNodes.has(info.from) || downNodes.has(info.to))) continue;
      const list = downLinks.get(l.link) ?? [];
      list.push(l.arc);
      downLinks.set(l.link, list);
    }
    for (const [link, arcs] of downLinks) {
      signals.push(this.signal('link-down', atMs, `link-down:${link}`, { link, arcs, reports: arcs.length }));
    }
    this.forgetCleared(signals);
    return signals;
  }

  private judgeNode(
    n: NodeObservation,
    byArc: ReadonlyMap<ArcId, LinkObservation>,
  ): { kind: 'node-down' | 'telemetry-gap'; facingDown: number; facingUp: number; reason: string } | null {
    const fresh = (this.facing.get(n.node) ?? [])
      .map((a) => byArc.get(a.arc))
      .filter((o): o is LinkObservation => o !== undefined && !o.stale && o.up !== null);
    const facingDown = fresh.filter((o) => o.up === false).length;
    const facingUp = fresh.length - facingDown;
    if (n.status === 'down') return { kind: 'node-down', facingDown, facingUp, reason: 'reported down' };
    if (!n.silent) return null;
    if (facingDown > 0 && facingDown * 2 > fresh.length) {
      return {
        kind: 'node-down',
        facingDown,
        facingUp,
        reason: 'silent; neighbours see facing interfaces down',
      };
    }
    const reason = fresh.length === 0 ? 'silent; no neighbour can tell' : 'silent; neighbours see it up';
    return { kind: 'telemetry-gap', facingDown, facingUp, reason };
  }

  private signal(
    kind: 'link-down' | 'node-down' | 'telemetry-gap',
    atMs: number,
    key: string,
    e: {
      node?: NodeId;
      link?: LinkId;
      arcs?: ArcId[];
      facingDown?: number;
      facingUp?: number;
      reports?: number;
      reason?: string;
    },
  ): Signal {
    const sinceMs = this.since.get(key) ?? atMs;
    this.since.set(key, sinceMs);
    const evidence: Record<string, number | string> = { key, sinceMs };
    if (e.facingDown !== undefined) evidence.facingDown = e.facingDown;
    if (e.facingUp !== undefined) evidence.facingUp = e.facingUp;
    if (e.reports !== undefined) evidence.reports = e.reports;
    if (e.link !== undefined) evidence.link = e.link;
    const nodeArcs =
      e.node && kind === 'node-down' ? (this.facing.get(e.node) ?? []).map((a) => a.arc) : undefined;
    return {
      kind,
      atMs,
      ...(e.node ? { nodes: [e.node] } : {}),
      ...(e.arcs ? { arcs: e.arcs } : nodeArcs ? { arcs: nodeArcs } : {}),
      score: 1,
      detail: e.node ? `${e.node}: ${e.reason ?? kind}` : `${e.link ?? ''}: oper-status down`,
      evidence,
    };
  }

  private forgetCleared(active: readonly Signal[]): void {
    const keep = new Set(active.map((s) => String(s.evidence.key)));
    for (const key of [...this.since.keys()]) if (!keep.has(key)) this.since.delete(key);
  }
}

/**
 * Flapping: an arc whose oper-status changed at least `transitions` times within `windowMs`. Level-triggered
 * while the count in the window stays at or above the bar. Budget: a stable link never flaps; a single
 * maintenance bounce (2 transitions) stays below the default bar of 4 (ADR 0101).
 */
export class FlapDetector {
  private readonly last = new Map<ArcId, boolean>();
  private readonly changes = new Map<ArcId, number[]>();
  private readonly linkOf = new Map<ArcId, LinkId>();

  constructor(
    private readonly options: { transitions: number; windowMs: number } = {
      transitions: 4,
      windowMs: 60_000,
    },
  ) {}

  update(atMs: number, links: readonly LinkObservation[]): Signal[] {
    for (const l of links) {
      if (l.stale || l.up === null) continue;
      this.linkOf.set(l.arc, l.link);
      const prev = this.last.get(l.arc);
      this.last.set(l.arc, l.up);
      if (prev !== undefined && prev !== l.up) {
        const list = this.changes.get(l.arc) ?? [];
        list.push(atMs);
        this.changes.set(l.arc, list);
      }
    }
    const signals: Signal[] = [];
    for (const [arc, times] of this.changes) {
      const recent = times.filter((t) => t > atMs - this.options.windowMs);
      if (recent.length === 0) this.changes.delete(arc);
      else this.changes.set(arc, recent);
      if (recent.length < this.options.transitions) continue;
      signals.push({
        kind: 'flap',
        atMs,
        arcs: [arc],
        score: recent.length,
        detail: `${arc}: ${recent.length} transitions in ${this.options.windowMs} ms`,
        evidence: {
          transitions: recent.length,
          windowMs: this.options.windowMs,
          link: this.linkOf.get(arc) ?? '',
        },
      });
    }
    return signals;
  }
}
