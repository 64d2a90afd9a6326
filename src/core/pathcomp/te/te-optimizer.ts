import { InvalidQueryError, UnknownNodeError } from '../../errors';
import type { ArcId, NodeId } from '../../model/ids';
import type { Demand } from '../../model/topology';
import type { SidTable, TopologyGraph } from '../../topology';
import { Ecmp } from '../ecmp';
import { SrLegs } from './sr-legs';
import { WaypointSearch } from './waypoint-search';
import type { IndexedDemand, SearchOptions } from './waypoint-search';

export interface TeOptions {
  /** Segments per demand including the destination's End SID (1–3); default 2. */
  readonly maxSegments?: number;
  /** Upper bound on the moves of each hot-arc phase (default 5000). */
  readonly maxIterations?: number;
  /** Biggest demands on the hottest arc tried per hot-arc move (default 64). */
  readonly demandsPerIteration?: number;
  /** K = 3: how many of the best one-waypoint routes get a second waypoint tried (default 4). */
  readonly pairSeeds?: number;
  /** Best-response sweeps on the smooth surrogate before the hot-arc search (default 12; 0 skips them). */
  readonly maxSweeps?: number;
  /** Sweeps reconsider demands crossing an arc at least this fraction of the MLU (default 0.8). */
  readonly hotFraction?: number;
  /** Sweeps stop when one lowers the MLU by less than this fraction (default 0.01). */
  readonly minGain?: number;
}

export interface PlacedDemand {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly mbps: number;
  readonly waypoints: NodeId[];
  /** End SIDs of the waypoints, then of the destination: the SR policy's segment list. */
  readonly segments: string[];
}

export interface TeResult {
  /** Maximum link utilisation with the placed segment lists (SR-ECMP forwarding). */
  readonly mlu: number;
  /** Maximum link utilisation of plain IGP shortest paths with ECMP. */
  readonly ecmpMlu: number;
  readonly hottestArc: ArcId | null;
  readonly demands: PlacedDemand[];
  readonly iterations: number;
  readonly converged: boolean;
}

const DEFAULTS: Omit<SearchOptions, 'maxSegments'> = {
  maxIterations: 5000,
  demandsPerIteration: 64,
  pairSeeds: 4,
  maxSweeps: 12,
  log2Power: 4,
  hotFraction: 0.8,
  minGain: 0.01,
};

/**
 * Global traffic engineering with SR waypoints: places every demand with at most K segments to minimise the
 * maximum link utilisation, starting from ECMP. Loads follow SR-ECMP: even split over equal-cost next hops.
 */
export class TeOptimizer {
  private readonly legs: SrLegs;

  constructor(
    topology: TopologyGraph,
    private readonly sids: SidTable,
  ) {
    this.legs = new SrLegs(Ecmp.of(topology));
  }

  optimize(demands: readonly Demand[], options: TeOptions = {}): TeResult {
    const search = new WaypointSearch(this.legs, this.index(demands));
    const ecmpMlu = search.mlu();
    const { iterations, converged } = search.run(searchOptions(options));
    const ecmp = this.legs.ecmp;
    const placed = demands.map((d, i) => {
      const waypoints = search.waypoints(i).map((w) => ecmp.nodeIds[w]!);
      const segments = [...waypoints, d.to].map((n) => this.sids.endSid(n).sid);
      return { from: d.from, to: d.to, mbps: d.mbps, waypoints, segments };
    });
    const hot = ecmp.arcCount > 0 ? search.hottestArc() : -1;
    return {
      mlu: search.mlu(),
      ecmpMlu,
      hottestArc: hot < 0 ? null : ecmp.arcIds[hot]!,
      demands: placed,
      iterations,
      converged,
    };
  }

  private index(demands: readonly Demand[]): IndexedDemand[] {
    const ecmp = this.legs.ecmp;
    return demands.map((d, i) => {
      const from = ecmp.indexOfNode(d.from);
      const to = ecmp.indexOfNode(d.to);
      if (from < 0) throw new UnknownNodeError(d.from, `te: demand ${i}`);
      if (to < 0) throw new UnknownNodeError(d.to, `te: demand ${i}`);
      if (!(d.mbps >= 0 && Number.isFinite(d.mbps))) {
        throw new InvalidQueryError(`te: demand ${i} (${d.from}→${d.to}) has a bad volume ${d.mbps}`, {
          path: `demands[${i}]`,
        });
      }
      if (!ecmp.toward(to).reachable(from)) {
        throw new InvalidQueryError(`te: demand ${i}: ${d.to} is unreachable from ${d.from}`, {
          path: `demands[${i}]`,
        });
      }
      return { from, to, mbps: d.mbps };
    });
  }
}

function searchOptions(options: TeOptions): SearchOptions {
  const k = options.maxSegments ?? 2;
  if (k !== 1 && k !== 2 && k !== 3)
    throw new InvalidQueryError(`te: max segments must be 1, 2 or 3, got ${k}`);
  return {
    maxSegments: k,
    maxIterations: options.maxIterations ?? DEFAULTS.maxIterations,
    demandsPerIteration: options.demandsPerIteration ?? DEFAULTS.demandsPerIteration,
    pairSeeds: options.pairSeeds ?? DEFAULTS.pairSeeds,
    maxSweeps: options.maxSweeps ?? DEFAULTS.maxSweeps,
    log2Power: DEFAULTS.log2Power,
    hotFraction: options.hotFraction ?? DEFAULTS.hotFraction,
    minGain: options.minGain ?? DEFAULTS.minGain,
  };
}
