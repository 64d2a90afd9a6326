import type { ArcId, NodeId } from '../model/ids';
import type { TopologyGraph } from '../topology';
import { CompactGraph } from './compact-graph';
import { distanceTree } from './dijkstra';

/**
 * IGP shortest-path DAGs with ECMP over the one compact index of the topology (`CompactGraph`: its node and
 * arc numbering, CSR adjacency and its reverse Dijkstra, `distanceTree`). One DAG per destination, computed on
 * first use and cached (up to CACHE_LIMIT destinations). This is how the routers forward an End SID: along
 * every shortest path to the SID's node, splitting evenly over the equal-cost next-hop arcs (parallel links
 * count as separate next hops). The twin (src/core/twin) uses the same index and Dijkstra.
 */
export class Ecmp {
  /** At most this many DAGs stay cached (oldest evicted first), bounding memory on large graphs. */
  static readonly CACHE_LIMIT = 1024;
  private static readonly cache = new WeakMap<TopologyGraph, Ecmp>();
  private readonly dags: (EcmpDag | undefined)[];
  private readonly cached: number[] = [];
  readonly nodeIds: readonly NodeId[];
  readonly arcIds: readonly ArcId[];
  readonly arcFrom: Int32Array;
  readonly arcTo: Int32Array;
  readonly arcWeight: Float64Array;
  readonly arcCapacity: Float64Array;

  private constructor(readonly graph: CompactGraph) {
    this.nodeIds = graph.nodeIds;
    this.arcIds = graph.arcIds;
    this.arcFrom = graph.arcFrom;
    this.arcTo = graph.arcTo;
    this.arcWeight = graph.igp;
    this.arcCapacity = graph.capacity;
    this.dags = new Array<EcmpDag | undefined>(graph.n);
  }

  static of(topology: TopologyGraph): Ecmp {
    let e = Ecmp.cache.get(topology);
    if (!e) Ecmp.cache.set(topology, (e = new Ecmp(CompactGraph.of(topology))));
    return e;
  }

  get nodeCount(): number {
    return this.nodeIds.length;
  }
  get arcCount(): number {
    return this.arcIds.length;
  }

  /** Dense index of a node, or -1 when the topology has no such node. */
  indexOfNode(id: string): number {
    return this.graph.node(id) ?? -1;
  }
  /** Dense index of an arc, or -1 when the topology has no such arc. */
  indexOfArc(id: string): number {
    return this.graph.arc(id) ?? -1;
  }

  /** The shortest-path DAG toward a destination (by dense index), cached. */
  toward(dest: number): EcmpDag {
    let dag = this.dags[dest];
    if (!dag) {
      dag = this.buildDag(dest);
      this.dags[dest] = dag;
      this.cached.push(dest);
      if (this.cached.length > Ecmp.CACHE_LIMIT) this.dags[this.cached.shift()!] = undefined;
    }
    return dag;
  }

  private buildDag(dest: number): EcmpDag {
    const n = this.nodeCount;
    const dist = distanceTree(this.graph, this.arcWeight, null, dest, true);
    const count = new Int32Array(n + 1);
    const onDag = (a: number): boolean => {
      const d = dist[this.arcTo[a]!]!;
      return d !== Infinity && dist[this.arcFrom[a]!] === d + this.arcWeight[a]!;
    };
    for (let a = 0; a < this.arcCount; a++) if (onDag(a)) count[this.arcFrom[a]! + 1]!++;
    for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
    const nextArcs = new Int32Array(count[n]!);
    const fill = count.slice(0, n);
    for (let a = 0; a < this.arcCount; a++) if (onDag(a)) nextArcs[fill[this.arcFrom[a]!]!++] = a;
    return new EcmpDag(dest, dist, count, nextArcs, this.arcTo);
  }
}

/** The IGP shortest-path DAG toward one destination: distances and, per node, its equal-cost next-hop arcs. */
export class EcmpDag {
  constructor(
    readonly dest: number,
    /** IGP distance from every node to `dest` (Infinity when unreachable). */
    readonly dist: Float64Array,
    private readonly nextStart: Int32Array,
    private readonly nextArcs: Int32Array,
    private readonly arcTo: Int32Array,
  ) {}

  reachable(node: number): boolean {
    return this.dist[node] !== Infinity;
  }

  /** How many equal-cost next-hop arcs `node` has toward the destination (0 at the destination). */
  nextHopCount(node: number): number {
    return this.nextStart[node + 1]! - this.nextStart[node]!;
  }

  /** The equal-cost next-hop arcs of `node`, in arc-index order. */
  nextHops(node: number): Int32Array {
    return this.nextArcs.subarray(this.nextStart[node], this.nextStart[node + 1]);
  }

  /**
   * Sends one unit from `source` to the destination with an even split over next hops at every node and calls
   * `visit(arc, fraction)` once per arc carrying a share. Returns false (visiting nothing) when unreachable.
   */
  spread(source: number, visit: (arc: number, fraction: number) => void): boolean {
    if (!this.reachable(source)) return false;
    const nodes = this.subDag(source);
    const share = new Map<number, number>([[source, 1]]);
    for (const v of nodes) {
      const flow = share.get(v) ?? 0;
      const hops = this.nextHops(v);
      if (flow === 0 || hops.length === 0) continue;
      const part = flow / hops.length;
      for (const a of hops) {
        visit(a, part);
        const w = this.arcTo[a]!;
        share.set(w, (share.get(w) ?? 0) + part);
      }
    }
    return true;
  }

  /** Nodes reachable from `source` in the DAG, farthest from the destination first (a topological order). */
  private subDag(source: number): number[] {
    const seen = new Set<number>([source]);
    const stack = [source];
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const a of this.nextHops(v)) {
        const w = this.arcTo[a]!;
        if (!seen.has(w)) {
          seen.add(w);
          stack.push(w);
        }
      }
    }
    return [...seen].sort((x, y) => this.dist[y]! - this.dist[x]! || x - y);
  }
}
