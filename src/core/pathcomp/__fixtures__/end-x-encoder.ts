import type { ArcId } from '../../model/ids';
import type { SidTable, TopologyGraph } from '../../topology';
import type { PathEncoder, PathSegment } from '../path-types';

/**
 * A stand-in encoder for engine specs: one End.X SID per hop (always a correct, never a minimal, encoding),
 * so a path's depth is its hop count and MSD behaviour is easy to predict.
 */
export class EndXEncoder implements PathEncoder {
  constructor(
    private readonly topology: TopologyGraph,
    private readonly sids: SidTable,
  ) {}

  encode(
    arcs: readonly ArcId[],
    options: { msd?: number } = {},
  ): { ok: true; segments: PathSegment[] } | { ok: false; reason: string; minimumDepth?: number } {
    if (options.msd !== undefined && arcs.length > options.msd) {
      return {
        ok: false,
        reason: `needs ${arcs.length} SIDs > MSD ${options.msd}`,
        minimumDepth: arcs.length,
      };
    }
    const segments = arcs.map((id) => {
      const arc = this.topology.arc(id);
      return { sid: this.sids.endXSid(id).sid, behavior: 'End.X' as const, node: arc.from, link: arc.link };
    });
    return { ok: true, segments };
  }
}
