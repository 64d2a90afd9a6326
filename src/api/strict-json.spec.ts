import fc from 'fast-check';
import { MAX_JSON_DEPTH, parseStrictJson, StrictJsonError } from './strict-json';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const hasForbidden = (v: unknown): boolean =>
  typeof v === 'object' && v !== null
    ? Object.entries(v).some(([k, x]) => (!Array.isArray(v) && FORBIDDEN.has(k)) || hasForbidden(x))
    : false;
const depthOf = (v: unknown): number =>
  typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;

describe('parseStrictJson', () => {
  it('agrees with JSON.parse on every legitimate document, however formatted', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.constantFrom(undefined, 2, '\t'), (v, indent) => {
        fc.pre(!hasForbidden(v));
        const text = JSON.stringify(v, null, indent);
        expect(parseStrictJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('is not fooled by keys, quotes, brackets and escapes inside strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const doc = { k: `${a}","k":"`, [`{${b}`]: ['"k":1', '\\', '}}]]'] };
        fc.pre(!FORBIDDEN.has(`{${b}`) && `{${b}` !== 'k');
        const text = JSON.stringify(doc);
        expect(parseStrictJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a duplicate member wherever it is, naming it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 5 }),
        fc.jsonValue({ maxDepth: 2 }),
        (path, value) => {
          // a forbidden name inside the value is refused first, at its own pointer (tested below)
          fc.pre(!hasForbidden(value));
          const key = path[path.length - 1]!;
          let inner = `{${JSON.stringify(key)}:${JSON.stringify(value)},${JSON.stringify(key)}:1}`;
          for (const k of path.slice(0, -1).reverse()) inner = `{${JSON.stringify(k)}:${inner}}`;
          let err: unknown;
          try {
            parseStrictJson(inner);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(StrictJsonError);
          expect((err as StrictJsonError).pointer).toBe(`/${path.join('/')}`);
        },
      ),
    );
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the member name %s', (name) => {
    expect(() => parseStrictJson(`{"a":[{"${name}":{}}]}`)).toThrow(StrictJsonError);
    expect(() => parseStrictJson(`{"a":"${name}"}`)).not.toThrow(); // as a value it is only text
    expect(() => parseStrictJson(`{"\\u005f_proto__":1}`)).toThrow(/not allowed/); // escaped spelling
  });

  it('refuses nesting deeper than the limit without recursion, even a million levels', () => {
    const ok = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(depthOf(parseStrictJson(ok))).toBe(MAX_JSON_DEPTH);
    expect(() => parseStrictJson(`[${ok}]`)).toThrow(/nesting deeper than 32/);
    expect(() => parseStrictJson('['.repeat(1_000_000))).toThrow(StrictJsonError);
  });

  it('reports malformed JSON as StrictJsonError', () => {
    for (const bad of ['{', '{"a":1,}', "{'a':1}", '[1,,2]', 'NaN', '{"a":"\\ud800"', '']) {
      expect(() => parseStrictJson(bad)).toThrow(StrictJsonError);
    }
  });
});
