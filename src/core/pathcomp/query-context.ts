import type { ArcFilter } from './arc-filter';
import type { CompactGraph } from './compact-graph';
import type { ResolvedQuery } from './path-query';
import type { Budget } from './rcsp';

/** Everything one query's computation and explanation need. */
export interface QueryContext {
  readonly g: CompactGraph;
  readonly q: ResolvedQuery;
  readonly filter: ArcFilter;
  /** Objective weights. */
  readonly w: Float64Array;
  readonly bounds: Budget;
}

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
/** Numbers in explanations: thousands separators, at most 3 decimals. */
export const num = (x: number): string => fmt.format(x);

export const nodeName = (ctx: QueryContext, v: number): string => ctx.g.nodeIds[v]!;
export const linkName = (ctx: QueryContext, a: number): string => ctx.g.linkIds[ctx.g.arcLink[a]!]!;
/** "L1 (A→B)" */
export const arcName = (ctx: QueryContext, a: number): string =>
  `${linkName(ctx, a)} (${nodeName(ctx, ctx.g.arcFrom[a]!)}→${nodeName(ctx, ctx.g.arcTo[a]!)})`;

export const METRIC_UNIT: Readonly<Record<string, string>> = {
  igp: 'IGP',
  te: 'TE',
  delay: 'µs',
  hops: 'hops',
};

/** Lists at most `max` items, saying how many more there are. */
export function listOf(items: readonly string[], max = 8): string {
  const head = items.slice(0, max).join(', ');
  return items.length > max ? `${head} and ${items.length - max} more` : head;
}
