import type { SrPolicyJson } from '../sim-source';
import { SR_POLICIES } from './gnmi-tree';
import type { Elem } from './gnmi-path';

/** Where a path points inside `autonet-sr-policy:sr-policies` (undefined: outside the SR policy model). */
export type PolicyTarget = { readonly kind: 'all' } | { readonly kind: 'one'; readonly name: string };

export function policyTarget(elems: readonly Elem[]): PolicyTarget | undefined {
  const [top, entry, ...rest] = elems;
  if (top === undefined || rest.length > 0) return undefined;
  if (top.name !== SR_POLICIES && top.name !== 'sr-policies') return undefined;
  if (entry === undefined) return { kind: 'all' };
  const name = entry.key?.['name'];
  if (stripModule(entry.name) !== 'policy' || name === undefined || name === '*') return undefined;
  return { kind: 'one', name };
}

function stripModule(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Strips `module:` qualifiers from an object's own member names (RFC 7951 4). */
function unqualified(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [stripModule(k), v]));
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** One policy entry from RFC 7951 JSON, checked for shape; the engine validates SIDs. */
export function parsePolicy(raw: unknown, headend: string, name?: string): SrPolicyJson | string {
  if (!isObject(raw)) return 'policy must be a JSON object';
  const o = unqualified(raw);
  const policyName = o['name'] ?? name;
  if (typeof policyName !== 'string' || policyName === '') return 'policy name missing';
  if (name !== undefined && policyName !== name)
    return `policy name ${String(policyName)} does not match key ${name}`;
  if (typeof o['color'] !== 'number' || typeof o['endpoint'] !== 'string')
    return 'policy needs color and endpoint';
  if (!Array.isArray(o['candidate-path'])) return 'policy needs candidate-path';
  const out = { ...o, name: policyName, headend: typeof o['headend'] === 'string' ? o['headend'] : headend };
  return out as unknown as SrPolicyJson;
}

/** The policies carried by a container-level value: {"autonet-sr-policy:policy": [...]} or {"policy": [...]}. */
export function parsePolicyList(raw: unknown, headend: string): SrPolicyJson[] | string {
  if (!isObject(raw)) return 'sr-policies must be a JSON object';
  const list = unqualified(raw)['policy'] ?? [];
  if (!Array.isArray(list)) return 'policy must be a list';
  const out: SrPolicyJson[] = [];
  for (const entry of list) {
    const p = parsePolicy(entry, headend);
    if (typeof p === 'string') return p;
    out.push(p);
  }
  return out;
}

/** Container-level RFC 7951 value for a Get of `/autonet-sr-policy:sr-policies`. */
export function policyContainerJson(policies: readonly SrPolicyJson[]): string {
  return JSON.stringify({ 'autonet-sr-policy:policy': policies });
}
