import { pathCost } from './dijkstra';
import { PRIMARY_LIMIT, sharedRisks } from './disjoint-pair';
import type { PairOutcome, SharedRisks } from './disjoint-pair';
import type { BlockingConstraint } from './path-types';
import type { QueryContext } from './query-context';
import { listOf, nodeName, num } from './query-context';
import { within } from './rcsp';
import { minCostPathPair } from './suurballe';

/** Shared elements as `link:<id>`, `node:<id>` and `srlg:<n>`. */
export function sharedNames(ctx: QueryContext, shared: SharedRisks): string[] {
  return [
    ...shared.links.map((l) => `link:${ctx.g.linkIds[l]!}`),
    ...shared.nodes.map((v) => `node:${nodeName(ctx, v)}`),
    ...shared.srlgs.map((s) => `srlg:${s}`),
  ];
}

/**
 * Why no disjoint pair meets the query. The most disjoint pair over the usable arcs (min-cost flow with a
 * penalty per shared element, bounds ignored) names what every pair must share; when that pair shares nothing,
 * the delay or hop bound is what blocks, and its paths show by how much.
 */
export function explainNoPair(ctx: QueryContext, exhaustive: boolean): BlockingConstraint[] {
  const { g, q, w, filter, bounds } = ctx;
  const mode = q.disjoint!;
  const route = `from ${nodeName(ctx, q.source)} to ${nodeName(ctx, q.target)}`;
  const pair = minCostPathPair(
    g,
    w,
    filter.allowed,
    q.source,
    q.target,
    mode === 'node' ? 'node' : 'link',
    true,
  );
  const limit = exhaustive ? '' : ` (searched the ${PRIMARY_LIMIT} cheapest primaries)`;
  if (!pair) return [{ constraint: `disjoint-${mode}`, detail: `no path ${route} meets the constraints` }];
  const names = sharedNames(ctx, sharedRisks(g, mode, pair[0], pair[1]));
  if (names.length > 0) {
    const which =
      mode === 'srlg' ? 'the most link-disjoint pair of paths' : 'the most disjoint pair of paths';
    return [
      {
        constraint: `disjoint-${mode}`,
        detail: `${which} ${route} over the usable links still shares ${listOf(names)}${limit}`,
        elements: names,
      },
    ];
  }
  const worst = pair.map((p) => ({ p, delay: pathCost(g.delay, p) })).sort((a, b) => b.delay - a.delay)[0]!;
  const nodes = [nodeName(ctx, q.source), ...worst.p.map((a) => nodeName(ctx, g.arcTo[a]!))];
  const delayBlocks = !within(worst.delay, bounds.delay);
  const detail = delayBlocks
    ? `the cheapest ${mode}-disjoint pair ${route} has a path taking ${num(worst.delay)} µs > ${num(bounds.delay)} µs`
    : `the cheapest ${mode}-disjoint pair ${route} has a path with more than ${bounds.hops} hops`;
  return [
    {
      constraint: delayBlocks ? 'max-delay' : bounds.hops < Infinity ? 'max-hops' : `disjoint-${mode}`,
      detail: `${detail}, and no ${mode}-disjoint pair meets every bound${limit}`,
      elements: nodes,
    },
  ];
}

/** Notes on a pair result: partial sharing, and optimality not proven within the primary limit. */
export function pairNotes(ctx: QueryContext, outcome: PairOutcome): BlockingConstraint[] {
  const out: BlockingConstraint[] = [];
  const names = sharedNames(ctx, outcome.shared);
  if (names.length > 0) {
    out.push({
      constraint: `disjoint-${ctx.q.disjoint}`,
      detail: `no fully ${ctx.q.disjoint}-disjoint pair exists; this pair shares ${listOf(names)}`,
      elements: names,
    });
  }
  if (!outcome.proven) {
    out.push({
      constraint: 'search-limit',
      detail:
        `best pair among the ${PRIMARY_LIMIT} cheapest primaries (total ${ctx.q.metric} ` +
        `${num(outcome.primary.cost + outcome.backup.cost)}); optimality not proven`,
    });
  }
  return out;
}
