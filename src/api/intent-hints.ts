import { didYouMean } from '../core/topology';
import type { YangError } from '../ports/yang-validator.port';

/**
 * Errors a person can act on (issue 11): libyang speaks YANG (`bandwidth-mbps`, "Invalid enumeration value"),
 * clients write camelCase JSON. This layer, at the API edge only, rewrites each validation error of an intent
 * body so that its error-path uses the body's member names (the RFC 8040 shape is kept), an unknown member gets
 * "did you mean", and an enumeration or range error lists what is allowed. The member and value tables mirror
 * yang/autonet-intent.yang and autonet-types.yang; test/api/errors-friendly.test.ts holds them to the modules
 * through the real validator.
 */

/** Body members per container (path in body names, '' for the intent itself). */
export const INTENT_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  '': ['name', 'kind', 'endpoints', 'slo', 'sle', 'slice', 'priority', 'classification'],
  endpoints: ['a', 'b'],
  slo: ['bandwidthMbps', 'maxDelayUs', 'maxLossPct', 'availability'],
  sle: ['protection', 'isolation'],
  classification: ['intentClass', 'userType', 'solution', 'lifecycle'],
};

/** YANG leaf name → body member name where they differ. */
export const YANG_TO_BODY: Readonly<Record<string, string>> = {
  'bandwidth-mbps': 'bandwidthMbps',
  'max-delay-us': 'maxDelayUs',
  'max-loss-pct': 'maxLossPct',
  'intent-class': 'intentClass',
  'user-type': 'userType',
};

/** What a leaf accepts, by body path. */
export const ALLOWED: Readonly<
  Record<string, { readonly values?: readonly string[]; readonly text: string }>
> = {
  kind: { values: ['connectivity'], text: 'connectivity' },
  priority: { text: 'an integer from 0 (lowest) to 7 (highest)' },
  'slo/bandwidthMbps': { text: 'a number of Mbit/s from 0 to 1000000000, at most 3 decimals' },
  'slo/maxDelayUs': { text: 'an integer number of microseconds from 1 to 4294967295' },
  'slo/maxLossPct': { text: 'a percentage from 0 to 100, at most 4 decimals' },
  'slo/availability': {
    values: ['best-effort', 'standard', 'high', 'critical'],
    text: 'best-effort, standard, high, critical',
  },
  'sle/protection': {
    values: ['none', 'link-disjoint', 'node-disjoint', 'srlg-disjoint'],
    text: 'none, link-disjoint, node-disjoint, srlg-disjoint',
  },
  'sle/isolation': { values: ['shared', 'soft', 'hard'], text: 'shared, soft, hard' },
  'classification/userType': {
    values: ['customer', 'network-operator', 'application-developer'],
    text: 'customer, network-operator, application-developer',
  },
  'classification/solution': {
    values: ['carrier', 'data-center', 'enterprise'],
    text: 'carrier, data-center, enterprise',
  },
  'classification/lifecycle': { values: ['persistent', 'transient'], text: 'persistent, transient' },
};

const PREFIX = /^(\/autonet-intent:intents\/intent(?:\[[^\]]*\])?)(.*)$/;

/** `/autonet-intent:intents/intent[name='x']/slo/bandwidth-mbps` → prefix and body path `slo/bandwidthMbps`. */
export function bodyPathOf(errorPath: string): { prefix: string; body: string } | undefined {
  const m = PREFIX.exec(errorPath);
  if (!m) return undefined;
  const body = m[2]!
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => YANG_TO_BODY[s.replace(/^[^:]*:/, '')] ?? s.replace(/^[^:]*:/, ''))
    .join('/');
  return { prefix: m[1]!, body };
}

const quote = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(' or ');

/** One validation error of an intent body, in the body's terms. */
export function friendlyIntentError(e: YangError): YangError {
  if (e.errorPath === undefined) return e;
  const at = bodyPathOf(e.errorPath);
  if (!at) return e;
  let message = e.errorMessage;
  let body = at.body;
  const unknown = /^Node "([^"]+)" not found as a child of/.exec(message);
  if (unknown) {
    const member = YANG_TO_BODY[unknown[1]!] ?? unknown[1]!;
    const known = INTENT_MEMBERS[body] ?? [];
    const near = didYouMean(member, known);
    const where = body === '' ? 'an intent' : `'${body}'`;
    message = `'${member}' is not a member of ${where}${near.length > 0 ? `; did you mean ${quote(near)}?` : ''} (allowed: ${known.join(', ')})`;
    body = body === '' ? member : `${body}/${member}`;
  } else {
    const allowed = ALLOWED[body];
    const value = /value "([^"]*)"/.exec(message)?.[1];
    if (allowed && value !== undefined) {
      const near = allowed.values ? didYouMean(value, allowed.values) : [];
      message = `${body.replace(/\//g, '.')}: '${value}' is not allowed${near.length > 0 ? `; did you mean ${quote(near)}?` : ''} (allowed: ${allowed.text})`;
    }
  }
  return { ...e, errorPath: `${at.prefix}${body === '' ? '' : `/${body}`}`, errorMessage: message };
}
