import type { ArcId, LinkId, NodeId } from '../../model/ids';
import type { TopoArc } from '../../model/topology';
import type { ComputedPath, PathEngineOptions, PathQuery, PathResult } from '../../pathcomp';
import type { SidTable, TopologyGraph } from '../../topology';
import type { PathEngineLike } from '../intent-compiler';

/**
 * A hand-written stand-in for the path engine in specs: Dijkstra on delay (or TE metric) over arcs with
 * enough free bandwidth; a disjoint backup is the best path once the primary's links/nodes/SRLGs are removed
 * (greedy, not the joint optimum — enough to exercise the compiler). Segments are one End.X per hop.
 */
export class FakePathEngine implements PathEngineLike {
  readonly queries: PathQuery[] = [];
  constructor(
    private readonly topology: TopologyGraph,
    private readonly sids: SidTable,
    private readonly options: PathEngineOptions = {},
  ) {}

  compute(q: PathQuery): PathResult {
    this.queries.push(q);
    if (!this.topology.hasNode(q.from) || !this.topology.hasNode(q.to)) {
      return { ok: false, error: { code: 'UNKNOWN_NODE', message: 'unknown node', blocking: [] } };
    }
    const usable = (a: TopoArc): boolean =>
      (this.options.freeMbps?.(a.id) ?? a.capacityMbps) >= (q.bandwidthMbps ?? 0);
    const primary = this.shortest(q, usable);
    if (!primary) return noPath(q, 'bandwidth');
    if (!q.disjoint) return { ok: true, paths: [primary] };
    const bannedLinks = new Set<LinkId>(primary.links);
    const bannedSrlgs = new Set(primary.links.flatMap((l) => this.topology.link(l).srlgs));
    const transit = new Set<NodeId>(primary.nodes.slice(1, -1));
    const backup = this.shortest(q, (a) => {
      if (!usable(a) || bannedLinks.has(a.link)) return false;
      if (q.disjoint === 'node' && (transit.has(a.from) || transit.has(a.to))) return false;
      return !(q.disjoint === 'srlg' && this.topology.link(a.link).srlgs.some((s) => bannedSrlgs.has(s)));
    });
    if (!backup) return noPath(q, 'disjoint');
    return { ok: true, paths: [primary, backup] };
  }

  private shortest(q: PathQuery, usable: (a: TopoArc) => boolean): ComputedPath | undefined {
    const cost = (a: TopoArc): number => (q.metric === 'delay' ? a.delayUs : a.teMetric);
    const dist = new Map<NodeId, number>([[q.from as NodeId, 0]]);
    const via = new Map<NodeId, TopoArc>();
    const open = new Set<NodeId>([q.from as NodeId]);
    while (open.size > 0) {
      const u = [...open].reduce((x, y) => (dist.get(x)! <= dist.get(y)! ? x : y));
      open.delete(u);
      for (const a of this.topology.outArcs(u)) {
        if (!usable(a)) continue;
        const d = dist.get(u)! + cost(a);
        if (d < (dist.get(a.to) ?? Infinity)) {
          dist.set(a.to, d);
          via.set(a.to, a);
          open.add(a.to);
        }
      }
    }
    if (!dist.has(q.to as NodeId)) return undefined;
    const arcs: TopoArc[] = [];
    for (let n = q.to as NodeId; n !== q.from; n = via.get(n)!.from) arcs.unshift(via.get(n)!);
    const delayUs = arcs.reduce((t, a) => t + a.delayUs, 0);
    if (q.maxDelayUs !== undefined && delayUs > q.maxDelayUs) return undefined;
    return {
      nodes: [q.from as NodeId, ...arcs.map((a) => a.to)],
      links: arcs.map((a) => a.link),
      arcs: arcs.map((a): ArcId => a.id),
      metric: dist.get(q.to as NodeId)!,
      igpCost: arcs.reduce((t, a) => t + a.igpMetric, 0),
      delayUs,
      hops: arcs.length,
      segments: arcs.map((a) => ({
        sid: this.sids.endXSid(a.id).sid,
        behavior: 'End.X' as const,
        node: a.from,
        link: a.link,
      })),
    };
  }
}

function noPath(q: PathQuery, constraint: string): PathResult {
  return {
    ok: false,
    error: {
      code: 'NO_PATH',
      message: `no path ${q.from}→${q.to}`,
      blocking: [{ constraint, detail: `fake engine: ${constraint}` }],
    },
  };
}
