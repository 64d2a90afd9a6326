import { z } from 'zod';
import type { CompactGraph } from './compact-graph';
import type { BlockingConstraint, Disjointness, PathErrorCode, PathMetric, PathQuery } from './path-types';

/** A validated query with every name resolved to a CompactGraph index. */
export interface ResolvedQuery {
  readonly id?: string;
  readonly source: number;
  readonly target: number;
  readonly metric: PathMetric;
  readonly bandwidthMbps: number;
  readonly maxDelayUs: number;
  readonly maxHops: number;
  readonly excludeNodes: readonly number[];
  readonly excludeLinks: readonly number[];
  readonly excludeSrlgs: readonly number[];
  readonly includeAnyAffinity: readonly string[];
  readonly excludeAnyAffinity: readonly string[];
  readonly disjoint?: Disjointness;
  readonly msd?: number;
  readonly allowPartialDisjoint: boolean;
}

export interface QueryError {
  readonly code: PathErrorCode;
  readonly message: string;
  readonly blocking: BlockingConstraint[];
}

const names = z.array(z.string().min(1));
export const pathQuerySchema = z.strictObject({
  id: z.string().optional(),
  from: z.string().min(1),
  to: z.string().min(1),
  metric: z.enum(['igp', 'te', 'delay', 'hops']).optional(),
  bandwidthMbps: z.number().nonnegative().finite().optional(),
  maxDelayUs: z.number().nonnegative().finite().optional(),
  maxHops: z.number().int().min(1).optional(),
  excludeNodes: names.optional(),
  excludeLinks: names.optional(),
  excludeSrlgs: z.array(z.number().int().min(0).max(0xffffffff)).optional(),
  includeAnyAffinity: names.optional(),
  excludeAnyAffinity: names.optional(),
  disjoint: z.enum(['link', 'node', 'srlg']).optional(),
  msd: z.number().int().min(1).optional(),
  allowPartialDisjoint: z.boolean().optional(),
});

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
}

function fail(code: PathErrorCode, field: string, problem: string): QueryError {
  return {
    code,
    message: `path query: ${field}: ${problem}`,
    blocking: [{ constraint: 'query', detail: `${field}: ${problem}`, elements: [field] }],
  };
}

/** Checks a query's shape and resolves its names; the error names the offending field. */
export function resolveQuery(g: CompactGraph, raw: unknown): ResolvedQuery | QueryError {
  const parsed = pathQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field =
      issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : fieldPath(issue.path) || '(query)';
    return fail('INVALID_QUERY', field, issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message);
  }
  const q: PathQuery = parsed.data;
  const source = g.node(q.from);
  if (source === undefined) return fail('UNKNOWN_NODE', 'from', `unknown node '${q.from}'`);
  const target = g.node(q.to);
  if (target === undefined) return fail('UNKNOWN_NODE', 'to', `unknown node '${q.to}'`);
  if (source === target) return fail('INVALID_QUERY', 'to', `'to' is the same node as 'from' ('${q.from}')`);
  const excludeNodes: number[] = [];
  for (const [i, name] of (q.excludeNodes ?? []).entries()) {
    const v = g.node(name);
    if (v === undefined) return fail('UNKNOWN_NODE', `excludeNodes[${i}]`, `unknown node '${name}'`);
    if (v === source || v === target) {
      return fail('INVALID_QUERY', `excludeNodes[${i}]`, `'${name}' is an endpoint of the path`);
    }
    excludeNodes.push(v);
  }
  const excludeLinks: number[] = [];
  for (const [i, name] of (q.excludeLinks ?? []).entries()) {
    const l = g.link(name);
    if (l === undefined) return fail('UNKNOWN_LINK', `excludeLinks[${i}]`, `unknown link '${name}'`);
    excludeLinks.push(l);
  }
  if (q.allowPartialDisjoint && !q.disjoint) {
    return fail('INVALID_QUERY', 'allowPartialDisjoint', 'only meaningful together with disjoint');
  }
  return {
    ...(q.id !== undefined && { id: q.id }),
    source,
    target,
    metric: q.metric ?? 'igp',
    bandwidthMbps: q.bandwidthMbps ?? 0,
    maxDelayUs: q.maxDelayUs ?? Infinity,
    maxHops: q.maxHops ?? Infinity,
    excludeNodes,
    excludeLinks,
    excludeSrlgs: q.excludeSrlgs ?? [],
    includeAnyAffinity: q.includeAnyAffinity ?? [],
    excludeAnyAffinity: q.excludeAnyAffinity ?? [],
    ...(q.disjoint !== undefined && { disjoint: q.disjoint }),
    ...(q.msd !== undefined && { msd: q.msd }),
    allowPartialDisjoint: q.allowPartialDisjoint ?? false,
  };
}

export function isQueryError(x: ResolvedQuery | QueryError): x is QueryError {
  return 'code' in x;
}
