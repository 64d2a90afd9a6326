import { PRUNE_REASONS } from './arc-filter';
import type { PruneReason } from './arc-filter';
import { ConstrainedSearch } from './cspf';
import type { FoundPath } from './dijkstra';
import { pathCost, reachable, shortestPath } from './dijkstra';
import type { BlockingConstraint } from './path-types';
import type { QueryContext } from './query-context';
import { arcName, linkName, listOf, nodeName, num } from './query-context';
import { within } from './rcsp';

/**
 * Why no path meets the query: the first stage that leaves none. (1) the topology itself; (2) the prune-type
 * constraints, named at the cut they create (arcs leaving the part of the network still reachable from the
 * source towards nodes that reach the target); (3) the delay / hop bounds, with the best achievable values.
 */
export function explainNoPath(ctx: QueryContext): BlockingConstraint[] {
  const { g, q, filter } = ctx;
  const from = nodeName(ctx, q.source);
  const to = nodeName(ctx, q.target);
  if (!reachable(g, null, q.source)[q.target]) {
    return [
      {
        constraint: 'topology',
        detail: `the topology has no path from ${from} to ${to}`,
        elements: [from, to],
      },
    ];
  }
  const side = reachable(g, filter.allowed, q.source);
  if (!side[q.target]) return explainCut(ctx, side);
  return explainBounds(ctx);
}

function explainCut(ctx: QueryContext, side: Uint8Array): BlockingConstraint[] {
  const { g, q, filter } = ctx;
  const towardTarget = reachable(g, null, q.target, true);
  const byReason = new Map<number, number[]>();
  for (let a = 0; a < g.m; a++) {
    if (side[g.arcFrom[a]!] && !side[g.arcTo[a]!] && towardTarget[g.arcTo[a]!]) {
      const r = filter.reason[a]!;
      byReason.set(r, [...(byReason.get(r) ?? []), a]);
    }
  }
  const route = `${nodeName(ctx, q.source)} to ${nodeName(ctx, q.target)}`;
  return [...byReason.entries()]
    .sort(([x], [y]) => x - y)
    .map(([r, arcs]) => {
      const reason = PRUNE_REASONS[r]!;
      const relaxed = filter.reasons.map((bits) => ((bits & ~(1 << r)) === 0 ? 1 : 0));
      const alone = reachable(g, relaxed, q.source)[q.target]
        ? 'relaxing this constraint alone would restore a path'
        : 'other constraints block the rest';
      return {
        constraint: reason,
        detail: `every path from ${route} crosses ${cutDetail(ctx, reason, arcs)}; ${alone}`,
        elements: [...new Set(arcs.map((a) => cutElement(ctx, reason, a)))],
      };
    });
}

function cutElement(ctx: QueryContext, reason: PruneReason, a: number): string {
  if (reason !== 'exclude-nodes') return linkName(ctx, a);
  const { g, q } = ctx;
  return nodeName(ctx, q.excludeNodes.includes(g.arcTo[a]!) ? g.arcTo[a]! : g.arcFrom[a]!);
}

function cutDetail(ctx: QueryContext, reason: PruneReason, arcs: number[]): string {
  const { g, q, filter } = ctx;
  switch (reason) {
    case 'bandwidth':
      return `an arc with less than ${num(q.bandwidthMbps)} Mbit/s free: ${listOf(
        arcs.map((a) => `${arcName(ctx, a)} ${num(filter.free[a]!)} of ${num(g.capacity[a]!)} Mbit/s free`),
      )}`;
    case 'exclude-nodes':
      return `an excluded node: ${listOf([...new Set(arcs.map((a) => cutElement(ctx, reason, a)))])}`;
    case 'exclude-links':
      return `an excluded link: ${listOf(arcs.map((a) => arcName(ctx, a)))}`;
    case 'exclude-srlgs':
      return `a link in an excluded SRLG: ${listOf(
        arcs.map(
          (a) =>
            `${arcName(ctx, a)} SRLG ${g.linkSrlgs[g.arcLink[a]!]!.filter((s) => q.excludeSrlgs.includes(s)).join('/')}`,
        ),
      )}`;
    case 'exclude-any-affinity':
      return `a link with an excluded affinity (${q.excludeAnyAffinity.join(', ')}): ${listOf(arcs.map((a) => arcName(ctx, a)))}`;
    case 'include-any-affinity':
      return `a link with none of the affinities ${q.includeAnyAffinity.join(', ')}: ${listOf(arcs.map((a) => arcName(ctx, a)))}`;
    case 'usable':
      return `usable arcs ${listOf(arcs.map((a) => arcName(ctx, a)))}`;
  }
}

