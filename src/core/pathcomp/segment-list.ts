import type { ArcId } from '../model/ids';
import type { SidTable, TopologyGraph } from '../topology';
import { Ecmp } from './ecmp';
import type { PathSegment } from './path-types';

export type { PathSegment };

export type SegmentEncoding =
  { ok: true; segments: PathSegment[] } | { ok: false; reason: string; minimumDepth?: number };

/** One step of the encoding: from a path position to a later one, with one SID. */
interface Step {
  readonly to: number;
  readonly behavior: 'End' | 'End.X';
}

/** Best encoding of the path suffix starting at a position: SID count, then End.X count (fewer is better). */
interface Best {
  readonly count: number;
  readonly endX: number;
  readonly step?: Step;
}

/**
 * Minimal SRv6 segment lists (ADR 0011). Forwarding model: an End SID of node N sends the packet along all
 * IGP shortest paths (ECMP) from the current node to N; an End.X SID of arc u→v reaches u the same way and then
 * crosses that one arc. A list is correct only when its forwarding can take no arc but the path's own.
 *
 * Exact method: over path positions 0..L, `reach[j]` is the smallest i such that the sub-path i..j is the
 * unique IGP shortest path between its ends (monotone, so one backward walk per j). The steps are End of
 * node j from any i in [reach[j], j) and End.X of arc k from any i in [reach[k], k]. The fewest SIDs is the
 * shortest route 0 → L in that DAG (dynamic programming from the end), ties broken towards fewer End.X SIDs,
 * then End before End.X, then the longer step. The list always ends at the path's last node.
 */
export class SegmentEncoder {
  private readonly ecmp: Ecmp;

  constructor(
    private readonly topology: TopologyGraph,
    private readonly sids: SidTable,
  ) {
    this.ecmp = Ecmp.of(topology);
  }

  encode(arcs: readonly ArcId[], options: { msd?: number } = {}): SegmentEncoding {
    const { msd } = options;
    if (msd !== undefined && (!Number.isInteger(msd) || msd < 1)) {
      return { ok: false, reason: `segment-list: msd must be an integer >= 1, got ${msd}` };
    }
    const indexed = this.indexPath(arcs);
    if (typeof indexed === 'string') return { ok: false, reason: indexed };
    const { arcIdx, nodes } = indexed;
    const best = this.solve(arcIdx, nodes);
    const depth = best[0]!.count;
    if (msd !== undefined && depth > msd) {
      return {
        ok: false,
        reason: `segment-list: the path needs ${depth} SIDs to be forwarded exactly but the MSD is ${msd}`,
        minimumDepth: depth,
      };
    }
    return { ok: true, segments: this.segmentsOf(best, arcs, nodes) };
  }

  /** Dense node and arc indices along the path, or the reason it is not a contiguous path of this topology. */
  private indexPath(arcs: readonly ArcId[]): { arcIdx: number[]; nodes: number[] } | string {
    const arcIdx: number[] = [];
    const nodes: number[] = [];
    for (const [k, id] of arcs.entries()) {
      const a = this.ecmp.indexOfArc(id);
      if (a < 0) return `segment-list: unknown arc '${id}'`;
      if (k > 0 && this.ecmp.arcFrom[a] !== nodes[k]) {
        return `segment-list: arc '${id}' does not start where arc '${arcs[k - 1]}' ends`;
      }
      if (k === 0) nodes.push(this.ecmp.arcFrom[a]!);
      arcIdx.push(a);
      nodes.push(this.ecmp.arcTo[a]!);
    }
    return { arcIdx, nodes };
  }

  /** reach[j]: smallest i such that nodes i..j is the unique IGP shortest path from nodes[i] to nodes[j]. */
  private reaches(arcIdx: readonly number[], nodes: readonly number[]): number[] {
    return nodes.map((target, j) => {
      const dag = this.ecmp.toward(target);
      let i = j;
      while (i > 0) {
        const hops = dag.nextHops(nodes[i - 1]!);
        if (hops.length !== 1 || hops[0] !== arcIdx[i - 1]) break;
        i--;
      }
      return i;
    });
  }

  private solve(arcIdx: readonly number[], nodes: readonly number[]): Best[] {
    const L = arcIdx.length;
    const reach = this.reaches(arcIdx, nodes);
    const best: Best[] = new Array<Best>(L + 1);
    best[L] = { count: 0, endX: 0 };
    for (let i = L - 1; i >= 0; i--) {
      let choice: Best | undefined;
      const consider = (to: number, behavior: Step['behavior']): void => {
        const next = best[to]!;
        const cand: Best = {
          count: next.count + 1,
          endX: next.endX + (behavior === 'End.X' ? 1 : 0),
          step: { to, behavior },
        };
        if (!choice || better(cand, choice)) choice = cand;
      };
      for (let j = L; j > i; j--) if (reach[j]! <= i) consider(j, 'End');
      for (let k = L - 1; k >= i; k--) if (reach[k]! <= i) consider(k + 1, 'End.X');
      best[i] = choice!;
    }
    return best;
  }

  private segmentsOf(best: readonly Best[], arcs: readonly ArcId[], nodes: readonly number[]): PathSegment[] {
    const out: PathSegment[] = [];
    for (let i = 0; i < arcs.length;) {
      const step = best[i]!.step!;
      if (step.behavior === 'End') {
        const node = this.ecmp.nodeIds[nodes[step.to]!]!;
        out.push({ sid: this.sids.endSid(node).sid, behavior: 'End', node });
      } else {
        const arc = this.topology.arc(arcs[step.to - 1]!);
        out.push({ sid: this.sids.endXSid(arc.id).sid, behavior: 'End.X', node: arc.from, link: arc.link });
      }
      i = step.to;
    }
    return out;
  }
}

function better(a: Best, b: Best): boolean {
  if (a.count !== b.count) return a.count < b.count;
  if (a.endX !== b.endX) return a.endX < b.endX;
  if (a.step!.behavior !== b.step!.behavior) return a.step!.behavior === 'End';
  return a.step!.to > b.step!.to;
}
