import { MultiDirectedGraph } from 'graphology';
import { InvalidTopologyError, UnknownLinkError, UnknownNodeError } from '../errors';
import type { ArcId, LinkId, NodeId } from '../model/ids';
import { arcIdOf } from '../model/topology';
import type { Demand, Provenance, TopoArc, TopoLink, TopoNode } from '../model/topology';
import { checkInvariants } from './invariants';
import type { DirectionInput, LinkInput, TopologyInput } from './topology-input';

/**
 * The network as a directed multigraph over graphology: one graph node per network node, one graph edge per
 * arc (direction of a physical link), keyed by arc id. Built only through `TopologyGraph.build`, which checks
 * every invariant first, so an instance is always sound. Immutable after build.
 */
export class TopologyGraph {
  private constructor(
    readonly name: string,
    readonly graph: MultiDirectedGraph<TopoNode, TopoArc>,
    private readonly nodeMap: ReadonlyMap<NodeId, TopoNode>,
    private readonly linkMap: ReadonlyMap<LinkId, TopoLink>,
    private readonly arcMap: ReadonlyMap<ArcId, TopoArc>,
    readonly demands: readonly Demand[],
    readonly provenance: Provenance | undefined,
  ) {}

  static build(input: TopologyInput): TopologyGraph {
    const problems = checkInvariants(input);
    if (problems.length > 0) throw new InvalidTopologyError(problems, `topology '${input.name}'`);

    const graph = new MultiDirectedGraph<TopoNode, TopoArc>({ allowSelfLoops: false });
    const nodeMap = new Map<NodeId, TopoNode>();
    for (const n of input.nodes) {
      const node: TopoNode = {
        id: n.id as NodeId,
        name: n.name ?? n.id,
        role: n.role ?? 'unknown',
        ...(n.site !== undefined && { site: n.site }),
        ...(n.geo !== undefined && { geo: n.geo }),
        ...(n.locatorNode !== undefined && { locatorNode: n.locatorNode }),
      };
      nodeMap.set(node.id, node);
      graph.addNode(node.id, node);
    }
    const linkMap = new Map<LinkId, TopoLink>();
    const arcMap = new Map<ArcId, TopoArc>();
    for (const l of input.links) {
      const link = toLink(l);
      linkMap.set(link.id, link);
      for (const arc of link.arcs) {
        arcMap.set(arc.id, arc);
        graph.addDirectedEdgeWithKey(arc.id, arc.from, arc.to, arc);
      }
    }
    const demands = (input.demands ?? []).map((d) => ({
      from: d.from as NodeId,
      to: d.to as NodeId,
      mbps: d.mbps,
    }));
    return new TopologyGraph(input.name, graph, nodeMap, linkMap, arcMap, demands, input.provenance);
  }

  get nodeCount(): number {
    return this.nodeMap.size;
  }
  get linkCount(): number {
    return this.linkMap.size;
  }
  get arcCount(): number {
    return this.arcMap.size;
  }

  nodes(): IterableIterator<TopoNode> {
    return this.nodeMap.values();
  }
  links(): IterableIterator<TopoLink> {
    return this.linkMap.values();
  }
  arcs(): IterableIterator<TopoArc> {
    return this.arcMap.values();
  }

  hasNode(id: string): id is NodeId {
    return this.nodeMap.has(id as NodeId);
  }
  hasLink(id: string): id is LinkId {
    return this.linkMap.has(id as LinkId);
  }

  node(id: string): TopoNode {
    const n = this.nodeMap.get(id as NodeId);
    if (!n) throw new UnknownNodeError(id, `topology '${this.name}'`);
    return n;
  }
  link(id: string): TopoLink {
    const l = this.linkMap.get(id as LinkId);
    if (!l) throw new UnknownLinkError(id, `topology '${this.name}'`);
    return l;
  }
  arc(id: string): TopoArc {
    const a = this.arcMap.get(id as ArcId);
    if (!a) throw new UnknownLinkError(id, `topology '${this.name}'`);
    return a;
  }

  /** Arcs leaving a node, in a stable order (by arc id). */
  outArcs(node: NodeId): TopoArc[] {
    this.node(node);
    return this.graph
      .outEdges(node)
      .sort()
      .map((e) => this.graph.getEdgeAttributes(e));
  }

  inArcs(node: NodeId): TopoArc[] {
    this.node(node);
    return this.graph
      .inEdges(node)
      .sort()
      .map((e) => this.graph.getEdgeAttributes(e));
  }
}

function toArc(link: LinkId, from: string, to: string, forward: boolean, d: DirectionInput): TopoArc {
  return {
    id: arcIdOf(link, forward),
    link,
    from: from as NodeId,
    to: to as NodeId,
    capacityMbps: d.capacityMbps,
    delayUs: d.delayUs,
    igpMetric: d.igpMetric,
    teMetric: d.teMetric ?? d.igpMetric,
  };
}

function toLink(l: LinkInput): TopoLink {
  const id = l.id as LinkId;
  const arcs = [toArc(id, l.a, l.b, true, l.ab)];
  if (l.ba) arcs.push(toArc(id, l.b, l.a, false, l.ba));
  return {
    id,
    a: l.a as NodeId,
    b: l.b as NodeId,
    srlgs: [...(l.srlgs ?? [])],
    affinities: [...(l.affinities ?? [])],
    arcs,
  };
}
