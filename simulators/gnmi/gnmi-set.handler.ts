import { status, type ServiceError } from '@grpc/grpc-js';
import type { SimSource, SrPolicyJson } from '../sim-source';
import { joinPaths, type WirePath } from './gnmi-path';
import { parsePolicy, parsePolicyList, policyTarget } from './gnmi-policy.json';
import { rpcError } from './gnmi-target';

interface WireUpdate {
  readonly path?: WirePath | null;
  readonly val?: {
    readonly value?: string;
    readonly json_ietf_val?: Buffer;
    readonly json_val?: Buffer;
  } | null;
}

export interface WireSetRequest {
  readonly prefix?: WirePath | null;
  readonly delete?: readonly WirePath[];
  readonly replace?: readonly WireUpdate[];
  readonly update?: readonly WireUpdate[];
  readonly union_replace?: readonly WireUpdate[];
}

type Op = 'DELETE' | 'REPLACE' | 'UPDATE';

interface Plan {
  readonly deletes: Set<string>;
  readonly upserts: Map<string, SrPolicyJson>;
  readonly results: { path: WirePath; op: Op }[];
}

/**
 * One gNMI Set on one headend (spec 3.4): deletes, then replaces, then updates, as one transaction. On an
 * engine refusal the previous policies are restored and the whole Set fails with INVALID_ARGUMENT.
 */
export function applySet(
  source: SimSource,
  headend: string,
  req: WireSetRequest,
): Plan['results'] | ServiceError {
  const plan: Plan = { deletes: new Set(), upserts: new Map(), results: [] };
  const before = source.policies(headend);
  for (const path of req.delete ?? []) {
    const err = planDelete(plan, before, req.prefix, path);
    if (err) return rpcError(status.INVALID_ARGUMENT, err);
  }
  const writes: [Op, WireUpdate][] = [
    ...(req.replace ?? []).map((u): [Op, WireUpdate] => ['REPLACE', u]),
    ...(req.union_replace ?? []).map((u): [Op, WireUpdate] => ['REPLACE', u]),
    ...(req.update ?? []).map((u): [Op, WireUpdate] => ['UPDATE', u]),
  ];
  for (const [op, u] of writes) {
    const err = planWrite(plan, before, headend, req.prefix, op, u);
    if (err) return rpcError(status.INVALID_ARGUMENT, err);
  }
  const failure = execute(source, headend, plan);
  if (failure !== undefined) {
    restore(source, headend, before);
    return rpcError(status.INVALID_ARGUMENT, `gnmi: set refused on ${headend}: ${failure}`);
  }
  return plan.results;
}

function planDelete(
  plan: Plan,
  before: readonly SrPolicyJson[],
  prefix: WirePath | null | undefined,
  path: WirePath,
): string | undefined {
  const t = policyTarget(joinPaths(prefix, path));
  if (!t) return 'gnmi: only autonet-sr-policy:sr-policies paths can be deleted';
  const names = t.kind === 'all' ? [...before.map((p) => p.name), ...plan.upserts.keys()] : [t.name];
  for (const n of names) {
    plan.upserts.delete(n);
    plan.deletes.add(n);
  }
  plan.results.push({ path, op: 'DELETE' });
  return undefined;
}

function planWrite(
  plan: Plan,
  before: readonly SrPolicyJson[],
  headend: string,
  prefix: WirePath | null | undefined,
  op: Op,
  u: WireUpdate,
): string | undefined {
  const t = policyTarget(joinPaths(prefix, u.path));
  if (!t) return 'gnmi: only autonet-sr-policy:sr-policies paths can be set';
  const text = u.val?.json_ietf_val ?? u.val?.json_val;
  if (!text || text.length === 0) return 'gnmi: SR policies are set as json_ietf_val';
  let raw: unknown;
  try {
    raw = JSON.parse(text.toString('utf8'));
  } catch {
    return 'gnmi: value is not valid JSON';
  }
  const parsed = t.kind === 'one' ? parsePolicy(raw, headend, t.name) : parsePolicyList(raw, headend);
  if (typeof parsed === 'string') return 'gnmi: ' + parsed;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (t.kind === 'all' && op === 'REPLACE') {
    for (const p of before) if (!list.some((q) => q.name === p.name)) plan.deletes.add(p.name);
  }
  for (const p of list) {
    plan.deletes.delete(p.name);
    plan.upserts.set(p.name, p);
  }
  plan.results.push({ path: u.path ?? {}, op });
  return undefined;
}

function execute(source: SimSource, headend: string, plan: Plan): string | undefined {
  const present = new Set(source.policies(headend).map((p) => p.name));
  for (const name of plan.deletes) {
    if (!present.has(name)) continue;
    const r = source.deletePolicy(headend, name);
    if (!r.ok) return r.message;
  }
  if (plan.upserts.size === 0) return undefined;
  const r = source.setPolicies(headend, [...plan.upserts.values()]);
  return r.ok ? undefined : r.message;
}

function restore(source: SimSource, headend: string, before: readonly SrPolicyJson[]): void {
  const keep = new Set(before.map((p) => p.name));
  for (const p of source.policies(headend)) if (!keep.has(p.name)) source.deletePolicy(headend, p.name);
  if (before.length > 0) source.setPolicies(headend, before);
}
