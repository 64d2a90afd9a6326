import type { Signal } from '../../../core/assurance';
import type { NodeId } from '../../../core/model/ids';
import type { IncidentClass } from '../../../ports/event-bus.port';
import type { Finding, ObservedPath } from '../assurance-engine';

/**
 * Findings that need no localisation: a hard event, flap, telemetry gap or counter names its elements
 * itself (probability 1, the rules' class).
 */
export function directFinding(
  cls: IncidentClass,
  elements: readonly { kind: 'link' | 'node'; id: string }[],
  s: Signal,
  paths: readonly ObservedPath[],
): Finding {
  const ids = new Set(elements.map((e) => e.id));
  return {
    class: cls,
    confidence: 1,
    classifier: 'rules',
    suspects: elements.map((e) => ({ ...e, probability: 1 })),
    equivalenceClass: [...ids].sort(),
    paths: crossing(paths, ids),
    evidence: { signal: s.kind, detail: s.detail, ...s.evidence },
    probes: [],
  };
}

/** A policy a headend holds differently from what was deployed. */
export function driftFinding(s: Signal): Finding {
  return {
    class: 'drift',
    confidence: 1,
    classifier: 'rules',
    suspects: (s.policies ?? []).map((id) => ({ kind: 'policy' as const, id, probability: 1 })),
    equivalenceClass: [...(s.policies ?? [])],
    paths: [...(s.policies ?? [])],
    evidence: { signal: s.kind, detail: s.detail, ...s.evidence },
    probes: [],
  };
}

/** Between read-back rounds the last confirmed drift stands. */
export function driftSignal(at: number, id: string, headend: string): Signal {
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

function crossing(paths: readonly ObservedPath[], ids: ReadonlySet<string>): string[] {
  return paths
    .filter((p) => p.links.some((h) => ids.has(h.link)) || p.nodes.some((n) => ids.has(n)))
    .map((p) => p.id)
    .sort();
}
