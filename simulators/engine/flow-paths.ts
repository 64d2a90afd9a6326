import type { IgpRouting } from './igp-routing';
import { PathBuilder, type PathFragment, type PathTable } from './path-builder';
import { hash4 } from './sim-rng';
import type { SimNetwork } from './sim-network';
import type { InstalledPolicy, ResolvedSegment, ResolvedSegmentList } from './sr-policy.store';

const INF = Number.POSITIVE_INFINITY;

/** Flow buckets per demand: each bucket is one hashed flow aggregate that follows one concrete path. */
export const FLOW_BUCKETS = 64; // a power of two (see hashOrder)

/** One entry to route: a demand (or a probe) from src to dst, steered into `policy` when given. */
export interface FlowEntry {
  readonly src: number;
  readonly dst: number;
  /** Hash key of the flows (the demand index, or a probe key): the same key hashes the same way. */
  readonly key: number;
  readonly policy?: InstalledPolicy;
}

export type { PathTable } from './path-builder';

/** Hop-by-hop forwarding of flow buckets: IGP with ECMP, SRv6 End and End.X at each segment endpoint. */
export class FlowForwarder {
  private readonly nh: Int32Array;
  private readonly maxHops: number;
  private readonly slots = new Int16Array(FLOW_BUCKETS).fill(-1);
  private readonly acc: Float64Array;

  constructor(
    private readonly net: SimNetwork,
    private readonly igp: IgpRouting,
    private readonly seed: number,
  ) {
    this.nh = new Int32Array(
      Math.max(1, ...Array.from({ length: net.nodeCount }, (_, v) => outDegree(net, v))),
    );
    this.maxHops = 4 * net.nodeCount + 8;
    this.acc = new Float64Array(net.arcCount);
  }

  /**
   * Routes every entry. IGP-routed entries whose destination's routes are unchanged since they were cached in
   * `cache` (keyed by entry key) are copied from it instead of being routed again.
   */
  build(entries: readonly FlowEntry[], cache?: Map<number, PathFragment>): PathTable {
    const b = new PathBuilder(entries.length, this.acc);
    const all = Array.from({ length: FLOW_BUCKETS }, (_, i) => i);
    for (const e of entries) {
      const lists = e.policy ? this.activeLists(e.policy) : undefined;
      if (lists) {
        this.splitByWeight(e.key, lists).forEach((bs, li) => {
          if (bs.length > 0) this.route(b, e, bs, e.src, [...lists[li]!.segments, end(e.dst)], 0, []);
        });
        b.endEntry(1);
        continue;
      }
      const version = this.igp.destVersion(e.dst);
      const cached = e.policy ? undefined : cache?.get(e.key);
      if (cached && cached.version === version) {
        b.addFragment(cached);
        continue;
      }
      this.route(b, e, all, e.src, [end(e.dst)], 0, []);
      b.endEntry(e.policy ? -1 : 0);
      if (cache && !e.policy) cache.set(e.key, b.lastFragment(version));
    }
    return b.table();
  }

  /** The segment lists of the most preferred valid candidate path (RFC 9256 §5), or undefined if none is valid. */
  activeLists(policy: InstalledPolicy): ResolvedSegmentList[] | undefined {
    for (const cp of policy.candidatePaths) {
      const valid = cp.lists.filter((sl) => this.listValid(policy.headend, sl.segments));
      if (valid.length > 0) return valid;
    }
    return undefined;
  }

  private listValid(headend: number, segments: readonly ResolvedSegment[]): boolean {
    let at = headend;
    for (const s of segments) {
      if (this.igp.distancesTo(s.node)[at] === INF) return false;
      at = s.node;
      if (s.arc >= 0) {
        if (!this.igp.arcUsable[s.arc]) return false;
        at = this.net.arcTo[s.arc]!;
      }
    }
    return true;
  }

