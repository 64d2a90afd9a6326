import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli-error';
import { ApiError, eventLine, readIntentFile, table } from './intent.command';

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
});