function explainBounds(ctx: QueryContext): BlockingConstraint[] {
  const { g, q, filter, bounds } = ctx;
  const fastest = shortestPath(g, g.delay, filter.allowed, q.source, q.target)!;
  const fewest = shortestPath(g, g.hops, filter.allowed, q.source, q.target)!;
  const route = `from ${nodeName(ctx, q.source)} to ${nodeName(ctx, q.target)}`;
  const others =
    q.bandwidthMbps > 0 || filter.reason.some((r) => r !== 0) ? ' that meets the other constraints' : '';
  const out: BlockingConstraint[] = [];
  if (!within(fastest.cost, bounds.delay)) {
    out.push({
      constraint: 'max-delay',
      detail: `the fastest path ${route}${others} takes ${num(fastest.cost)} µs > the bound ${num(bounds.delay)} µs`,
      elements: pathNodes(ctx, fastest),
    });
  }
  if (fewest.arcs.length > bounds.hops) {
    out.push({
      constraint: 'max-hops',
      detail: `the path ${route}${others} with the fewest hops has ${fewest.arcs.length} > the bound ${bounds.hops}`,
      elements: pathNodes(ctx, fewest),
    });
  }
  if (out.length > 0) return out;
  const withinHops = new ConstrainedSearch(g, g.delay, filter.allowed, q.target, {
    delay: Infinity,
    hops: bounds.hops,
  });
  const best = withinHops.best(q.source);
  return [
    {
      constraint: 'max-delay+max-hops',
      detail:
        `the fastest path ${route}${others} (${num(fastest.cost)} µs) has ${fastest.arcs.length} hops > ${bounds.hops}, ` +
        `and within ${bounds.hops} hops the fastest takes ${num(best ? best.cost : Infinity)} µs > ${num(bounds.delay)} µs`,
      elements: pathNodes(ctx, fastest),
    },
  ];
}

function pathNodes(ctx: QueryContext, p: FoundPath): string[] {
  return [nodeName(ctx, ctx.q.source), ...p.arcs.map((a) => nodeName(ctx, ctx.g.arcTo[a]!))];
}

/**
 * The constraints that made the result worse than the unconstrained optimum: what that optimum breaks.
 * Empty when the unconstrained optimum costs no less than the result.
 */
export function bindingConstraints(
  ctx: QueryContext,
  chosen: FoundPath,
  /** The optimum over the allowed arcs ignoring bounds, when already known. */
  unbounded: FoundPath | null = null,
): BlockingConstraint[] {
  const { g, q, filter, bounds, w } = ctx;
  const pruned = filter.reasons.some((r) => r !== 0);
  if (bounds.delay === Infinity && bounds.hops === Infinity && !pruned) return [];
  const free = !pruned && unbounded ? unbounded : shortestPath(g, w, null, q.source, q.target);
  if (!free || free.cost >= chosen.cost) return [];
  const base = `the unconstrained best path (${q.metric} ${num(free.cost)}, this one ${num(chosen.cost)})`;
  const out: BlockingConstraint[] = [];
  const byReason = new Map<number, number[]>();
  for (const a of free.arcs) {
    const r = filter.reason[a]!;
    if (r !== 0) byReason.set(r, [...(byReason.get(r) ?? []), a]);
  }
  for (const [r, arcs] of byReason) {
    const reason = PRUNE_REASONS[r]!;
    out.push({
      constraint: reason,
      detail: `${base} crosses ${cutDetail(ctx, reason, arcs)}`,
      elements: arcs.map((a) => cutElement(ctx, reason, a)),
    });
  }
  const delay = pathCost(g.delay, free.arcs);
  if (!within(delay, bounds.delay)) {
    out.push({
      constraint: 'max-delay',
      detail: `${base} takes ${num(delay)} µs > ${num(bounds.delay)} µs`,
      elements: pathNodes(ctx, free),
    });
  }
  if (free.arcs.length > bounds.hops) {
    out.push({
      constraint: 'max-hops',
      detail: `${base} has ${free.arcs.length} hops > ${bounds.hops}`,
      elements: pathNodes(ctx, free),
    });
  }
  return out;
}
