import type { Command } from 'commander';
import { call } from './intent.command';
import { readIntentSet } from './intent-apply';

const DEFAULT_SERVER = 'http://127.0.0.1:8080';

interface LinkRow {
  link: string;
  from: string;
  to: string;
  status: string;
  capacityMbps: number;
  loadMbps: number;
  utilisation: number;
  delayUs: number;
  lossPct: number;
  reservedMbps: number;
  stale?: boolean;
}

export interface TwinStateBody {
  at: number;
  links: LinkRow[];
  nodes: { id: string; status: string }[];
  policies: {
    headend: string;
    name: string;
    intent: string | null;
    delayUs: number | null;
    lossPct: number | null;
    sloOk: boolean | null;
  }[];
  demands: { count: number; estimated: number };
}

export interface WhatIfBody {
  links: LinkRow[];
  intents: {
    name: string;
    sloOk: boolean;
    delayUs: number | null;
    lossPct: number | null;
    violations: { slo: string; predicted: number; bound: number }[];
  }[];
  maxUtilisation: number;
  changed: { link?: string; arc?: string; policy?: string; field: string; before: unknown; after: unknown }[];
}

/** Left-aligned text columns. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => c.padEnd(w[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const num = (x: number | null, digits = 0): string => (x === null ? '-' : x.toFixed(digits));
const verdict = (ok: boolean | null): string => (ok === null ? 'unknown' : ok ? 'ok' : 'VIOLATED');

function linkRows(links: readonly LinkRow[]): string[][] {
  return links.map((l) => [
    l.link,
    `${l.from}→${l.to}`,
    l.status + (l.stale ? ' (stale)' : ''),
    pct(l.utilisation),
    num(l.loadMbps),
    num(l.capacityMbps),
    num(l.delayUs),
    num(l.lossPct, 3),
    num(l.reservedMbps),
  ]);
}

const LINK_HEAD = [
  'LINK',
  'DIRECTION',
  'STATUS',
  'UTIL',
  'LOAD Mb/s',
  'CAP Mb/s',
  'DELAY µs',
  'LOSS %',
  'RSV Mb/s',
];

/** The readable `twin state`: down or hot directions first, then nodes not up, policies, and the matrix. */
export function formatState(s: TwinStateBody, all = false): string {
  const links = [...s.links].sort(
    (a, b) => Number(b.status === 'down') - Number(a.status === 'down') || b.utilisation - a.utilisation,
  );
  const shown = all ? links : links.slice(0, 20);
  const down = s.links.filter((l) => l.status === 'down').length;
  const out = [
    `network time ${new Date(s.at).toISOString()}: ${s.links.length} link directions (${down} down), ` +
      `${s.nodes.length} nodes, ${s.policies.length} policies, ${s.demands.count} demands (${s.demands.estimated} estimated)`,
    '',
    table(LINK_HEAD, linkRows(shown)),
  ];
  if (shown.length < links.length)
    out.push(`… ${links.length - shown.length} more (--all to show every direction)`);
  const notUp = s.nodes.filter((n) => n.status !== 'up');
  if (notUp.length > 0) out.push('', `nodes not up: ${notUp.map((n) => `${n.id} (${n.status})`).join(', ')}`);
  if (s.policies.length > 0)
    out.push(
      '',
      table(
        ['POLICY', 'INTENT', 'DELAY µs', 'LOSS %', 'SLO'],
        s.policies.map((p) => [
          `${p.headend}/${p.name}`,
          p.intent ?? '-',
          num(p.delayUs),
          num(p.lossPct, 3),
          verdict(p.sloOk),
        ]),
      ),
    );
  return out.join('\n');
}

/** The readable `twin what-if`: verdict per intent, the changes, and the hottest directions. */
export function formatWhatIf(r: WhatIfBody): string {
  const broken = r.intents.filter((i) => !i.sloOk);
  const out = [
    `max utilisation ${pct(r.maxUtilisation)}; ${broken.length} of ${r.intents.length} intents would violate their SLO`,
  ];
  if (r.intents.length > 0)
    out.push(
      '',
      table(
        ['INTENT', 'SLO', 'DELAY µs', 'LOSS %', 'VIOLATIONS'],
        r.intents.map((i) => [
          i.name,
          verdict(i.sloOk),
          num(i.delayUs),
          num(i.lossPct, 3),
          i.violations.map((v) => `${v.slo} ${v.predicted.toFixed(1)} > ${v.bound}`).join(', ') || '-',
        ]),
      ),
    );
  if (r.changed.length > 0)
    out.push(
      '',
      table(
        ['WHAT', 'FIELD', 'BEFORE', 'AFTER'],
        r.changed
          .slice(0, 40)
          .map((c) => [c.arc ?? c.link ?? c.policy ?? '', c.field, show(c.before), show(c.after)]),
      ),
    );
  const hot = [...r.links].sort((a, b) => b.utilisation - a.utilisation).slice(0, 10);
  out.push('', table(LINK_HEAD, linkRows(hot)));
  return out.join('\n');
}

