/**
 * A strict JSON reader for request bodies. `JSON.parse` silently keeps the last of duplicate keys, turns
 * `__proto__` into an own property that later spreads or merges may treat as a prototype, and accepts any
 * nesting depth (which crashed later recursive code with 500s). This scanner walks the text once, iteratively
 * (no recursion, so no stack overflow on hostile depth), and refuses those with the JSON path of the place.
 */

export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class StrictJsonError extends Error {
  override readonly name = 'StrictJsonError';
  constructor(
    message: string,
    /** JSON Pointer (RFC 6901) of the offending place, `/` for the document. */
    readonly pointer: string,
  ) {
    super(message);
  }
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly keys: Set<string>;
  /** The key (object) or next index (array) under which the current value sits. */
  at: string | number;
}

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const pointerOf = (stack: readonly Frame[], extra?: string): string => {
  const parts = stack.map((f) => escapePointer(String(f.at)));
  if (extra !== undefined) parts[parts.length - 1] = escapePointer(extra);
  return `/${parts.join('/')}`;
};

/** Parses `text` as JSON, refusing duplicate keys, prototype keys and nesting deeper than `maxDepth`. */
export function parseStrictJson(text: string, maxDepth: number = MAX_JSON_DEPTH): unknown {
  checkStructure(text, maxDepth);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new StrictJsonError(`invalid JSON: ${(err as Error).message}`, '/');
  }
}

/** One pass over the text: depth, keys. Malformed JSON is left for JSON.parse to report. */
function checkStructure(text: string, maxDepth: number): void {
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth)
        throw new StrictJsonError(`nesting deeper than ${maxDepth} levels`, pointerOf(stack));
      stack.push({ kind: c === 0x7b ? 'object' : 'array', keys: new Set(), at: c === 0x7b ? '' : 0 });
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.at = (top.at as number) + 1;
      expectKey = top?.kind === 'object';
    } else if (c === 0x22 /* " */) {
      const end = endOfString(text, i);
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === 'object') {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return; // malformed: JSON.parse reports it
        }
        if (FORBIDDEN_KEYS.has(key))
          throw new StrictJsonError(`member name '${key}' is not allowed`, pointerOf(stack, key));
        if (top.keys.has(key)) throw new StrictJsonError(`duplicate member '${key}'`, pointerOf(stack, key));
        top.keys.add(key);
        top.at = key;
        expectKey = false;
      }
      i = end;
    }
  }
}

/** Index of the quote closing the string that opens at `start` (or the text's end when unterminated). */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return text.length;
}
