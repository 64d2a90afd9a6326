import type { LinkObservation, NodeObservation, PathRow, ProbeObservation } from '../../../core/assurance';
import type { ArcId, LinkId, NodeId } from '../../../core/model/ids';
import type { LoopObservation } from '../assurance-engine';

/** The loop's observation in the detectors' and the localiser's terms (plain mapping, no decisions). */
export interface CoreInputs {
  readonly links: LinkObservation[];
  readonly nodes: NodeObservation[];
  /** The routing matrix of the interval: every observed path's arcs with their ECMP shares. */
  readonly rows: PathRow[];
  readonly probes: ProbeObservation[];
}

/**
 * `arcDelayUs` gives an arc's stated propagation delay (the topology's), from which each row's `nominalUs`
 * is summed; without it, or for an arc it does not know, rows carry no nominal delay. `arcQueueUs` gives the
 * link model's queueing delay of an arc at a utilisation: with it, a row whose arcs all have a fresh
 * utilisation and a stated delay carries `modelUs` (ADR 0173).
 */
export function coreInputs(
  obs: LoopObservation,
  arcDelayUs: (arc: ArcId) => number | undefined = () => undefined,
  arcQueueUs?: (arc: ArcId, utilisation: number) => number | undefined,
): CoreInputs {
  const at = obs.at;
  const fresh = new Map<string, number>();
  if (arcQueueUs)
    for (const l of obs.links)
      if (!l.stale && l.status !== 'down' && l.utilisation !== undefined && l.utilisation !== null)
        fresh.set(l.arc, l.utilisation);
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
  const rows: PathRow[] = obs.paths.map((p) => {
    const nominalUs = p.links.reduce((sum, h) => sum + h.share * (arcDelayUs(h.arc as ArcId) ?? NaN), 0);
    const queueUs = arcQueueUs
      ? p.links.reduce((sum, h) => {
          const u = fresh.get(h.arc);
          return sum + h.share * (u === undefined ? NaN : (arcQueueUs(h.arc as ArcId, u) ?? NaN));
        }, 0)
      : NaN;
    const modelUs = nominalUs + queueUs;
    return {
      policy: p.policy,
      headend: p.headend as NodeId,
      arcs: p.links.map((h) => ({ arc: h.arc as ArcId, fraction: h.share })),
      nodes: p.nodes as NodeId[],
      ...(p.links.length > 0 && Number.isFinite(nominalUs) && { nominalUs }),
      ...(p.links.length > 0 && Number.isFinite(modelUs) && { modelUs }),
    };
  });
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
  return { links, nodes, rows, probes };
}
