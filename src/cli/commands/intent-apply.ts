import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { dump as dumpYaml, loadAll as loadAllYaml, YAMLException } from 'js-yaml';
import { UsageError } from '../cli-error';

/** One intent read from a file, with where it came from (for error messages and the summary). */
export interface SourcedIntent {
  readonly file: string;
  readonly index: number;
  readonly body: Record<string, unknown>;
}

export type ApplyOutcome = 'created' | 'updated' | 'unchanged' | 'refused' | 'planned';

export interface ApplyRow {
  readonly name: string;
  readonly file: string;
  readonly outcome: ApplyOutcome;
  readonly status?: string;
  readonly reason?: string;
  readonly errorPath?: string;
  readonly httpStatus?: number;
}

const INTENT_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The intent files named by `-f`: a file as it is, a directory's .yaml/.yml/.json files in name order. */
export function intentFiles(path: string): string[] {
  const st = statSync(path);
  if (!st.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((f) => INTENT_EXTENSIONS.has(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(path, f));
  if (files.length === 0) throw new UsageError(`${path}: directory holds no .yaml, .yml or .json file`);
  return files;
}

/** Where in `text` a character offset lies, 1-based. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const at = m ? lineColumn(text, Number(m[1])) : undefined;
    const where = at ? `:${at.line}:${at.column}` : '';
    throw new UsageError(
      `${file}${where}: invalid JSON: ${(err as Error).message.replace(/ in JSON.*$/, '')}`,
    );
  }
}

function parseYaml(file: string, text: string): unknown[] {
  try {
    return loadAllYaml(text);
  } catch (err) {
    if (err instanceof YAMLException) {
      const { line, column } = err.mark ?? { line: -1, column: -1 };
      const where = line >= 0 ? `:${line + 1}:${column + 1}` : '';
      throw new UsageError(`${file}${where}: invalid YAML: ${err.reason}`);
    }
    throw err;
  }
}

/** Intents in one YAML or JSON file: one object, a list, or several YAML documents. */
export function readIntents(file: string): SourcedIntent[] {
  const text = readFileSync(file, 'utf8');
  const docs = extname(file).toLowerCase() === '.json' ? [parseJson(file, text)] : parseYaml(file, text);
  const items = docs
    .flatMap((d) => (Array.isArray(d) ? (d as unknown[]) : [d]))
    .filter((d) => d !== null && d !== undefined);
  return items.map((d, i) => {
    if (typeof d !== 'object' || typeof (d as Record<string, unknown>)['name'] !== 'string') {
      throw new UsageError(`${file}: intent #${i + 1} is not an object with a string 'name'`);
    }
    return { file, index: i, body: d as Record<string, unknown> };
  });
}

/** Every intent under `path`; two intents with one name anywhere in the set are refused before any is sent. */
export function readIntentSet(path: string): SourcedIntent[] {
  const all = intentFiles(path).flatMap(readIntents);
  const seen = new Map<string, SourcedIntent>();
  for (const s of all) {
    const name = String(s.body['name']);
    const first = seen.get(name);
    if (first)
      throw new UsageError(
        `${s.file}: intent '${name}' (#${s.index + 1}) is also defined in ${first.file} (#${first.index + 1})`,
      );
    seen.set(name, s);
  }
  return all;
}

export type OutputFormat = 'table' | 'wide' | 'json' | 'yaml';

/** The per-intent summary: a table (REASON cut to one line unless wide), or JSON/YAML for machines. */
export function formatApply(rows: readonly ApplyRow[], format: OutputFormat): string {
  if (format === 'json') return JSON.stringify({ results: rows }, null, 2);
  if (format === 'yaml') return dumpYaml({ results: rows }).trimEnd();
  const wide = format === 'wide';
  const header = wide
    ? ['NAME', 'RESULT', 'STATUS', 'FILE', 'REASON']
    : ['NAME', 'RESULT', 'STATUS', 'REASON'];
  const lines = [header];
  for (const r of rows) {
    const reason = (r.reason ?? '') + (r.errorPath ? ` (at ${r.errorPath})` : '');
    const short = wide || reason.length <= 100 ? reason : `${reason.slice(0, 97)}...`;
    lines.push(
      wide ? [r.name, r.outcome, r.status ?? '', r.file, short] : [r.name, r.outcome, r.status ?? '', short],
    );
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const body = lines.map((l) =>
    l
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  const refused = rows.filter((r) => r.outcome === 'refused').length;
  body.push('', `${rows.length} intent(s): ${rows.length - refused} applied, ${refused} refused`);
  return body.join('\n');
}
