import { restconfStatus, toRestconfErrors } from './restconf-errors';

describe('toRestconfErrors', () => {
  it('builds the RFC 8040 body, omitting absent optional members', () => {
    const body = toRestconfErrors([
      {
        errorType: 'application',
        errorTag: 'invalid-value',
        errorAppTag: 'same-endpoints',
        errorPath: "/autonet-intent:intents/intent[name='x']/endpoints",
        errorMessage: 'endpoints a and b must be different nodes',
      },
      { errorType: 'protocol', errorTag: 'malformed-message', errorMessage: 'malformed JSON' },
    ]);
    expect(body).toEqual({
      'ietf-restconf:errors': {
        error: [
          {
            'error-type': 'application',
            'error-tag': 'invalid-value',
            'error-app-tag': 'same-endpoints',
            'error-path': "/autonet-intent:intents/intent[name='x']/endpoints",
            'error-message': 'endpoints a and b must be different nodes',
          },
          { 'error-type': 'protocol', 'error-tag': 'malformed-message', 'error-message': 'malformed JSON' },
        ],
      },
    });
    expect(Object.keys(body['ietf-restconf:errors'].error[1] ?? {})).not.toContain('error-path');
  });

  it('always holds at least one error', () => {
    expect(toRestconfErrors([])['ietf-restconf:errors'].error).toHaveLength(1);
  });
});

describe('restconfStatus', () => {
  it.each([
    ['invalid-value', undefined, 400],
    ['malformed-message', undefined, 400],
    ['unknown-element', undefined, 400],
    ['data-exists', undefined, 409],
    ['too-big', undefined, 413],
    ['operation-failed', 'too-few-elements', 400],
    ['operation-failed', undefined, 500],
  ])('%s (%s) → %d', (tag, appTag, status) => {
    expect(
      restconfStatus([
        {
          errorType: 'application',
          errorTag: tag,
          errorMessage: 'm',
          ...(appTag ? { errorAppTag: appTag } : {}),
        },
      ]),
    ).toBe(status);
  });
});
