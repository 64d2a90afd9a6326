import type { YangError } from '../../ports/yang-validator.port';

/**
 * Turns the error lines libyang prints (through yanglint, batch or interactive) into RFC 8040 errors.
 *
 * Batch:       `libyang err : <message> (Data location "<path>", line number 1.)`
 * Interactive: `libyang[0]: <message> (path: Data location "<path>", line number 1.)`
 * The location may also be `Schema location "<path>"` (mandatory nodes) or just `Line number N.` (JSON syntax).
 * Warnings (`libyang[1]`, `libyang warn`) and yanglint's own `YANGLINT[E]: Failed to parse …` lines are ignored.
 */
const ERROR_LINE = /^libyang(?: err :|\[0\]:) (.*)$/;
const LOCATION =
  / \((?:path: )?(?:(Data|Schema) location "([^"]*)"(?:, line number \d+)?|Line number \d+)\.\)$/;

/** RFC 7950 §15 and RFC 8040 §7 classification of libyang messages, first match wins. */
const RULES: readonly {
  readonly test: RegExp;
  readonly tag: string;
  readonly appTag?: string;
  readonly type?: 'protocol';
}[] = [
  { test: /^No module named/, tag: 'unknown-namespace' },
  { test: /not found as a child of|not found in the ".*" module|Unknown module/i, tag: 'unknown-element' },
  { test: /^Mandatory node|missing its key|Mandatory choice/i, tag: 'missing-element' },
  { test: /^Too few /, tag: 'operation-failed', appTag: 'too-few-elements' },
  { test: /^Too many /, tag: 'operation-failed', appTag: 'too-many-elements' },
  { test: /^Duplicate instance/, tag: 'bad-element' },
  { test: /unique data/i, tag: 'operation-failed', appTag: 'data-not-unique' },
  {
    test: /JSON|Unexpected (character|end)|Invalid character|end-of-input/i,
    tag: 'malformed-message',
    type: 'protocol',
  },
  { test: /^Must condition .* not satisfied/, tag: 'invalid-value', appTag: 'must-violation' },
];

export interface LibyangErrorContext {
  /** Custom must error-message → error-app-tag, read from the loaded modules. */
  readonly mustMessages: ReadonlyMap<string, string>;
}

export function parseLibyangErrors(stderr: string, context: LibyangErrorContext): YangError[] {
  const errors: YangError[] = [];
  for (const line of stderr.split('\n')) {
    const match = ERROR_LINE.exec(line.trimEnd());
    if (match?.[1] !== undefined) errors.push(toYangError(match[1], context));
  }
  return errors;
}

function toYangError(raw: string, context: LibyangErrorContext): YangError {
  const location = LOCATION.exec(raw);
  const message = location ? raw.slice(0, location.index) : raw;
  const path = location?.[2];
  const customAppTag = context.mustMessages.get(message);
  if (customAppTag !== undefined) {
    return withPath(
      {
        errorType: 'application',
        errorTag: 'invalid-value',
        errorAppTag: customAppTag,
        errorMessage: message,
      },
      path,
    );
  }
  const rule = RULES.find((r) => r.test.test(message));
  const error: YangError = {
    errorType: rule?.type ?? 'application',
    errorTag: rule?.tag ?? 'invalid-value',
    errorMessage: message,
    ...(rule?.appTag !== undefined ? { errorAppTag: rule.appTag } : {}),
  };
  return withPath(error, path);
}

function withPath(error: YangError, path: string | undefined): YangError {
  return path !== undefined && path !== '' ? { ...error, errorPath: path } : error;
}

/**
 * Collects `error-message` / `error-app-tag` pairs of `must` statements from YANG module text, so a failed
 * custom must can carry its app tag (yanglint prints only the message).
 */
export function mustMessagesOf(yangSources: readonly string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  const pattern = /error-message\s+"([^"]*)"\s*;\s*error-app-tag\s+"([^"]*)"\s*;/g;
  for (const source of yangSources) {
    for (const m of source.matchAll(pattern)) {
      if (m[1] !== undefined && m[2] !== undefined) pairs.set(m[1].replace(/\s+/g, ' ').trim(), m[2]);
    }
  }
  return pairs;
}

/** The error for input that is not JSON at all (never reaches libyang). */
export function malformedJsonError(detail: string): YangError {
  return { errorType: 'protocol', errorTag: 'malformed-message', errorMessage: `malformed JSON: ${detail}` };
}
