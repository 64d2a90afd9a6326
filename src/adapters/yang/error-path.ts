/**
 * libyang reports a missing mandatory node with its *schema* path (`/autonet-intent:intents/intent/slo/x`),
 * which has no list keys. RFC 8040's error-path is an instance identifier, so where the submitted document
 * holds exactly one instance of a list on that path, its key predicate is added
 * (`/autonet-intent:intents/intent[name='i1']/slo/x`). Paths that cannot be qualified are returned unchanged.
 */
export type ListKeys = ReadonlyMap<string, readonly string[]>;

/** `list <name> { key "<k1 k2>"; …` pairs from YANG module text (Autonet writes `key` first in a list). */
export function listKeysOf(yangSources: readonly string[]): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const source of yangSources) {
    for (const m of source.matchAll(/list\s+([\w.-]+)\s*\{\s*key\s+"([^"]+)"\s*;/g)) {
      if (m[1] !== undefined && m[2] !== undefined) keys.set(m[1], m[2].trim().split(/\s+/));
    }
  }
  return keys;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function qualifySchemaPath(path: string, doc: unknown, listKeys: ListKeys): string {
  const segments = path.split('/').slice(1);
  let node: unknown = doc;
  let out = '';
  for (const segment of segments) {
    const name = segment.replace(/^[^:]*:/, '');
    const value = isObject(node) ? (node[segment] ?? node[name]) : undefined;
    const keys = listKeys.get(name);
    if (keys !== undefined && Array.isArray(value) && value.length === 1 && isObject(value[0])) {
      const entry = value[0];
      const present = keys.every((k) => typeof entry[k] === 'string' || typeof entry[k] === 'number');
      out += `/${segment}${present ? keys.map((k) => `[${k}='${String(entry[k])}']`).join('') : ''}`;
      node = entry;
    } else {
      out += `/${segment}`;
      node = value;
    }
  }
  return out;
}
