import type { ArcId, NodeId } from '../model/ids';
import type { TopologyGraph } from '../topology';

/**
 * IGP shortest-path DAGs with ECMP, over a compact index of the topology: nodes and arcs numbered densely
 * (nodes and arcs in id order), adjacency in CSR typed arrays. One DAG per destination, computed on first use by
 * a reverse Dijkstra on IGP metrics and cached (up to CACHE_LIMIT destinations). This is how the routers forward an End SID: along every
 * shortest path to the SID's node, splitting evenly over the equal-cost next-hop arcs (parallel links count
 * as separate next hops).
 */
export class Ecmp {
  /** At most this many DAGs stay cached (oldest evicted first), bounding memory on large graphs. */
  static readonly CACHE_LIMIT = 1024;
  private readonly dags: (EcmpDag | undefined)[];
  private readonly cached: number[] = [];

  private constructor(
    readonly nodeIds: readonly NodeId[],
    readonly arcIds: readonly ArcId[],
    readonly arcFrom: Int32Array,
    readonly arcTo: Int32Array,
    readonly arcWeight: Float64Array,
    readonly arcCapacity: Float64Array,
    private readonly inStart: Int32Array,
    private readonly inArcs: Int32Array,
    private readonly nodeIndex: ReadonlyMap<string, number>,
    private readonly arcIndex: ReadonlyMap<string, number>,
  ) {
    this.dags = new Array<EcmpDag | undefined>(nodeIds.length);
  }

  static of(topology: TopologyGraph): Ecmp {
    const nodeIds = [...topology.nodes()].map((n) => n.id).sort();
    const nodeIndex = new Map<string, number>(nodeIds.map((id, i) => [id, i]));
    const arcs = [...topology.arcs()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const m = arcs.length;
    const arcFrom = new Int32Array(m);
    const arcTo = new Int32Array(m);
    const arcWeight = new Float64Array(m);
    const arcCapacity = new Float64Array(m);
    arcs.forEach((a, i) => {
      arcFrom[i] = nodeIndex.get(a.from)!;
      arcTo[i] = nodeIndex.get(a.to)!;
      arcWeight[i] = a.igpMetric;
      arcCapacity[i] = a.capacityMbps;
    });
    const [inStart, inArcs] = csr(nodeIds.length, arcTo);
    const arcIndex = new Map<string, number>(arcs.map((a, i) => [a.id, i]));
    return new Ecmp(
      nodeIds,
      arcs.map((a) => a.id),
      arcFrom,
      arcTo,
      arcWeight,
      arcCapacity,
      inStart,
      inArcs,
      nodeIndex,
      arcIndex,
    );
  }

  get nodeCount(): number {
    return this.nodeIds.length;
  }
  get arcCount(): number {
    return this.arcIds.length;
  }

  /** Dense index of a node, or -1 when the topology has no such node. */
  indexOfNode(id: string): number {
    return this.nodeIndex.get(id) ?? -1;
  }
  /** Dense index of an arc, or -1 when the topology has no such arc. */
  indexOfArc(id: string): number {
    return this.arcIndex.get(id) ?? -1;
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
    const dist = reverseDijkstra(n, dest, this.inStart, this.inArcs, this.arcFrom, this.arcWeight);
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

function csr(n: number, key: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(n + 1);
  for (const k of key) start[k + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const items = new Int32Array(key.length);
  const fill = start.slice(0, n);
  key.forEach((k, i) => {
    items[fill[k]!++] = i;
  });
  return [start, items];
}

/** Distances to `dest` over reversed arcs; a binary heap with lazy deletion on parallel typed arrays. */
function reverseDijkstra(
  n: number,
  dest: number,
  inStart: Int32Array,
  inArcs: Int32Array,
  arcFrom: Int32Array,
  weight: Float64Array,
): Float64Array {
  const dist = new Float64Array(n).fill(Infinity);
  const heap = new MinHeap(Math.max(4, inArcs.length + 1));
  dist[dest] = 0;
  heap.push(0, dest);
  while (heap.size > 0) {
    const d = heap.topKey();
    const v = heap.pop();
    if (d > dist[v]!) continue;
    for (let i = inStart[v]!; i < inStart[v + 1]!; i++) {
      const a = inArcs[i]!;
      const u = arcFrom[a]!;
      const nd = d + weight[a]!;
      if (nd < dist[u]!) {
        dist[u] = nd;
        heap.push(nd, u);
      }
    }
  }
  return dist;
}

class MinHeap {
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
  }

  topKey(): number {
    return this.keys[0]!;
  }

  push(key: number, value: number): void {
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.keys[i] = this.keys[p]!;
      this.values[i] = this.values[p]!;
      i = p;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }

  pop(): number {
    const top = this.values[0]!;
    const key = this.keys[--this.size]!;
    const value = this.values[this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= key) break;
      this.keys[i] = this.keys[c]!;
      this.values[i] = this.values[c]!;
      i = c;
    }
    this.keys[i] = key;
    this.values[i] = value;
    return top;
  }
}
