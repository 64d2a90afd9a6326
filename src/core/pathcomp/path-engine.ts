import type { ArcId } from '../model/ids';
import type { TopologyGraph } from '../topology';
import { filterArcs } from './arc-filter';
import { CompactGraph } from './compact-graph';
import { ConstrainedSearch } from './cspf';
import type { FoundPath } from './dijkstra';
import { pathCost } from './dijkstra';
import { findDisjointPair } from './disjoint-pair';
import type { PairOutcome } from './disjoint-pair';
import { bindingConstraints, explainNoPath } from './explain';
import { explainNoPair, pairNotes, sharedNames } from './explain-pair';
import { KShortestPaths } from './k-shortest';
import { isQueryError, resolveQuery } from './path-query';
import type { ResolvedQuery } from './path-query';
import type {
  BlockingConstraint,
  ComputedPath,
  PathEncoder,
  PathEngineOptions,
  PathErrorCode,
  PathQuery,
  PathResult,
  PathSegment,
} from './path-types';
import type { QueryContext } from './query-context';
import { nodeName, num } from './query-context';

/** How many next-best paths the engine tries when the best one needs more SIDs than the MSD allows. */
export const MSD_SEARCH_LIMIT = 64;
/** The next-best metric (a second Yen path) is reported where that is cheap: graphs up to this many arcs. */
export const NEXT_BEST_MAX_ARCS = 1000;

type Encoded = { ok: true; segments: PathSegment[] } | { ok: false; reason: string; minimumDepth?: number };

/**
 * The path engine behind `PathEngine` (index.ts), with the segment encoder passed in: validates a query,
 * computes the optimal constrained path or disjoint pair, encodes it within the MSD and explains the result.
 */
export class PathEngineCore {
  private readonly g: CompactGraph;

  constructor(
    topology: TopologyGraph,
    private readonly encoder: PathEncoder,
    private readonly options: PathEngineOptions = {},
  ) {
    this.g = CompactGraph.of(topology);
  }

  /** Never throws for a bad query: returns ok:false with INVALID_QUERY / UNKNOWN_NODE / UNKNOWN_LINK. */
  compute(query: PathQuery): PathResult {
    const q = resolveQuery(this.g, query);
    const id = typeof (query as { id?: unknown } | null)?.id === 'string' ? { id: query.id } : {};
    if (isQueryError(q)) return { ...id, ok: false, error: q };
    const ctx = this.context(q);
    return { ...id, ...(q.disjoint ? this.pair(ctx) : this.single(ctx)) };
  }

  private context(q: ResolvedQuery): QueryContext {
    const g = this.g;
    const ledger = this.options.freeMbps;
    const free = ledger && q.bandwidthMbps > 0 ? Float64Array.from(g.arcIds, (a) => ledger(a)) : g.capacity;
    return {
      g,
      q,
      filter: filterArcs(g, q, free),
      w: g.weights(q.metric),
      bounds: { delay: q.maxDelayUs, hops: q.maxHops },
    };
  }

  private search(ctx: QueryContext): ConstrainedSearch {
    return new ConstrainedSearch(ctx.g, ctx.w, ctx.filter.allowed, ctx.q.target, ctx.bounds);
  }

  private single(ctx: QueryContext): PathResult {
    const search = this.search(ctx);
    const paths = new KShortestPaths(search, ctx.q.source);
    const best = paths.next();
    const unbounded = search.lastUnbounded;
    if (!best) return refuse('NO_PATH', noPathMessage(ctx, 'path'), explainNoPath(ctx));
    let chosen: FoundPath = best;
    let enc = this.encode(ctx, best);
    while (!enc.ok && ctx.q.msd !== undefined && paths.count < MSD_SEARCH_LIMIT) {
      const p = paths.next();
      if (!p) break;
      enc = this.encode(ctx, p);
      chosen = p;
    }
    if (!enc.ok) return this.msdExceeded(ctx, best, paths.count);
    const binding = bindingConstraints(ctx, chosen, unbounded);
    if (chosen !== best) binding.push(this.msdNote(ctx, best, chosen, paths.count));
    const next = chosen === best && ctx.g.m <= NEXT_BEST_MAX_ARCS ? paths.next() : null;
    return {
      ok: true,
      paths: [this.computed(ctx, chosen, enc.segments)],
      explain: { binding, ...(next && { nextBestMetric: next.cost }) },
    };
  }

