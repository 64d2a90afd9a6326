import { ParseError } from '../../errors';

/**
 * JSON.parse with the line of the first syntax error, for files people edit by hand. V8's messages on Node 20
 * carry no position, so on failure a small scanner walks the text to find where it stops being JSON.
 */
export function parseJsonText(text: string, format: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const at = firstSyntaxError(text);
    const line = text.slice(0, at).split('\n').length;
    const near = JSON.stringify(text.slice(at, at + 20));
    throw new ParseError(format, `not valid JSON near ${near}: ${msg.split('\n')[0]!.slice(0, 120)}`, {
      line,
    });
  }
}

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super('json syntax');
  }
}

/** Offset of the first character where `text` stops being valid JSON (text.length if it ends too early). */
export function firstSyntaxError(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const list = (close: string, item: () => void): void => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
      } else if (text[i] === close) {
        i++;
        return;
      } else fail();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{')
      list('}', () => {
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    else if (c === '[') list(']', value);
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (err) {
    // A RangeError here is nesting deeper than the stack: report the start rather than crash.
    return err instanceof SyntaxAt ? Math.min(err.offset, text.length) : 0;
  }
}