const show = (v: unknown): string =>
  typeof v === 'number' ? (Math.abs(v) < 10 ? v.toFixed(3) : v.toFixed(0)) : String(v);

const collect = (v: string, acc: string[] = []): string[] => [...acc, v];

export interface WhatIfOptions {
  failLink?: string[];
  failNode?: string[];
  failSrlg?: string[];
  demandScale?: string;
  addIntent?: string[];
  removeIntent?: string[];
}

/** The what-if request body from the CLI flags (intent files read as `intent apply` reads them). */
export function whatIfBody(o: WhatIfOptions): Record<string, unknown> {
  const srlgs = o.failSrlg?.map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n)) throw new Error(`--fail-srlg: '${s}' is not an integer`);
    return n;
  });
  const scale = o.demandScale === undefined ? undefined : Number(o.demandScale);
  if (scale !== undefined && !Number.isFinite(scale))
    throw new Error(`--demand-scale: '${o.demandScale}' is not a number`);
  const intents = (o.addIntent ?? []).flatMap((f) => readIntentSet(f).map((s) => s.body));
  return {
    ...(o.failLink && { failLinks: o.failLink }),
    ...(o.failNode && { failNodes: o.failNode }),
    ...(srlgs && { failSrlgs: srlgs }),
    ...(scale !== undefined && { demandScale: scale }),
    ...(intents.length > 0 && { addIntents: intents }),
    ...(o.removeIntent && { removeIntents: o.removeIntent }),
  };
}

const out = (v: string): void => {
  process.stdout.write(`${v}\n`);
};
const serverOf = (cmd: Command): string =>
  cmd.optsWithGlobals<{ server?: string }>().server ?? DEFAULT_SERVER;

/** `autonet twin state|what-if|forecast` against a running controller. */
export function registerTwinCommand(program: Command): void {
  const twin = program
    .command('twin')
    .description("the controller's digital twin: live state, what-if and forecast")
    .option('--server <url>', 'controller URL', DEFAULT_SERVER);

  twin
    .command('state')
    .description('live network state from telemetry')
    .option('--json', 'print the API response as JSON')
    .option('--all', 'every link direction (default: the 20 most loaded or down)')
    .action(async (o: { json?: boolean; all?: boolean }, cmd: Command) => {
      const s = (await call(serverOf(cmd), 'GET', '/api/v1/twin/state')) as TwinStateBody;
      out(o.json ? JSON.stringify(s, null, 2) : formatState(s, o.all));
    });

  twin
    .command('what-if')
    .description('predict the network under failures, demand scaling and intent changes')
    .option('--fail-link <id>', 'fail a link (repeatable)', collect)
    .option('--fail-node <id>', 'fail a node (repeatable)', collect)
    .option('--fail-srlg <n>', 'fail every link of an SRLG (repeatable)', collect)
    .option('--demand-scale <f>', 'multiply every demand')
    .option('--add-intent <file>', 'add the intents of a YAML/JSON file or directory (repeatable)', collect)
    .option('--remove-intent <name>', 'remove an intent (repeatable)', collect)
    .option('--json', 'print the API response as JSON')
    .action(async (o: WhatIfOptions & { json?: boolean }, cmd: Command) => {
      const r = (await call(serverOf(cmd), 'POST', '/api/v1/twin/what-if', whatIfBody(o))) as WhatIfBody;
      out(o.json ? JSON.stringify(r, null, 2) : formatWhatIf(r));
    });

  twin
    .command('forecast')
    .description('per-direction utilisation forecast and predicted ceiling crossings')
    .option('--horizon <duration>', 'ISO 8601 duration', 'PT6H')
    .option('--json', 'print the API response as JSON')
    .action(async (o: { horizon: string; json?: boolean }, cmd: Command) => {
      const path = `/api/v1/twin/forecast?horizon=${encodeURIComponent(o.horizon)}`;
      const f = (await call(serverOf(cmd), 'GET', path)) as {
        ceiling: number;
        crossings: { link: string; from: string; to: string; at: number; utilisation: number; hi: number }[];
      };
      if (o.json) return out(JSON.stringify(f, null, 2));
      out(
        f.crossings.length === 0
          ? `no direction is forecast to cross the ${f.ceiling} ceiling within ${o.horizon}`
          : table(
              ['LINK', 'DIRECTION', 'CROSSES AT', 'UTIL', 'UPPER 95%'],
              f.crossings.map((c) => [
                c.link,
                `${c.from}→${c.to}`,
                new Date(c.at).toISOString(),
                pct(c.utilisation),
                pct(c.hi),
              ]),
            ),
      );
    });
}
