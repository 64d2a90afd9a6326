import type { TopoArc } from '../../model/topology';
import type { LinkInput, TopologyGraph, TopologyInput } from '../../topology';
import type { PathQuery } from '../path-types';

/**
 * Reference implementations for property tests, written independently of the engine: they walk the
 * TopologyGraph's own arc objects, enumerate every simple path, and check every constraint from the query's
 * plain definition. Only for small graphs.
 */
export function allSimplePaths(topo: TopologyGraph, from: string, to: string): TopoArc[][] {
  const out: TopoArc[][] = [];
  const onPath = new Set<string>([from]);
  const path: TopoArc[] = [];
  const visit = (u: string): void => {
    if (u === to) {
      out.push([...path]);
      return;
    }
    for (const arc of topo.arcs()) {
      if (arc.from !== u || onPath.has(arc.to)) continue;
      onPath.add(arc.to);
      path.push(arc);
      visit(arc.to);
      path.pop();
      onPath.delete(arc.to);
    }
  };
  visit(from);
  return out;
}

export function metricOf(q: PathQuery, path: readonly TopoArc[]): number {
  const m = q.metric ?? 'igp';
  return path.reduce(
    (s, a) => s + (m === 'igp' ? a.igpMetric : m === 'te' ? a.teMetric : m === 'delay' ? a.delayUs : 1),
    0,
  );
}

/** Whether every constraint of the query holds on the path (free bandwidth = capacity unless given). */
export function satisfies(
  topo: TopologyGraph,
  q: PathQuery,
  path: readonly TopoArc[],
  free: (a: TopoArc) => number = (a) => a.capacityMbps,
): boolean {
  const delay = path.reduce((s, a) => s + a.delayUs, 0);
  if (q.maxDelayUs !== undefined && delay > q.maxDelayUs + 1e-9) return false;
  if (q.maxHops !== undefined && path.length > q.maxHops) return false;
  return path.every((a) => {
    const link = topo.link(a.link);
    if (q.excludeNodes?.includes(a.from) || q.excludeNodes?.includes(a.to)) return false;
    if (q.excludeLinks?.includes(a.link)) return false;
    if (link.srlgs.some((s) => q.excludeSrlgs?.includes(s))) return false;
    if (link.affinities.some((x) => q.excludeAnyAffinity?.includes(x))) return false;
    if (q.includeAnyAffinity?.length && !link.affinities.some((x) => q.includeAnyAffinity!.includes(x)))
      return false;
    return free(a) >= (q.bandwidthMbps ?? 0);
  });
}

/** Whether two paths share nothing of the given kind (links always; transit nodes for node; SRLGs for srlg). */
export function disjoint(
  topo: TopologyGraph,
  mode: 'link' | 'node' | 'srlg',
  p: readonly TopoArc[],
  q: readonly TopoArc[],
): boolean {
  const pl = new Set(p.map((a) => a.link));
  if (q.some((a) => pl.has(a.link))) return false;
  if (mode === 'node') {
    const transit = new Set(p.slice(0, -1).map((a) => a.to));
    if (q.slice(0, -1).some((a) => transit.has(a.to))) return false;
  }
  if (mode === 'srlg') {
    const risks = new Set(p.flatMap((a) => topo.link(a.link).srlgs));
    if (q.some((a) => topo.link(a.link).srlgs.some((s) => risks.has(s)))) return false;
  }
  return true;
}

/** Parameters of a random small topology (property tests draw these). */
export interface RandomLink {
  a: number;
  b: number;
  igp: number;
  te: number;
  delay: number;
  capacity: number;
  srlgs: number[];
  affinities: string[];
  oneWay: boolean;
  reverseIgp: number;
}

export function randomTopology(nodes: number, links: readonly RandomLink[]): TopologyInput {
  const ls: LinkInput[] = links
    .filter((l) => l.a % nodes !== l.b % nodes)
    .map((l, i) => {
      const ab = { capacityMbps: l.capacity, delayUs: l.delay, igpMetric: l.igp, teMetric: l.te };
      return {
        id: `L${i}`,
        a: `n${l.a % nodes}`,
        b: `n${l.b % nodes}`,
        srlgs: l.srlgs,
        affinities: l.affinities,
        ab,
        ba: l.oneWay ? null : { ...ab, igpMetric: l.reverseIgp },
      };
    });
  return { name: 'random', nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i}` })), links: ls };
}