  private pair(ctx: QueryContext): PathResult {
    const search = this.search(ctx);
    const report = { exhaustive: true };
    const outcome = findDisjointPair(
      search,
      ctx.q.source,
      ctx.q.disjoint!,
      ctx.q.allowPartialDisjoint,
      report,
    );
    if (!outcome) {
      const single = search.best(ctx.q.source);
      if (!single) return refuse('NO_PATH', noPathMessage(ctx, 'path'), explainNoPath(ctx));
      const what = `${ctx.q.disjoint}-disjoint pair of paths`;
      return refuse('NO_PATH', noPathMessage(ctx, what), explainNoPair(ctx, report.exhaustive));
    }
    const encoded = [outcome.primary, outcome.backup].map((p) => this.encode(ctx, p));
    const bad = encoded.findIndex((e) => !e.ok);
    if (bad >= 0) return this.pairMsdExceeded(ctx, outcome, bad, encoded[bad]!);
    const shared = sharedNames(ctx, outcome.shared);
    return {
      ok: true,
      paths: [outcome.primary, outcome.backup].map((p, i) =>
        this.computed(ctx, p, (encoded[i] as { segments: PathSegment[] }).segments),
      ),
      explain: {
        binding: [...bindingConstraints(ctx, outcome.primary), ...pairNotes(ctx, outcome)],
        ...(shared.length > 0 && { shared }),
      },
    };
  }

  private encode(ctx: QueryContext, p: FoundPath): Encoded {
    const arcs = p.arcs.map((a) => ctx.g.arcIds[a]!);
    return this.encoder.encode(arcs, ctx.q.msd !== undefined ? { msd: ctx.q.msd } : {});
  }

  private msdExceeded(ctx: QueryContext, best: FoundPath, tried: number): PathResult {
    const depth = this.encoder.encode(best.arcs.map((a) => ctx.g.arcIds[a]!));
    const need = depth.ok ? depth.segments.length : (depth.minimumDepth ?? NaN);
    const detail =
      `the best path needs ${num(need)} SIDs > MSD ${ctx.q.msd ?? '∞'}, and none of the ${tried} best paths ` +
      `meeting the constraints fits${tried >= MSD_SEARCH_LIMIT ? ` (search limit ${MSD_SEARCH_LIMIT})` : ''}`;
    return refuse('MSD_EXCEEDED', `path: ${detail}`, [{ constraint: 'msd', detail }]);
  }

  private pairMsdExceeded(ctx: QueryContext, outcome: PairOutcome, which: number, enc: Encoded): PathResult {
    const role = which === 0 ? 'primary' : 'backup';
    const reason = enc.ok ? '' : enc.reason;
    const detail = `the ${role} path of the best ${ctx.q.disjoint}-disjoint pair cannot be encoded within MSD ${ctx.q.msd ?? '∞'}: ${reason}`;
    const p = which === 0 ? outcome.primary : outcome.backup;
    const elements = [nodeName(ctx, ctx.q.source), ...p.arcs.map((a) => nodeName(ctx, ctx.g.arcTo[a]!))];
    return refuse('MSD_EXCEEDED', `path: ${detail}`, [{ constraint: 'msd', detail, elements }]);
  }

  private msdNote(ctx: QueryContext, best: FoundPath, chosen: FoundPath, tried: number): BlockingConstraint {
    return {
      constraint: 'msd',
      detail:
        `the best path (${ctx.q.metric} ${num(best.cost)}) needs more than ${ctx.q.msd} SIDs; ` +
        `this is the best of the ${tried} cheapest paths that fits (${ctx.q.metric} ${num(chosen.cost)})`,
    };
  }

  private computed(ctx: QueryContext, p: FoundPath, segments: PathSegment[]): ComputedPath {
    const g = ctx.g;
    return {
      nodes: [g.nodeIds[ctx.q.source]!, ...p.arcs.map((a) => g.nodeIds[g.arcTo[a]!]!)],
      links: p.arcs.map((a) => g.linkIds[g.arcLink[a]!]!),
      arcs: p.arcs.map((a): ArcId => g.arcIds[a]!),
      metric: pathCost(ctx.w, p.arcs),
      igpCost: pathCost(g.igp, p.arcs),
      delayUs: pathCost(g.delay, p.arcs),
      hops: p.arcs.length,
      segments,
    };
  }
}

function refuse(code: PathErrorCode, message: string, blocking: BlockingConstraint[]): PathResult {
  return { ok: false, error: { code, message, blocking } };
}

function noPathMessage(ctx: QueryContext, what: string): string {
  return `path: no ${what} from ${nodeName(ctx, ctx.q.source)} to ${nodeName(ctx, ctx.q.target)} meets the constraints`;
}
