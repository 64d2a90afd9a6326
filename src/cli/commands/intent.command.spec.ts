import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli-error';
import { ApiError, eventLine, table } from './intent.command';
import { formatApply, readIntents, readIntentSet } from './intent-apply';

const readIntentFile = (f: string): Record<string, unknown>[] => readIntents(f).map((s) => s.body);

const dir = mkdtempSync(join(tmpdir(), 'autonet-intent-cli-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('intent command helpers', () => {
  it('reads one intent, a list, or several YAML documents; JSON too', () => {
    expect(readIntentFile(file('one.yaml', 'name: a\nkind: connectivity\n')).map((i) => i.name)).toEqual([
      'a',
    ]);
    expect(readIntentFile(file('two.yaml', 'name: a\n---\nname: b\n')).map((i) => i.name)).toEqual([
      'a',
      'b',
    ]);
    expect(readIntentFile(file('list.json', '[{"name":"x"},{"name":"y"}]')).map((i) => i.name)).toEqual([
      'x',
      'y',
    ]);
    expect(() => readIntentFile(file('bad.yaml', '- 3\n'))).toThrow(UsageError);
  });

  it('formats SSE status events as one line each', () => {
    const block =
      'event: intent.status\ndata: {"intent":"a","previous":"deploying","status":"failed","reason":"D refused","at":"T"}';
    expect(eventLine(block)).toBe('T a deploying → failed (D refused)');
    expect(eventLine('event: intent.removed\ndata: {"intent":"a","at":"T"}')).toBe('T a removed');
    expect(eventLine(': keep-alive')).toBeUndefined();
  });

  it('prints intents as an aligned table', () => {
    const t = table([
      { name: 'long-name', status: 'deployed', endpoints: { a: 'A', b: 'B' }, slo: { bandwidthMbps: 5 } },
    ]);
    expect(t.split('\n')).toEqual([
      'NAME       STATUS    A  B  MBIT/S  REASON',
      'long-name  deployed  A  B  5',
    ]);
  });

  it('turns RFC 8040 error bodies into a readable message', () => {
    const e = new ApiError(400, {
      'ietf-restconf:errors': { error: [{ 'error-message': 'bad value', 'error-path': '/x:y' }] },
    });
    expect(e.message).toBe('HTTP 400: bad value (at /x:y)');
  });

  it('names the file, line and column of a YAML or JSON syntax error', () => {
    const y = file('broken.yaml', 'name: a\nkind: [connectivity\n');
    expect(() => readIntents(y)).toThrow(new RegExp(`${y}:\\d+:\\d+: invalid YAML`));
    const j = file('broken.json', '{\n  "name": "a",\n  oops\n}');
    expect(() => readIntents(j)).toThrow(new RegExp(`${j}:3:3: invalid JSON`));
  });

  it('reads a directory of intent files in name order and refuses a name defined twice', () => {
    const d = join(dir, 'set');
    mkdirSync(d);
    writeFileSync(join(d, 'b.yaml'), 'name: two\n---\nname: three\n');
    writeFileSync(join(d, 'a.json'), '{"name":"one"}');
    writeFileSync(join(d, 'notes.txt'), 'not an intent');
    expect(readIntentSet(d).map((s) => s.body['name'])).toEqual(['one', 'two', 'three']);
    writeFileSync(join(d, 'c.yml'), 'name: one\n');
    expect(() => readIntentSet(d)).toThrow(/intent 'one' .* also defined in .*a\.json/);
  });

  it('summarises an apply per intent, with the refusal reason and a count', () => {
    const rows = [
      { name: 'a', file: 'f.yaml', outcome: 'created' as const, status: 'deployed' },
      { name: 'b', file: 'f.yaml', outcome: 'refused' as const, reason: 'no path', errorPath: 'slo' },
    ];
    const text = formatApply(rows, 'table').split('\n');
    expect(text[0]).toMatch(/^NAME\s+RESULT\s+STATUS\s+REASON$/);
    expect(text[2]).toMatch(/^b\s+refused\s+no path \(at slo\)$/);
    expect(text.at(-1)).toBe('2 intent(s): 1 applied, 1 refused');
    expect(JSON.parse(formatApply(rows, 'json'))).toEqual({ results: rows });
  });
});
