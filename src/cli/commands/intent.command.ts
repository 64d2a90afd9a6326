import { Option } from 'commander';
import type { Command } from 'commander';
import { authHeader } from './auth-header';
import { formatApply, readIntentSet } from './intent-apply';
import type { ApplyRow, OutputFormat, SourcedIntent } from './intent-apply';

const DEFAULT_SERVER = 'http://127.0.0.1:8080';

/** A non-2xx answer from the controller; the message is its RFC 8040 error-message(s). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}: ${describeErrors(body)}`);
  }
}

function describeErrors(body: unknown): string {
  const errors = (body as { 'ietf-restconf:errors'?: { error?: Record<string, unknown>[] } })?.[
    'ietf-restconf:errors'
  ]?.error;
  if (!errors) return typeof body === 'string' ? body : JSON.stringify(body);
  return errors
    .map(
      (e) =>
        `${typeof e['error-message'] === 'string' ? e['error-message'] : JSON.stringify(e)}${typeof e['error-path'] === 'string' ? ` (at ${e['error-path']})` : ''}`,
    )
    .join('; ');
}

export async function call(server: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(new URL(path, server), {
    method,
    headers: { ...authHeader(), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed: unknown = text === '' ? undefined : safeJson(text);
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed;
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const serverOf = (cmd: Command): string =>
  cmd.optsWithGlobals<{ server?: string }>().server ?? DEFAULT_SERVER;
const out = (v: unknown): void => {
  process.stdout.write(`${typeof v === 'string' ? v : JSON.stringify(v, null, 2)}\n`);
};

/** `autonet intent apply|get|list|delete|watch` against a running controller. */
export function registerIntentCommand(program: Command): void {
  const intent = program
    .command('intent')
    .description('submit and manage intents on a running controller')
    .option('--server <url>', 'controller URL', DEFAULT_SERVER);

  intent
    .command('apply')
    .description('create or update the intents in YAML/JSON files or a directory (idempotent)')
    .requiredOption('-f, --file <path>', 'intent file (.yaml, .yml or .json) or a directory of them')
    .option('--dry-run', 'only plan and verify; nothing is stored or deployed')
    .addOption(
      new Option('-o, --output <format>', 'summary format').choices(['table', 'wide', 'json', 'yaml']),
    )
    .action(async (opts: { file: string; dryRun?: boolean; output?: OutputFormat }, cmd: Command) => {
      const rows: ApplyRow[] = [];
      for (const item of readIntentSet(opts.file))
        rows.push(await applyOne(serverOf(cmd), item, opts.dryRun));
      out(formatApply(rows, opts.output ?? 'table'));
      if (rows.some((r) => r.outcome === 'refused')) process.exitCode = 1;
    });

  intent
    .command('get')
    .argument('<name>')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      out(await call(serverOf(cmd), 'GET', `/api/v1/intents/${encodeURIComponent(name)}`));
    });

  intent.command('list').action(async (_opts: unknown, cmd: Command) => {
    const { intents } = (await call(serverOf(cmd), 'GET', '/api/v1/intents')) as { intents: IntentRow[] };
    out(table(intents));
  });

  intent
    .command('delete')
    .argument('<name>')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      await call(serverOf(cmd), 'DELETE', `/api/v1/intents/${encodeURIComponent(name)}`);
      out(`intent ${name} deleted`);
    });

  intent
    .command('watch')
    .description('print intent status changes as they happen (Ctrl-C to stop)')
    .action(async (_opts: unknown, cmd: Command) => {
      await watch(serverOf(cmd), (line) => out(line));
    });
}

interface IntentRow {
  name: string;
  status: string;
  endpoints: { a: string; b: string };
  slo: { bandwidthMbps: number };
  reason?: string;
}

export function table(rows: readonly IntentRow[]): string {
  const lines = [['NAME', 'STATUS', 'A', 'B', 'MBIT/S', 'REASON']];
  for (const r of rows)
    lines.push([r.name, r.status, r.endpoints.a, r.endpoints.b, String(r.slo.bandwidthMbps), r.reason ?? '']);
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines
    .map((l) =>
      l
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Follows the server-sent event stream, calling `print` with one line per status change. */
export function watch(server: string, print: (line: string) => void, signal?: AbortSignal): Promise<void> {
  return followEvents(server, '/api/v1/intents/events', (block) => eventLine(block), print, signal);
}

/**
 * Follows a server-sent event stream of the controller, turning each event block into at most one line with
 * `toLine` and printing it, until the stream ends or `signal` aborts.
 */
export async function followEvents(
  server: string,
  path: string,
  toLine: (block: string) => string | undefined,
  print: (line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const res = await fetch(new URL(path, server), {
    headers: { ...authHeader(), accept: 'text/event-stream' },
    ...(signal && { signal }),
  });
  if (!res.ok || !res.body) throw new ApiError(res.status, await res.text());
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const line = toLine(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (line) print(line);
    }
  }
}

/** One SSE event → `<time> <intent> <previous> → <status> [reason]`. */
export function eventLine(block: string): string | undefined {
  const data = block
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim())
    .join('\n');
  if (!data) return undefined;
  const e = safeJson(data) as {
    intent?: string;
    status?: string;
    previous?: string;
    reason?: string;
    at?: string;
  };
  if (!e.intent) return undefined;
  if (!e.status) return `${e.at ?? ''} ${e.intent} removed`.trim();
  return `${e.at ?? ''} ${e.intent} ${e.previous ?? '-'} → ${e.status}${e.reason ? ` (${e.reason})` : ''}`.trim();
}

const firstErrorPath = (body: unknown): string | undefined => {
  const e = (body as { 'ietf-restconf:errors'?: { error?: Record<string, unknown>[] } })?.[
    'ietf-restconf:errors'
  ]?.error?.[0];
  return typeof e?.['error-path'] === 'string' ? e['error-path'] : undefined;
};

/**
 * Applies one intent and says what happened: created (none existed), updated (its version moved),
 * unchanged, planned (dry run) or refused with the controller's reason. A refusal never stops the others.
 */
async function applyOne(server: string, item: SourcedIntent, dryRun = false): Promise<ApplyRow> {
  const name = String(item.body['name']);
  const path = `/api/v1/intents/${encodeURIComponent(name)}`;
  const base = { name, file: item.file };
  try {
    if (dryRun) {
      await call(server, 'POST', '/api/v1/intents?dryRun=true', item.body);
      return { ...base, outcome: 'planned', status: 'verified' };
    }
    const before = (await call(server, 'GET', path).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return undefined;
      throw err;
    })) as { version?: number } | undefined;
    const after = (await call(server, 'PUT', path, item.body)) as { version?: number; status?: string };
    const outcome = !before ? 'created' : before.version === after.version ? 'unchanged' : 'updated';
    return { ...base, outcome, ...(after.status && { status: after.status }) };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const errorPath = firstErrorPath(err.body);
    return {
      ...base,
      outcome: 'refused',
      httpStatus: err.status,
      reason: err.message.replace(/^HTTP \d+: /, '').replace(/ \(at [^)]*\)$/, ''),
      ...(errorPath && { errorPath }),
    };
  }
}
