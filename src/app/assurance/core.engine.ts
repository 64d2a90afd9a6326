import type {
  ArcInfo,
  LinkObservation,
  NodeObservation,
  PathRow,
  ProbeObservation,
  Signal,
} from '../../core/assurance';
import {
  CounterDetector,
  DriftDetector,
  FlapDetector,
  HardEventDetector,
  LatencyDetector,
  LossDetector,
} from '../../core/assurance/detect';
import type { ArcId, LinkId, NodeId } from '../../core/model/ids';
import type { TopologyGraph } from '../../core/topology';
import type { IncidentClass } from '../../ports/event-bus.port';
import type { AssuranceEngine, Finding, LoopObservation, ObservedPath } from './assurance-engine';
import { equivalenceOf } from './equivalence';

/**
 * The assurance core behind the loop's seam: the core detectors (hard events, flaps, pooled binomial loss,
 * CUSUM latency, counters, drift) run on the interval's observation; their signals become findings. Loss and
 * latency signals are localised to the equivalence class of their top arc (links crossed by exactly the same
 * alarmed paths) and classified by corroborating counters (errors → crc, discards → congestion).
 */
export class CoreAssuranceEngine implements AssuranceEngine {
  readonly name = 'core';
  private readonly arcs: ArcInfo[];
  private readonly hard: HardEventDetector;
  private readonly flap = new FlapDetector();
  private readonly loss: LossDetector;
  private readonly latency: LatencyDetector;
  private readonly counters = new CounterDetector();
  private readonly drift = new DriftDetector();

  constructor(
    private readonly topology: TopologyGraph,
    intervalMs: number,
  ) {
    this.arcs = [...topology.arcs()].map((a) => ({ arc: a.id, link: a.link, from: a.from, to: a.to }));
    this.hard = new HardEventDetector(this.arcs);
    this.loss = new LossDetector({ intervalMs });
    this.latency = new LatencyDetector();
  }

  analyse(obs: LoopObservation): Finding[] {
    const at = obs.at;
    const links: LinkObservation[] = obs.links.map((l) => ({
      arc: l.arc as ArcId,
      link: l.link as LinkId,
      atMs: at,
      up: l.status === 'unknown' ? null : l.status === 'up',
      utilisation: l.utilisation ?? null,
      ...(l.errorsPs !== undefined && { inErrorsPs: l.errorsPs }),
      ...(l.discardsPs !== undefined && { outDiscardsPs: l.discardsPs }),
      stale: l.stale,
    }));
    const silent = new Set(obs.silent);
    const nodes: NodeObservation[] = obs.nodes.map((n) => ({
      node: n.id as NodeId,
      atMs: at,
      status: n.status,
      silent: silent.has(n.id),
    }));
    const rows: PathRow[] = obs.paths.map((p) => ({
      policy: p.policy,
      headend: p.headend as NodeId,
      arcs: p.links.map((h) => ({ arc: h.arc as ArcId, fraction: h.share })),
      nodes: p.nodes as NodeId[],
    }));
    const probes: ProbeObservation[] = obs.paths
      .filter((p) => p.probesSent > 0 || p.delayUs !== null)
      .map((p) => ({
        headend: p.headend as NodeId,
        policy: p.policy,
        atMs: at,
        probesSent: p.probesSent,
        probesLost: p.probesLost,
        delayUs: p.delayUs ?? 0,
        jitterUs: p.jitterUs ?? 0,
      }));
    const signals: Signal[] = [
      ...this.hard.update(at, links, nodes),
      ...this.flap.update(at, links),
      ...this.loss.update(at, rows, probes),
      ...this.latency.update(
        at,
        rows,
        probes.filter((p) => p.delayUs > 0),
      ),
      ...this.counters.update(at, links),
    ];
    const r = obs.policyRound;
    if (r) {
      signals.push(
        ...this.drift.update(at, r.deployed as never, r.held as never, r.reported as NodeId[], r.inFlight),
      );
    } else {
      // between read-back rounds the last confirmed drift stands
      for (const d of obs.drift) signals.push(driftSignal(at, d.id, d.headend));
    }
    return this.findings(signals, obs);
  }

