import type { Command } from 'commander';
import { call, followEvents } from './intent.command';

const DEFAULT_SERVER = 'http://127.0.0.1:8080';

interface IncidentRow {
  id: string;
  class: string;
  state: string;
  detectedAt: number;
  locatedAt: number | null;
  repairedAt: number | null;
  resolvedAt: number | null;
  equivalenceClass: string[];
  affectedIntents: string[];
  confidence: number;
  suspects: { kind: string; id: string; probability: number }[];
  actions: { at: number; kind: string; detail: string; result: string }[];
}

interface IncidentOpts {
  server?: string;
  json?: boolean;
}

const optsOf = (cmd: Command): Required<Pick<IncidentOpts, 'server'>> & IncidentOpts => {
  const o = cmd.optsWithGlobals<IncidentOpts>();
  return { ...o, server: o.server ?? DEFAULT_SERVER };
};

const out = (v: string): void => {
  process.stdout.write(`${v}\n`);
};

const time = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString().slice(11, 23));

/** One table: columns padded to their widest cell. */
export function incidentTable(rows: readonly IncidentRow[]): string {
  const lines = [
    ['ID', 'CLASS', 'STATE', 'DETECTED', 'LOCATED', 'REPAIRED', 'RESOLVED', 'SUSPECTS', 'INTENTS'],
  ];
  for (const r of rows) {
    lines.push([
      r.id,
      r.class,
      r.state,
      time(r.detectedAt),
      time(r.locatedAt),
      time(r.repairedAt),
      time(r.resolvedAt),
      r.equivalenceClass.join(',') || '-',
      r.affectedIntents.join(',') || '-',
    ]);
  }
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

/** One incident in detail: header, suspects with probabilities, then its actions in order. */
export function incidentDetail(r: IncidentRow): string {
  const lines = [
    `${r.id}  ${r.class}  ${r.state}  confidence ${r.confidence.toFixed(2)}`,
    `  detected ${time(r.detectedAt)}  located ${time(r.locatedAt)}  repaired ${time(r.repairedAt)}  resolved ${time(r.resolvedAt)}`,
    `  equivalence class: ${r.equivalenceClass.join(', ') || '-'}`,
    `  suspects: ${r.suspects.map((s) => `${s.kind} ${s.id} (${(s.probability * 100).toFixed(0)} %)`).join(', ') || '-'}`,
    `  affected intents: ${r.affectedIntents.join(', ') || '-'}`,
    ...r.actions.map((a) => `  ${time(a.at)}  ${a.kind}: ${a.detail} → ${a.result}`),
  ];
  return lines.join('\n');
}

/** `autonet incident list|get|watch|approve|reject` against a running controller. */
export function registerIncidentCommand(program: Command): void {
  const incident = program
    .command('incident')
    .description('closed-loop incidents on a running controller (detect, locate, repair)')
    .option('--server <url>', 'controller URL', DEFAULT_SERVER)
    .option('--json', 'print the API JSON instead of a table');

  incident
    .command('list')
    .description('open incidents (all with --all)')
    .option('--all', 'include resolved incidents')
    .action(async (opts: { all?: boolean }, cmd: Command) => {
      const o = optsOf(cmd);
      const body = (await call(o.server, 'GET', `/api/v1/incidents?state=${opts.all ? 'all' : 'open'}`)) as {
        incidents: IncidentRow[];
      };
      out(o.json ? JSON.stringify(body, null, 2) : incidentTable(body.incidents));
    });

  incident
    .command('get <id>')
    .description('one incident with its evidence and actions')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const o = optsOf(cmd);
      const body = (await call(
        o.server,
        'GET',
        `/api/v1/incidents/${encodeURIComponent(id)}`,
      )) as IncidentRow;
      out(o.json ? JSON.stringify(body, null, 2) : incidentDetail(body));
    });

  for (const verb of ['approve', 'reject'] as const) {
    incident
      .command(`${verb} <id>`)
      .description(verb === 'approve' ? 'apply the proposed repair (L3)' : 'decline the proposed repair (L3)')
      .action(async (id: string, _opts: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const body = (await call(
          o.server,
          'POST',
          `/api/v1/incidents/${encodeURIComponent(id)}/${verb}`,
        )) as IncidentRow;
        out(o.json ? JSON.stringify(body, null, 2) : incidentDetail(body));
      });
  }

  incident
    .command('watch')
    .description('print incident openings and state changes as they happen (Ctrl-C to stop)')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = optsOf(cmd);
      await watchIncidents(o.server, out, o.json === true);
    });
}

/** Follows /api/v1/incidents/events, printing one line per opening or change. */
export function watchIncidents(
  server: string,
  print: (line: string) => void,
  json: boolean,
  signal?: AbortSignal,
): Promise<void> {
  return followEvents(server, '/api/v1/incidents/events', (block) => eventLine(block, json), print, signal);
}

/** One SSE block → a printable line (heartbeats and comments print nothing). */
export function eventLine(block: string, json: boolean): string | undefined {
  const type = /^event: ?(.*)$/m.exec(block)?.[1];
  const data = /^data: ?(.*)$/m.exec(block)?.[1];
  if (!type || !data || !type.startsWith('incident.')) return undefined;
  if (json) return data;
  const e = JSON.parse(data) as { incident: IncidentRow; previous?: string };
  const r = e.incident;
  const move = e.previous ? `${e.previous} → ${r.state}` : r.state;
  const last = r.actions[r.actions.length - 1];
  return `${time(Date.now())}  ${r.id}  ${r.class}  ${move}  [${r.equivalenceClass.join(',')}]${last ? `  last: ${last.kind} ${last.result}` : ''}`;
}
