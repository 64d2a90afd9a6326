import type { SidTable, TopologyGraph } from '../topology';
import { CompactGraph, distanceTree } from '../pathcomp';

/** What a SID text means to forwarding: End of a node (shortest paths to it) or End.X of one arc. */
export type ResolvedSid = { readonly node: number } | { readonly arc: number };

/**
 * The twin's compact index of a topology: pathcomp's CompactGraph numbering (dense nodes, arcs, links; CSR
 * adjacency; typed attribute arrays), SID resolution onto that numbering, per-link SRLG membership, and IGP
 * distances per destination under an arc up-mask (reverse Dijkstra on igpMetric), cached for the all-up mask.
 * ECMP next hops of node u toward d are the usable out-arcs a with dist[u] = w[a] + dist[to(a)].
 */
export class TwinIndex {
  readonly g: CompactGraph;
  /** The arcs of link l: linkArcs[linkArcStart[l] .. linkArcStart[l+1]). */
  readonly linkArcStart: Int32Array;
  readonly linkArcs: Int32Array;
  /** Arcs of each SRLG. */
  readonly srlgArcs: ReadonlyMap<number, readonly number[]>;
  private readonly sidIndex: ReadonlyMap<string, ResolvedSid>;
  private readonly baseDist: (Float64Array | undefined)[];
  private static readonly cache = new WeakMap<TopologyGraph, WeakMap<SidTable, TwinIndex>>();

  static of(topology: TopologyGraph, sids: SidTable): TwinIndex {
    let bySids = TwinIndex.cache.get(topology);
    if (!bySids) TwinIndex.cache.set(topology, (bySids = new WeakMap()));
    let ix = bySids.get(sids);
    if (!ix) bySids.set(sids, (ix = new TwinIndex(topology, sids)));
    return ix;
  }

  private constructor(
    readonly topology: TopologyGraph,
    sids: SidTable,
  ) {
    this.g = CompactGraph.of(topology);
    const g = this.g;
    const index = new Map<string, ResolvedSid>();
    for (const s of sids.all()) {
      if (s.behavior === 'End.X' && s.arc !== undefined) {
        const arc = g.arc(s.arc);
        if (arc !== undefined) index.set(s.sid, { arc });
      } else if (s.behavior === 'End') {
        const node = g.node(s.node);
        if (node !== undefined) index.set(s.sid, { node });
      }
    }
    this.sidIndex = index;
    const srlg = new Map<number, number[]>();
    for (let a = 0; a < g.m; a++) {
      for (const s of g.linkSrlgs[g.arcLink[a]!]!) {
        let list = srlg.get(s);
        if (!list) srlg.set(s, (list = []));
        list.push(a);
      }
    }
    this.srlgArcs = srlg;
    this.linkArcStart = new Int32Array(g.linkIds.length + 1);
    for (let a = 0; a < g.m; a++) this.linkArcStart[g.arcLink[a]! + 1]!++;
    for (let l = 0; l < g.linkIds.length; l++) this.linkArcStart[l + 1]! += this.linkArcStart[l]!;
    const fill = this.linkArcStart.slice(0, g.linkIds.length);
    this.linkArcs = new Int32Array(g.m);
    for (let a = 0; a < g.m; a++) this.linkArcs[fill[g.arcLink[a]!]!++] = a;
    this.baseDist = new Array<Float64Array | undefined>(g.n);
  }

  get nodeCount(): number {
    return this.g.n;
  }
  get arcCount(): number {
    return this.g.m;
  }

  /** The arcs (one or two directions) of link l. */
  arcsOfLink(l: number): Int32Array {
    return this.linkArcs.subarray(this.linkArcStart[l], this.linkArcStart[l + 1]);
  }

  /** The SID's meaning on this index, or undefined for a SID this topology does not allocate. */
  resolveSid(sid: string): ResolvedSid | undefined {
    return this.sidIndex.get(sid);
  }

  /** IGP distances to `dest` with every arc up and the topology's metrics (cached; do not mutate). */
  distAllUp(dest: number): Float64Array {
    let d = this.baseDist[dest];
    if (!d) this.baseDist[dest] = d = distanceTree(this.g, this.g.igp, null, dest, true);
    return d;
  }

  /** IGP distances to `dest` over the arcs with up[a] = 1 and the given per-arc metrics (not cached). */
  distUnder(dest: number, up: Uint8Array | null, weights: Float64Array = this.g.igp): Float64Array {
    return distanceTree(this.g, weights, up, dest, true);
  }
}