  private findings(signals: readonly Signal[], obs: LoopObservation): Finding[] {
    const out: Finding[] = [];
    const counterArcs = (kind: 'errors' | 'discards'): Set<string> =>
      new Set(signals.filter((s) => s.kind === kind).flatMap((s) => s.arcs ?? []));
    const errors = counterArcs('errors');
    const discards = counterArcs('discards');
    const explained = new Set<string>();
    for (const s of signals) {
      switch (s.kind) {
        case 'link-down':
        case 'flap': {
          const ls = this.linksOf(s.arcs ?? []);
          out.push(
            this.simple(
              s.kind,
              ls.map((id) => ({ kind: 'link' as const, id })),
              s,
              obs,
            ),
          );
          break;
        }
        case 'node-down':
        case 'telemetry-gap':
          out.push(
            this.simple(
              s.kind,
              (s.nodes ?? []).map((id) => ({ kind: 'node' as const, id })),
              s,
              obs,
            ),
          );
          break;
        case 'drift':
          out.push({
            class: 'drift',
            confidence: 1,
            classifier: 'rules',
            suspects: (s.policies ?? []).map((id) => ({ kind: 'policy' as const, id, probability: 1 })),
            equivalenceClass: [...(s.policies ?? [])],
            paths: [...(s.policies ?? [])],
            evidence: { signal: s.kind, detail: s.detail, ...s.evidence },
            probes: [],
          });
          break;
        case 'loss':
        case 'latency': {
          const top = (s.arcs ?? [])[0];
          if (top === undefined) break;
          const cls: IncidentClass = errors.has(top)
            ? 'crc'
            : discards.has(top)
              ? 'congestion'
              : s.kind === 'loss'
                ? 'gray-loss'
                : 'latency';
          for (const a of s.arcs ?? []) explained.add(a);
          out.push(this.localised(cls, top, s, obs));
          break;
        }
        case 'errors':
        case 'discards':
          break;
      }
    }
    // counters with no path symptom: corrupting or congested links nobody's probes cross yet
    for (const s of signals) {
      if (s.kind !== 'errors' && s.kind !== 'discards') continue;
      const arcs = (s.arcs ?? []).filter((a) => !explained.has(a));
      if (arcs.length === 0) continue;
      const cls: IncidentClass = s.kind === 'errors' ? 'crc' : 'congestion';
      out.push(
        this.simple(
          cls,
          this.linksOf(arcs).map((id) => ({ kind: 'link' as const, id })),
          s,
          obs,
        ),
      );
    }
    return out;
  }

  private simple(
    cls: IncidentClass,
    elements: { kind: 'link' | 'node'; id: string }[],
    s: Signal,
    obs: LoopObservation,
  ): Finding {
    const ids = new Set(elements.map((e) => e.id));
    return {
      class: cls,
      confidence: 1,
      classifier: 'rules',
      suspects: elements.map((e) => ({ ...e, probability: 1 })),
      equivalenceClass: [...ids].sort(),
      paths: crossing(obs.paths, ids),
      evidence: { signal: s.kind, detail: s.detail, ...s.evidence },
      probes: [],
    };
  }

  /** A loss/latency signal localised to its top arc's equivalence class over the alarmed paths. */
  private localised(cls: IncidentClass, top: ArcId, s: Signal, obs: LoopObservation): Finding {
    const eq = equivalenceOf(top, s.policies ?? [], obs.paths, s.arcs ?? []);
    const links = this.linksOf(eq);
    const p = 1 / links.length;
    return {
      class: cls,
      confidence:
        Math.min(1, s.score / Math.max(1, Number(s.evidence['threshold'] ?? s.score))) >= 1 ? 0.9 : 0.6,
      classifier: 'rules',
      suspects: links.map((id) => ({ kind: 'link' as const, id, probability: p })),
      equivalenceClass: links,
      paths: [...(s.policies ?? [])],
      evidence: { signal: s.kind, detail: s.detail, ...s.evidence },
      probes:
        links.length > 1
          ? eq.map((a) => {
              const arc = this.topology.arc(a);
              return { headend: arc.from, links: [arc.link] };
            })
          : [],
    };
  }

  private linksOf(arcs: readonly string[]): string[] {
    return [...new Set(arcs.map((a) => this.topology.arc(a).link as string))].sort();
  }
}

function crossing(paths: readonly ObservedPath[], ids: ReadonlySet<string>): string[] {
  return paths
    .filter((p) => p.links.some((h) => ids.has(h.link)) || p.nodes.some((n) => ids.has(n)))
    .map((p) => p.id)
    .sort();
}

function driftSignal(at: number, id: string, headend: string): Signal {
  return {
    kind: 'drift',
    atMs: at,
    nodes: [headend as NodeId],
    policies: [id],
    score: 1,
    detail: `${id}: differs on the headend (last read-back)`,
    evidence: { issue: 'modified' },
  };
}
