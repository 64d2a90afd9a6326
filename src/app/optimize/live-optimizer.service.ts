import { Inject, Injectable } from '@nestjs/common';
import { InvalidQueryError, UnknownNodeError } from '../../core/errors';
import type { ArcId, NodeId } from '../../core/model/ids';
import type { Demand } from '../../core/model/topology';
import { TeOptimizer } from '../../core/pathcomp';
import type { PlacedDemand } from '../../core/pathcomp';
import { lookupNode } from '../../core/topology';
import { gravityDemands } from '../../core/topology/generators';
import { NETWORK_MODEL } from '../intent/intent.tokens';
import type { NetworkModel } from '../intent/intent.tokens';
import { TwinService } from '../twin';
import { placeable, residualTopology } from './live-network';

export interface LiveOptimizeRequest {
  readonly maxSegments?: 1 | 2 | 3;
  /** Demands to place; node ids or display names. Absent: the twin's measured matrix, then the topology's. */
  readonly demands?: readonly { readonly from: string; readonly to: string; readonly mbps: number }[];
  /** Gravity-model demands offering this share of the total capacity (when no demands are given). */
  readonly gravity?: number;
}

export type DemandSource = 'request' | 'gravity' | 'twin' | 'topology';

export interface LiveOptimizeResult {
  readonly mlu: number;
  readonly ecmpMlu: number;
  /** The LP lower bound is not computed on the server (a solver run can take minutes). */
  readonly lowerBound: null;
  readonly hottestArc: ArcId | null;
  readonly demandSource: DemandSource;
  readonly network: {
    readonly at: number;
    readonly links: number;
    readonly linksLeftOut: number;
    readonly downNodes: NodeId[];
    readonly reservedMbps: number;
  };
  readonly demands: PlacedDemand[];
  /** Demands the live network cannot carry (an endpoint down or cut off): not placed, not counted. */
  readonly unplaced: Demand[];
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Global TE on the live network (issue 11: `autonet optimize --server URL`): the twin's view of what is up,
 * capacity less the reservations of admitted intents, and the demands measured now (headend counters, the
 * IGP-routed cells only: intent traffic already has its reservation). Nothing is deployed.
 */
@Injectable()
export class LiveOptimizer {
  constructor(
    @Inject(NETWORK_MODEL) private readonly network: NetworkModel,
    private readonly twin: TwinService,
  ) {}

  optimize(request: LiveOptimizeRequest): LiveOptimizeResult {
    const state = this.twin.state();
    const arcs = new Map(
      state.links.map((l) => [l.arc, { up: l.status === 'up', reservedMbps: l.reservedMbps }]),
    );
    const downNodes = new Set(state.nodes.filter((n) => n.status === 'down').map((n) => n.id));
    const residual = residualTopology(this.network.topology, { arcs, downNodes });
    const { demands, source } = this.demands(request);
    const split = placeable(residual, demands);
    const te = new TeOptimizer(residual, this.network.sids).optimize(split.placeable, {
      maxSegments: request.maxSegments ?? 2,
    });
    return {
      mlu: te.mlu,
      ecmpMlu: te.ecmpMlu,
      lowerBound: null,
      hottestArc: te.hottestArc,
      demandSource: source,
      network: {
        at: state.at,
        links: residual.linkCount,
        linksLeftOut: this.network.topology.linkCount - residual.linkCount,
        downNodes: [...downNodes],
        reservedMbps: state.links.reduce((s, l) => s + l.reservedMbps, 0),
      },
      demands: te.demands,
      unplaced: split.unplaceable,
      iterations: te.iterations,
      converged: te.converged,
    };
  }

  private demands(request: LiveOptimizeRequest): { demands: Demand[]; source: DemandSource } {
    const topology = this.network.topology;
    if (request.demands !== undefined) {
      const node = (text: string, path: string): NodeId => {
        const found = lookupNode(topology, text);
        if (found.ok) return found.id;
        const hint = found.suggestions.length > 0 ? ` (did you mean ${found.suggestions.join(', ')}?)` : '';
        throw new UnknownNodeError(text, `optimize: ${path}${hint}`);
      };
      const demands = request.demands.map((d, i) => ({
        from: node(d.from, `demands[${i}].from`),
        to: node(d.to, `demands[${i}].to`),
        mbps: d.mbps,
      }));
      return { demands, source: 'request' };
    }
    if (request.gravity !== undefined)
      return {
        demands: gravityDemands(topology, { seed: 1, scale: request.gravity }) as Demand[],
        source: 'gravity',
      };
    const measured = this.twin
      .base()
      .demands.filter((d) => d.policy === undefined && d.mbps > 0)
      .map((d) => ({ from: d.from, to: d.to, mbps: d.mbps }));
    if (measured.length > 0) return { demands: measured, source: 'twin' };
    if (topology.demands.length > 0) return { demands: [...topology.demands], source: 'topology' };
    throw new InvalidQueryError(
      `optimize: no demands: the twin has measured none yet and topology '${topology.name}' ships none; send "demands" (autonet optimize --server URL --demands FILE) or ask for gravity-model demands ("gravity": 0.05, --gravity)`,
      { path: '/demands' },
    );
  }
}