  /** Assigns buckets to segment lists in proportion to their weights (largest remainder, hashed order). */
  private splitByWeight(key: number, lists: readonly ResolvedSegmentList[]): number[][] {
    const total = lists.reduce((s, l) => s + l.weight, 0);
    const exact = lists.map((l) => (FLOW_BUCKETS * l.weight) / total);
    const counts = exact.map(Math.floor);
    let left = FLOW_BUCKETS - counts.reduce((s, c) => s + c, 0);
    const order = exact
      .map((x, i) => [x - Math.floor(x), i] as const)
      .sort((p, q) => q[0] - p[0] || p[1] - q[1]);
    for (const [, i] of order) if (left-- > 0) counts[i]!++;
    const buckets = this.hashOrder(
      key,
      -1,
      Array.from({ length: FLOW_BUCKETS }, (_, i) => i),
    );
    let at = 0;
    return counts.map((c) => buckets.slice(at, (at += c)));
  }

  /**
   * Buckets in the order of a per-(key, node) permutation of the bucket numbers (an affine map mod the bucket
   * count with a hashed offset and odd stride): the router's flow hash, different at every node. Dealing the
   * result round-robin over k next hops splits any set of buckets evenly (within one bucket).
   */
  private hashOrder(key: number, node: number, buckets: readonly number[]): number[] {
    const h = hash4(this.seed, key, node);
    const offset = h & (FLOW_BUCKETS - 1);
    const stride = (((h >>> 8) & (FLOW_BUCKETS - 1)) << 1) | 1;
    const slots = this.slots;
    for (const bk of buckets) slots[(offset + bk * stride) & (FLOW_BUCKETS - 1)] = bk;
    const out: number[] = [];
    for (let i = 0; i < FLOW_BUCKETS; i++) {
      if (slots[i]! >= 0) out.push(slots[i]!);
      slots[i] = -1;
    }
    return out;
  }

  /**
   * Forwards a set of buckets from `start` through segments[segIx…], emitting one path per distinct walk.
   * `hops` is a shared stack: a call pushes onto it, and whoever called it truncates it back afterwards.
   */
  private route(
    b: PathBuilder,
    e: FlowEntry,
    buckets: readonly number[],
    start: number,
    segments: readonly ResolvedSegment[],
    segIx: number,
    hops: number[],
  ): void {
    let node = start;
    let ix = segIx;
    for (;;) {
      if (hops.length > this.maxHops) return b.emit(buckets.length / FLOW_BUCKETS, hops, true);
      const seg = segments[ix];
      if (!seg) return b.emit(buckets.length / FLOW_BUCKETS, hops, false);
      if (node === seg.node) {
        ix++;
        if (seg.arc < 0) continue;
        if (!this.igp.arcUsable[seg.arc]) return b.emit(buckets.length / FLOW_BUCKETS, hops, true);
        hops.push(seg.arc);
        node = this.net.arcTo[seg.arc]!;
        continue;
      }
      const k = this.igp.nextHops(node, seg.node, this.nh);
      if (k === 0) return b.emit(buckets.length / FLOW_BUCKETS, hops, true);
      if (k === 1) {
        hops.push(this.nh[0]!);
        node = this.net.arcTo[this.nh[0]!]!;
        continue;
      }
      const arcs = Array.from(this.nh.subarray(0, k));
      const groups: number[][] = arcs.map(() => []);
      this.hashOrder(e.key, node, buckets).forEach((bk, i) => groups[i % k]!.push(bk));
      const depth = hops.length;
      groups.forEach((g, i) => {
        if (g.length === 0) return;
        const a = arcs[i]!;
        hops.length = depth;
        hops.push(a);
        this.route(b, e, g, this.net.arcTo[a]!, segments, ix, hops);
      });
      hops.length = depth;
      return;
    }
  }
}

function end(node: number): ResolvedSegment {
  return { node, arc: -1 };
}

function outDegree(net: SimNetwork, v: number): number {
  return net.outStart[v + 1]! - net.outStart[v]!;
}
