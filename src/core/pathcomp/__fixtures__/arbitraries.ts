import type { PathQuery } from '../path-types';

/**
 * Plain-data descriptions that property specs turn into fast-check arbitraries (fast-check itself stays in the
 * specs: core, fixtures included, imports only pure libraries).
 */
export interface RandomQueryParts {
  from: number;
  to: number;
  metric: 'igp' | 'te' | 'delay' | 'hops';
  bandwidth: number | null;
  maxDelay: number | null;
  maxHops: number | null;
  excludeNode: number | null;
  excludeLink: number | null;
  excludeSrlg: number | null;
  includeAny: string | null;
  excludeAny: string | null;
}

export function queryOf(nodes: number, linkCount: number, p: RandomQueryParts): PathQuery | null {
  const from = p.from % nodes;
  const to = p.to % nodes;
  if (from === to) return null;
  const ex = p.excludeNode === null ? null : p.excludeNode % nodes;
  return {
    from: `n${from}`,
    to: `n${to}`,
    metric: p.metric,
    ...(p.bandwidth !== null && { bandwidthMbps: p.bandwidth }),
    ...(p.maxDelay !== null && { maxDelayUs: p.maxDelay }),
    ...(p.maxHops !== null && { maxHops: p.maxHops }),
    ...(ex !== null && ex !== from && ex !== to && { excludeNodes: [`n${ex}`] }),
    ...(p.excludeLink !== null && linkCount > 0 && { excludeLinks: [`L${p.excludeLink % linkCount}`] }),
    ...(p.excludeSrlg !== null && { excludeSrlgs: [p.excludeSrlg] }),
    ...(p.includeAny !== null && { includeAnyAffinity: [p.includeAny] }),
    ...(p.excludeAny !== null && { excludeAnyAffinity: [p.excludeAny] }),
  };
}
