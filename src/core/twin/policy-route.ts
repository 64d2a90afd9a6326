import type { ArcAccumulator } from './arc-accumulator';
import { spreadEcmp } from './ecmp-spread';
import type { RoutingView } from './routing-view';
import type { ResolvedSid, TwinIndex } from './twin-index';
import type { TwinPolicy } from './twin-types';

interface ResolvedList {
  readonly weight: number;
  /** null when a SID of the list is not allocated in this topology (the list is never valid). */
  readonly sids: readonly ResolvedSid[] | null;
}

export interface ResolvedPolicy {
  readonly policy: TwinPolicy;
  /** -1 when the headend or endpoint is not in the topology. */
  readonly headend: number;
  readonly endpoint: number;
  /** Most preferred first. */
  readonly cps: readonly { readonly preference: number; readonly lists: readonly ResolvedList[] }[];
}

/** Which path carries a flow: a candidate path's preference, IGP after fallback, or null (unreachable). */
export type ActivePath = number | 'igp' | null;

export function resolvePolicy(index: TwinIndex, policy: TwinPolicy): ResolvedPolicy {
  const cps = [...policy.candidatePaths]
    .sort((a, b) => b.preference - a.preference)
    .map((cp) => ({
      preference: cp.preference,
      lists: cp.segmentLists.map((sl) => {
        const sids = sl.sids.map((s) => index.resolveSid(s));
        return { weight: sl.weight, sids: sids.every((s) => s !== undefined) ? sids : null };
      }),
    }));
  return {
    policy,
    headend: index.g.node(policy.headend) ?? -1,
    endpoint: index.g.node(policy.endpoint) ?? -1,
    cps,
  };
}

/** RFC 9256 validity as the routers judge it: every SID reachable from where the previous one left off. */
function listValid(view: RoutingView, headend: number, sids: readonly ResolvedSid[]): boolean {
  const g = view.index.g;
  let at = headend;
  for (const s of sids) {
    if ('node' in s) {
      if (view.dist(s.node)[at] === Infinity) return false;
      at = s.node;
    } else {
      const from = g.arcFrom[s.arc]!;
      if (view.up[s.arc] === 0 || view.dist(from)[at] === Infinity) return false;
      at = g.arcTo[s.arc]!;
    }
  }
  return true;
}

function forwardList(
  view: RoutingView,
  headend: number,
  sids: readonly ResolvedSid[],
  to: number,
  amount: number,
  acc: ArcAccumulator,
): void {
  const g = view.index.g;
  let at = headend;
  for (const s of sids) {
    if ('node' in s) {
      spreadEcmp(view, at, s.node, amount, acc);
      at = s.node;
    } else {
      spreadEcmp(view, at, g.arcFrom[s.arc]!, amount, acc);
      acc.add(s.arc, amount);
      at = g.arcTo[s.arc]!;
    }
  }
  if (at !== to) spreadEcmp(view, at, to, amount, acc);
}

/**
 * Forwards `amount` from the policy's headend to `to` (normally its endpoint): over the valid segment lists of
 * the most preferred candidate path that has one, split by weight, each SID expanded through ECMP; else IGP.
 */
export function routePolicy(
  view: RoutingView,
  rp: ResolvedPolicy,
  to: number,
  amount: number,
  acc: ArcAccumulator,
): ActivePath {
  if (rp.headend < 0 || to < 0) return null;
  for (const cp of rp.cps) {
    const valid = cp.lists.filter(
      (l): l is ResolvedList & { sids: readonly ResolvedSid[] } =>
        l.sids !== null && l.weight >= 0 && listValid(view, rp.headend, l.sids),
    );
    if (valid.length === 0) continue;
    const total = valid.reduce((s, l) => s + l.weight, 0);
    for (const l of valid) {
      const share = total > 0 ? l.weight / total : 1 / valid.length;
      if (share > 0) forwardList(view, rp.headend, l.sids, to, amount * share, acc);
    }
    return cp.preference;
  }
  return spreadEcmp(view, rp.headend, to, amount, acc) ? 'igp' : null;
}
