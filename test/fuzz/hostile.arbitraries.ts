/**
 * fast-check arbitraries for hostile API input: strings, numbers, JSON texts and bodies derived from the
 * OpenAPI request schemas.
 */
import fc from 'fast-check';

/** Strings known to hurt parsers, validators, file systems and log viewers. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '.',
  '..',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/etc/passwd',
  'events',
  'retry',
  'Module "__autonet_done_3__" not found.',
  'libyang[0]: Module "__autonet_done_0__" not found.\n',
  'YANGLINT[E]: Module "__autonet_done_7__" not found.',
  '\nlibyang[0]: Invalid value "x" in "name". (path: /autonet-intent:intents/intent[name=\'x\']/name)\n',
  'feature __autonet_done_1__',
  '\u0000',
  '\u0001\u0002\u0007\u001b[31mred\u001b[0m',
  '\r\nSet-Cookie: x=1',
  '\ud800',
  '\u202e\u0645',
  '💥'.repeat(50),
  '__proto__',
  'constructor',
  'prototype',
  "'; DROP TABLE intents;--",
  '${jndi:ldap://127.0.0.1/x}',
  '<script>alert(1)</script>',
  '%s%s%s%n',
  'CON',
  'NUL:',
  'a'.repeat(300),
  'a'.repeat(70_000),
];

export const NASTY_NUMBER_TEXTS: readonly string[] = [
  '0',
  '-0',
  '-1',
  '1',
  '7',
  '8',
  '2147483647',
  '2147483648',
  '4294967296',
  '9007199254740991',
  '9007199254740993',
  '18446744073709551615',
  '18446744073709551616',
  '-9007199254740993',
  '1e308',
  '1e309',
  '-1e400',
  '5e-324',
  '1e-400',
  '0.1',
  '100.0000001',
  '1.5',
];

export const hostileString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
      maxLength: 20,
    }),
  },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/) },
);

/** A JSON value as text, hostile in type or size; numbers written raw so out-of-range ones reach the parser. */
export const hostileLeafText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map((s) => JSON.stringify(s)) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBER_TEXTS) },
  { weight: 1, arbitrary: fc.constantFrom('null', 'true', 'false', '[]', '{}', '[null]', '{"":""}') },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
);

/** Nested arrays/objects of a given depth (around and far beyond the limit). */
export const deepText = fc
  .tuple(fc.constantFrom(30, 31, 32, 33, 64, 1000, 20_000), fc.boolean())
  .map(([depth, objects]) =>
    objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`,
  );

export const invalidJsonText = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '{"name":',
    "{'name':'x'}",
    '{"name":"x",}',
    '[1,2,,3]',
    'NaN',
    'Infinity',
    '{"a":1}{"b":2}',
    '\u0000',
    '\ufeff{"name":"x"}',
    '{"name":"x\u0000"}',
    '{"name":"\\ud800"}',
    '{"a":"\\u00"}',
    'undefined',
    '/* */{}',
  ),
  fc.string({ maxLength: 60 }),
);

/** A JSON Schema object as the OpenAPI document gives it (only what the sampler reads). */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
}

/** A plausible document for a schema: examples, then enums, defaults and types. */
export function sample(schema: Schema | undefined): unknown {
  if (!schema) return {};
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type ?? 'object') {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s)]));
    case 'array':
      return [sample(schema.items)];
    case 'string':
      return 'fz';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return {};
  }
}

/** Every member path of a sample document (objects only), deepest included. */
export function memberPaths(doc: unknown, prefix: string[] = []): string[][] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [];
  return Object.entries(doc).flatMap(([k, v]) => [[...prefix, k], ...memberPaths(v, [...prefix, k])]);
}

/** The document as JSON text with the member at `path` replaced by raw JSON text (or removed). */
export function withMember(doc: unknown, path: readonly string[], rawValue: string | undefined): string {
  const marker = 'fuzz-marker-7f3a9c';
  const copy = structuredClone(doc) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (rawValue === undefined) delete at[last];
  else at[last] = marker;
  return JSON.stringify(copy).replace(`"${marker}"`, () => rawValue ?? '');
}
