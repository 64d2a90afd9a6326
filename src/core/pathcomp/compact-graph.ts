import type { ArcId, LinkId, NodeId } from '../model/ids';
import type { TopologyGraph } from '../topology';
import type { PathMetric } from './path-types';

/**
 * A read-only indexed view of a topology for path algorithms: nodes, arcs and links are numbered 0..n-1,
 * adjacency is stored as CSR (compressed sparse rows) over arc indices, and per-arc attributes live in typed
 * arrays. Built once per TopologyGraph (`CompactGraph.of` caches it) because topologies are immutable.
 */
export class CompactGraph {
  readonly n: number;
  readonly m: number;
  readonly nodeIds: readonly NodeId[];
  readonly arcIds: readonly ArcId[];
  readonly linkIds: readonly LinkId[];
  readonly arcFrom: Int32Array;
  readonly arcTo: Int32Array;
  readonly arcLink: Int32Array;
  /** The other direction of the same link, or -1 for a one-way link. */
  readonly arcTwin: Int32Array;
  /** Out-arcs of node v are outArc[outStart[v] .. outStart[v+1]). */
  readonly outStart: Int32Array;
  readonly outArc: Int32Array;
  readonly inStart: Int32Array;
  readonly inArc: Int32Array;
  readonly igp: Float64Array;
  readonly te: Float64Array;
  readonly delay: Float64Array;
  readonly hops: Float64Array;
  readonly capacity: Float64Array;
  readonly linkSrlgs: readonly (readonly number[])[];
  readonly linkAffinities: readonly (readonly string[])[];
  private readonly nodeIndex: ReadonlyMap<string, number>;
  private readonly arcIndex: ReadonlyMap<string, number>;
  private readonly linkIndex: ReadonlyMap<string, number>;

  private static readonly cache = new WeakMap<TopologyGraph, CompactGraph>();

  static of(topology: TopologyGraph): CompactGraph {
    let g = CompactGraph.cache.get(topology);
    if (!g) {
      g = new CompactGraph(topology);
      CompactGraph.cache.set(topology, g);
    }
    return g;
  }

  private constructor(topology: TopologyGraph) {
    this.nodeIds = [...topology.nodes()].map((x) => x.id);
    const links = [...topology.links()];
    this.linkIds = links.map((l) => l.id);
    this.linkSrlgs = links.map((l) => l.srlgs);
    this.linkAffinities = links.map((l) => l.affinities);
    const arcs = [...topology.arcs()];
    this.arcIds = arcs.map((a) => a.id);
    this.n = this.nodeIds.length;
    this.m = arcs.length;
    this.nodeIndex = indexOf(this.nodeIds);
    this.arcIndex = indexOf(this.arcIds);
    this.linkIndex = indexOf(this.linkIds);
    const m = this.m;
    this.arcFrom = new Int32Array(m);
    this.arcTo = new Int32Array(m);
    this.arcLink = new Int32Array(m);
    this.igp = new Float64Array(m);
    this.te = new Float64Array(m);
    this.delay = new Float64Array(m);
    this.hops = new Float64Array(m).fill(1);
    this.capacity = new Float64Array(m);
    arcs.forEach((a, i) => {
      this.arcFrom[i] = this.nodeIndex.get(a.from)!;
      this.arcTo[i] = this.nodeIndex.get(a.to)!;
      this.arcLink[i] = this.linkIndex.get(a.link)!;
      this.igp[i] = a.igpMetric;
      this.te[i] = a.teMetric;
      this.delay[i] = a.delayUs;
      this.capacity[i] = a.capacityMbps;
    });
    this.arcTwin = twins(this.arcLink, this.linkIds.length);
    [this.outStart, this.outArc] = csr(this.n, this.arcFrom);
    [this.inStart, this.inArc] = csr(this.n, this.arcTo);
  }

  node(id: string): number | undefined {
    return this.nodeIndex.get(id);
  }
  arc(id: string): number | undefined {
    return this.arcIndex.get(id);
  }
  link(id: string): number | undefined {
    return this.linkIndex.get(id);
  }

  /** Per-arc weights of an objective. */
  weights(metric: PathMetric): Float64Array {
    switch (metric) {
      case 'igp':
        return this.igp;
      case 'te':
        return this.te;
      case 'delay':
        return this.delay;
      case 'hops':
        return this.hops;
    }
  }
}

function indexOf<T extends string>(ids: readonly T[]): Map<string, number> {
  return new Map(ids.map((id, i) => [id, i]));
}

/** Buckets arcs by an endpoint (counting sort, so arcs keep their topology order within a node). */
function csr(n: number, endpoint: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < endpoint.length; i++) start[endpoint[i]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const arcs = new Int32Array(endpoint.length);
  for (let i = 0; i < endpoint.length; i++) arcs[fill[endpoint[i]!]!++] = i;
  return [start, arcs];
}

function twins(arcLink: Int32Array, links: number): Int32Array {
  const first = new Int32Array(links).fill(-1);
  const twin = new Int32Array(arcLink.length).fill(-1);
  for (let a = 0; a < arcLink.length; a++) {
    const b = first[arcLink[a]!]!;
    if (b < 0) first[arcLink[a]!] = a;
    else {
      twin[a] = b;
      twin[b] = a;
    }
  }
  return twin;
}
