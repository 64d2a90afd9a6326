import type { ArcId, LinkId, NodeId } from '../model/ids';

/** The path engine's public data types (the contract in notes/pathcomp-api.md); re-exported by index.ts. */
export type PathMetric = 'igp' | 'te' | 'delay' | 'hops';
export type Disjointness = 'link' | 'node' | 'srlg';

export interface PathQuery {
  id?: string;
  from: string;
  to: string;
  /** Objective to minimise; default 'igp'. */
  metric?: PathMetric;
  bandwidthMbps?: number;
  maxDelayUs?: number;
  maxHops?: number;
  excludeNodes?: string[];
  excludeLinks?: string[];
  excludeSrlgs?: number[];
  includeAnyAffinity?: string[];
  excludeAnyAffinity?: string[];
  disjoint?: Disjointness;
  msd?: number;
  /** When full disjointness is impossible return the maximally disjoint pair. */
  allowPartialDisjoint?: boolean;
}

export interface PathSegment {
  sid: string;
  behavior: 'End' | 'End.X';
  node: string;
  link?: string;
}

export interface ComputedPath {
  nodes: NodeId[];
  links: LinkId[];
  arcs: ArcId[];
  metric: number;
  igpCost: number;
  delayUs: number;
  hops: number;
  segments: PathSegment[];
}

export interface BlockingConstraint {
  constraint: string;
  detail: string;
  elements?: string[];
}

export type PathErrorCode = 'NO_PATH' | 'UNKNOWN_NODE' | 'UNKNOWN_LINK' | 'INVALID_QUERY' | 'MSD_EXCEEDED';

export type PathResult =
  | {
      id?: string;
      ok: true;
      paths: ComputedPath[];
      explain?: { binding: BlockingConstraint[]; nextBestMetric?: number; shared?: string[] };
    }
  | {
      id?: string;
      ok: false;
      error: { code: PathErrorCode; message: string; blocking: BlockingConstraint[] };
    };

export interface PathEngineOptions {
  /** Bandwidth still free on an arc (default: its capacity). The intent ledger passes per-slice free bandwidth here. */
  freeMbps?: (arc: ArcId) => number;
}

/** What a segment encoder must do (implemented by SegmentEncoder in segment-list.ts). */
export interface PathEncoder {
  encode(
    arcs: readonly ArcId[],
    options?: { msd?: number },
  ): { ok: true; segments: PathSegment[] } | { ok: false; reason: string; minimumDepth?: number };
}
