import type { LinkId } from '../../model/ids';
import type { PathQuery, PathResult } from '../../pathcomp';
import type { TwinPolicy, WhatIfChange, WhatIfResult } from '../../twin';
import type { PathFinder, PolicyKey, RepairChange, RepairEvaluator } from './repair.types';

/**
 * A PathFinder over the path engine (`PathEngine.compute`): the policy's own constraints (when its
 * `constraints` is a partial PathQuery) plus the links and nodes to avoid; the first path's SIDs become
 * the one new segment list. Endpoints are never excluded (a dead endpoint simply has no path).
 */
export function pathFinderFrom(compute: (query: PathQuery) => PathResult): PathFinder {
  return ({ policy, excludeLinks, excludeNodes }) => {
    const own = (policy.constraints ?? {}) as Partial<PathQuery>;
    const ends = new Set([policy.headend, policy.endpoint]);
    const result = compute({
      ...own,
      from: policy.headend,
      to: policy.endpoint,
      excludeLinks: [...new Set([...(own.excludeLinks ?? []), ...excludeLinks])],
      excludeNodes: [...new Set([...(own.excludeNodes ?? []), ...excludeNodes])].filter((n) => !ends.has(n)),
    });
    const path = result.ok ? result.paths[0] : undefined;
    return path ? [path.segments.map((s) => s.sid)] : null;
  };
}

/** The twin's what-if change for a repair: new preferred candidate paths, links taken out. */
export function toWhatIfChange(
  change: RepairChange,
  policyOf: (key: PolicyKey) => TwinPolicy | undefined,
): WhatIfChange {
  const moved = (change.reroute ?? []).flatMap((m) => {
    const p = policyOf(m.policy.key);
    return p ? [{ p, m }] : [];
  });
  const out: { -readonly [K in keyof WhatIfChange]: WhatIfChange[K] } = {};
  if (moved.length > 0) {
    out.removePolicies = moved.map(({ p }) => ({ headend: p.headend, name: p.name }));
    out.addPolicies = moved.map(({ p, m }) => withPreferredPath(p, m.segmentLists));
  }
  if (change.costOutLinks && change.costOutLinks.length > 0) out.failLinks = change.costOutLinks as LinkId[];
  return out;
}

/** Make-before-break: the new path is preferred, the old candidate paths stay as fallbacks. */
function withPreferredPath(p: TwinPolicy, lists: readonly (readonly string[])[]): TwinPolicy {
  const top = Math.max(0, ...p.candidatePaths.map((c) => c.preference));
  return {
    ...p,
    candidatePaths: [
      { preference: top + 100, segmentLists: lists.map((sids) => ({ weight: 1, sids: [...sids] })) },
      ...p.candidatePaths,
    ],
  };
}

/**
 * A RepairEvaluator over the twin: `predict` is `(change) => predictWhatIf(index, base, change)` bound by
 * the app to the live twin; `policyOf` finds the deployed policy of a `${headend}/${name}` key.
 */
export function twinEvaluator(
  predict: (change: WhatIfChange) => WhatIfResult,
  policyOf: (key: PolicyKey) => TwinPolicy | undefined,
): RepairEvaluator {
  return {
    predict(change) {
      const r = predict(toWhatIfChange(change, policyOf));
      return {
        maxUtilisation: r.maxUtilisation,
        intents: r.intents.map((i) => ({ name: i.name, sloOk: i.sloOk, violations: i.violations })),
      };
    },
  };
}
