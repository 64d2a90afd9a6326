import { listKeysOf, qualifySchemaPath } from './error-path';

const keys = listKeysOf([
  'container intents { list intent { key "name"; leaf name { type string; } } }',
  'list candidate-path {\n  key "preference";\n  list segment-list { key "index"; } }',
]);

describe('qualifySchemaPath', () => {
  it('reads list keys from module text', () => {
    expect([...keys]).toEqual([
      ['intent', ['name']],
      ['candidate-path', ['preference']],
      ['segment-list', ['index']],
    ]);
  });

  it('adds the key of the single list instance on the path', () => {
    const doc = { 'autonet-intent:intents': { intent: [{ name: 'i1', endpoints: { a: 'A' } }] } };
    expect(qualifySchemaPath('/autonet-intent:intents/intent/endpoints/b', doc, keys)).toBe(
      "/autonet-intent:intents/intent[name='i1']/endpoints/b",
    );
  });

  it('leaves the path alone when the instance is ambiguous or has no key', () => {
    const two = { 'autonet-intent:intents': { intent: [{ name: 'a' }, { name: 'b' }] } };
    expect(qualifySchemaPath('/autonet-intent:intents/intent/kind', two, keys)).toBe(
      '/autonet-intent:intents/intent/kind',
    );
    const keyless = { 'autonet-intent:intents': { intent: [{ kind: 'x' }] } };
    expect(qualifySchemaPath('/autonet-intent:intents/intent/name', keyless, keys)).toBe(
      '/autonet-intent:intents/intent/name',
    );
    expect(qualifySchemaPath('/m:x/y', 'not an object', keys)).toBe('/m:x/y');
  });
});
