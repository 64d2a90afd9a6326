import { malformedJsonError, mustMessagesOf, parseLibyangErrors } from './libyang-errors.mapping';

const context = { mustMessages: new Map([['endpoints a and b must be different nodes', 'same-endpoints']]) };

describe('parseLibyangErrors', () => {
  it('reads the batch format with a data location', () => {
    const stderr =
      'libyang err : Unsatisfied range - value "8" is out of the allowed range. ' +
      `(Data location "/autonet-intent:intents/intent[name='x']/priority", line number 1.)\n` +
      'YANGLINT[E]: Failed to parse input data file "c.json".\n';
    expect(parseLibyangErrors(stderr, context)).toEqual([
      {
        errorType: 'application',
        errorTag: 'invalid-value',
        errorPath: "/autonet-intent:intents/intent[name='x']/priority",
        errorMessage: 'Unsatisfied range - value "8" is out of the allowed range.',
      },
    ]);
  });

  it('reads the interactive format and a schema location', () => {
    const stderr =
      'libyang[0]: Mandatory node "b" instance does not exist. ' +
      '(path: Schema location "/autonet-intent:intents/intent/endpoints/b".)\n';
    expect(parseLibyangErrors(stderr, context)).toEqual([
      expect.objectContaining({
        errorTag: 'missing-element',
        errorPath: '/autonet-intent:intents/intent/endpoints/b',
      }),
    ]);
  });

  it('classifies unknown nodes, JSON syntax and failed must statements', () => {
    const stderr = [
      'libyang[0]: Node "bogus" not found as a child of "intent" node. (path: Data location "/a:b", line number 1.)',
      'libyang[0]: Unexpected character """ after JSON string. (path: Line number 1.)',
      'libyang err : Unexpected character """ after JSON string. (Line number 3.)',
      'libyang[0]: endpoints a and b must be different nodes (path: Data location "/a:b/endpoints".)',
      'libyang[0]: Must condition "../x > 1" not satisfied. (path: Data location "/a:b/y".)',
    ].join('\n');
    const errors = parseLibyangErrors(stderr, context);
    expect(errors.map((e) => [e.errorType, e.errorTag, e.errorAppTag])).toEqual([
      ['application', 'unknown-element', undefined],
      ['protocol', 'malformed-message', undefined],
      ['protocol', 'malformed-message', undefined],
      ['application', 'invalid-value', 'same-endpoints'],
      ['application', 'invalid-value', 'must-violation'],
    ]);
    expect(errors[1]?.errorPath).toBeUndefined();
    expect(errors[3]?.errorMessage).toBe('endpoints a and b must be different nodes');
  });

  it('reports data of a module that is not loaded as unknown-namespace', () => {
    const errors = parseLibyangErrors(
      'libyang[0]: No module named "foo" in the context. (path: Line number 1.)\n',
      context,
    );
    expect(errors).toEqual([expect.objectContaining({ errorTag: 'unknown-namespace' })]);
  });

  it('ignores warnings and yanglint chatter', () => {
    const stderr = 'libyang[1]: a warning\nlibyang warn: another\nYANGLINT[W]: No saved history.\n';
    expect(parseLibyangErrors(stderr, context)).toEqual([]);
  });
});

describe('mustMessagesOf', () => {
  it('pairs error-message with error-app-tag across line breaks', () => {
    const yang = `must "x" {\n  error-message\n    "two  words";\n  error-app-tag "tag-a";\n}\nmust "y" { error-message "only message"; }`;
    expect([...mustMessagesOf([yang])]).toEqual([['two words', 'tag-a']]);
  });
});

it('malformedJsonError is a protocol malformed-message', () => {
  expect(malformedJsonError('oops')).toMatchObject({ errorType: 'protocol', errorTag: 'malformed-message' });
});
