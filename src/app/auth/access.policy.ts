import { ROLES } from '../../ports/token-store.port';
import type { Role } from '../../ports/token-store.port';

/** What a request needs: nothing (`public`) or at least a role. */
export type Requirement = 'public' | Role;

export const atLeast = (have: Role, need: Role): boolean => ROLES.indexOf(have) >= ROLES.indexOf(need);

const READ = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Checked in order; the first match decides. Paths are without query string. */
const RULES: readonly { readonly method?: RegExp; readonly path: RegExp; readonly need: Requirement }[] = [
  // liveness/readiness for orchestrators and the API description carry no data
  { method: /^(GET|HEAD)$/, path: /^\/api\/v1\/(health|ready)\/?$/, need: 'public' },
  { method: /^(GET|HEAD)$/, path: /^\/api\/docs(\/|-json$|$)/, need: 'public' },
  // admin: tokens, settings, the audit trail (reads included: they reveal who did what)
  { path: /^\/api\/v1\/(auth|settings|audit)(\/|$)/, need: 'admin' },
  // operator: approve/reject incidents, retry intents
  { method: /^POST$/, path: /^\/api\/v1\/incidents\/[^/]+\/(approve|reject)\/?$/, need: 'operator' },
  { method: /^POST$/, path: /^\/api\/v1\/intents\/[^/]+\/retry\/?$/, need: 'operator' },
];

/**
 * The role a request needs. Reads need `viewer`; every other method needs `engineer` (intents, slices,
 * what-if, and any endpoint added later: the default for writes is deny-to-engineer, not allow). Static
 * dashboard files are public: they hold no data, and the API calls they make carry the token.
 */
export function requirementOf(method: string, rawPath: string): Requirement {
  const m = method.toUpperCase();
  const path = canonicalPath(rawPath);
  for (const rule of RULES) {
    if (rule.method !== undefined && !rule.method.test(m)) continue;
    if (rule.path.test(path)) return rule.need;
  }
  const api = path === '/metrics' || path.startsWith('/metrics/') || path.startsWith('/api/');
  if (!api) return 'public';
  return READ.has(m) ? 'viewer' : 'engineer';
}

export const isMutating = (method: string): boolean => !READ.has(method.toUpperCase());

/**
 * The path as the router may see it: Express routes case-insensitively and tolerates repeated slashes, so
 * `/API/v1/audit` reaches the audit handler. The policy matches a canonical form — percent-decoded where
 * possible, lower-case, single slashes, dot segments resolved — so no spelling of a path needs less than
 * the path itself.
 */
export function canonicalPath(path: string): string {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    let seg = raw;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      // keep the raw segment: the router will not decode it either
    }
    seg = seg.toLowerCase();
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}
