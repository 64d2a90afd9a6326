import { ParseError } from '../../errors';

/** A GML value: a number, a string, or a list of key/value pairs (with the line where it started). */
export type GmlValue = number | string | GmlList;
export interface GmlEntry {
  readonly key: string;
  readonly value: GmlValue;
  readonly line: number;
}
export interface GmlList {
  readonly entries: GmlEntry[];
  readonly line: number;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Token = {
  readonly kind: 'word' | 'string' | 'open' | 'close';
  readonly text: string;
  readonly line: number;
};

function* tokens(text: string): Generator<Token> {
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === ']') {
      yield { kind: c === '[' ? 'open' : 'close', text: c, line };
      i++;
    } else if (c === '"') {
      const start = line;
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new ParseError('gml', 'unterminated string', { line: start });
      const s = text.slice(i + 1, end);
      line += s.split('\n').length - 1;
      yield { kind: 'string', text: s, line: start };
      i = end + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s[\]"]/.test(text[j]!)) j++;
      yield { kind: 'word', text: text.slice(i, j), line };
      i = j;
    }
  }
}

/** Parses GML text into nested lists, naming the line of any syntax error. */
export function parseGml(text: string): GmlList {
  const root: GmlList = { entries: [], line: 1 };
  const stack: GmlList[] = [root];
  let key: Token | undefined;
  for (const t of tokens(text)) {
    const top = stack[stack.length - 1]!;
    if (key === undefined) {
      if (t.kind === 'close') {
        if (stack.length === 1)
          throw new ParseError('gml', "unexpected ']' with no open list", { line: t.line });
        stack.pop();
        continue;
      }
      if (t.kind !== 'word' || !KEY.test(t.text)) {
        throw new ParseError('gml', `expected a key, found '${t.text.slice(0, 40)}'`, { line: t.line });
      }
      key = t;
      continue;
    }
    if (t.kind === 'open') {
      const list: GmlList = { entries: [], line: t.line };
      top.entries.push({ key: key.text, value: list, line: key.line });
      stack.push(list);
    } else if (t.kind === 'string') {
      top.entries.push({ key: key.text, value: t.text, line: key.line });
    } else if (t.kind === 'word' && NUMBER.test(t.text)) {
      top.entries.push({ key: key.text, value: Number(t.text), line: key.line });
    } else {
      throw new ParseError('gml', `value of '${key.text}' is not a number, string or list: '${t.text}'`, {
        line: t.line,
      });
    }
    key = undefined;
  }
  if (key !== undefined) throw new ParseError('gml', `key '${key.text}' has no value`, { line: key.line });
  if (stack.length > 1) {
    throw new ParseError('gml', `list opened here is never closed with ']'`, {
      line: stack[stack.length - 1]!.line,
    });
  }
  return root;
}

export const gmlGet = (list: GmlList, key: string): GmlValue | undefined =>
  list.entries.find((e) => e.key === key)?.value;
