import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PathEngine } from '../../core/pathcomp';
import type { ComputedPath, PathQuery, PathResult } from '../../core/pathcomp';
import { SidTable } from '../../core/topology';
import { UsageError } from '../cli-error';
import { loadTopology } from '../load-topology';
import { call } from './intent.command';

interface PathOptions {
  topology?: string;
  server?: string;
  from?: string;
  to?: string;
  metric?: string;
  bandwidthMbps?: string;
  maxDelayUs?: string;
  maxHops?: string;
  excludeNodes?: string;
  excludeLinks?: string;
  excludeSrlgs?: string;
  includeAnyAffinity?: string;
  excludeAnyAffinity?: string;
  disjoint?: string;
  allowPartialDisjoint?: boolean;
  msd?: string;
  batch?: string;
  json?: boolean;
}

/**
 * `autonet path`: one constrained path query, or a JSONL batch (one result line per query line, in order).
 * Option values go to the engine unchecked, so a bad value gets the same INVALID_QUERY result as in a batch.
 * Exit status: 0 when the (single) query succeeded, 1 otherwise; a batch exits 0 once every line is answered.
 */
export function registerPathCommand(program: Command): void {
  program
    .command('path')
    .description('compute an optimal constrained SRv6 path (or disjoint pair) with its segment list')
    .option('--topology <file>', 'topology file (any supported format)')
    .option(
      '--server <url>',
      'compute on a running controller instead: its topology and the bandwidth free now (reservations included)',
    )
    .option('--from <node>', 'head-end node')
    .option('--to <node>', 'tail-end node')
    .option('--metric <metric>', 'objective: igp | te | delay | hops (default igp)')
    .option('--bandwidth-mbps <n>', 'minimum free bandwidth on every arc, Mbit/s')
    .option('--max-delay-us <n>', 'maximum end-to-end delay, µs')
    .option('--max-hops <n>', 'maximum number of hops')
    .option('--exclude-nodes <ids>', 'comma-separated nodes to avoid')
    .option('--exclude-links <ids>', 'comma-separated links to avoid')
    .option('--exclude-srlgs <numbers>', 'comma-separated SRLGs to avoid')
    .option('--include-any-affinity <names>', 'use only links with at least one of these affinities')
    .option('--exclude-any-affinity <names>', 'avoid links with any of these affinities')
    .option('--disjoint <kind>', 'also compute a backup: link | node | srlg disjoint, jointly optimal')
    .option(
      '--allow-partial-disjoint',
      'when fully disjoint paths are impossible, return the most disjoint pair',
    )
    .option('--msd <n>', 'maximum SID depth of the segment list')
    .option('--batch <file>', 'JSONL file of queries (one object per line) instead of --from/--to')
    .option('--json', 'print results as JSON (one line per result)')
    .action(async (opts: PathOptions) => {
      if (opts.server !== undefined) return onServer(opts.server, opts);
      if (opts.topology === undefined)
        throw new UsageError('path: give --topology FILE, or --server URL to use a running controller');
      const topology = loadTopology(opts.topology);
      const engine = new PathEngine(topology, SidTable.allocate(topology));
      if (opts.batch) {
        for (const result of runBatch(engine, readFileSync(opts.batch, 'utf8'))) print(result, opts.json);
        return;
      }
      const result = engine.compute(queryFromOptions(opts));
      print(result, opts.json);
      if (!result.ok) process.exitCode = 1;
    });
}

const list = (s: string | undefined): string[] | undefined =>
  s === undefined
    ? undefined
    : s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0);
const number = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

export function queryFromOptions(o: PathOptions): PathQuery {
  const q: Record<string, unknown> = {
    from: o.from,
    to: o.to,
    metric: o.metric,
    bandwidthMbps: number(o.bandwidthMbps),
    maxDelayUs: number(o.maxDelayUs),
    maxHops: number(o.maxHops),
    excludeNodes: list(o.excludeNodes),
    excludeLinks: list(o.excludeLinks),
    excludeSrlgs: list(o.excludeSrlgs)?.map(Number),
    includeAnyAffinity: list(o.includeAnyAffinity),
    excludeAnyAffinity: list(o.excludeAnyAffinity),
    disjoint: o.disjoint,
    allowPartialDisjoint: o.allowPartialDisjoint,
    msd: number(o.msd),
  };
  for (const k of Object.keys(q)) if (q[k] === undefined) delete q[k];
  return q as unknown as PathQuery;
}

/** One result per non-blank line; a line that is not a JSON object gets an INVALID_QUERY result. */
export function runBatch(engine: PathEngine, text: string): PathResult[] {
  const out: PathResult[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      const detail = `line ${i + 1}: not JSON: ${(err as Error).message}`;
      out.push({
        ok: false,
        error: {
          code: 'INVALID_QUERY',
          message: `path query: ${detail}`,
          blocking: [{ constraint: 'query', detail, elements: [`line ${i + 1}`] }],
        },
      });
      return;
    }
    out.push(engine.compute(value as PathQuery));
  });
  return out;
}

/** The same queries answered by a running controller (POST /api/v1/paths), printed as locally. */
async function onServer(server: string, opts: PathOptions): Promise<void> {
  const queries = opts.batch
    ? readFileSync(opts.batch, 'utf8')
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as unknown)
    : [queryFromOptions(opts)];
  const { results } = (await call(server, 'POST', '/api/v1/paths', { queries })) as { results: PathResult[] };
  for (const r of results) print(r, opts.json);
  if (!opts.batch && results[0]?.ok === false) process.exitCode = 1;
}

/** The CLI's JSON shape: the contract's fields in the contract's order (arc ids left out). */
export function resultJson(r: PathResult): object {
  if (!r.ok) return { id: r.id, ok: false, error: r.error };
  const paths = r.paths.map((p: ComputedPath) => ({
    nodes: p.nodes,
    links: p.links,
    metric: p.metric,
    igpCost: p.igpCost,
    delayUs: p.delayUs,
    hops: p.hops,
    segments: p.segments,
  }));
  return { id: r.id, ok: true, paths, ...(r.explain && { explain: r.explain }) };
}

function print(r: PathResult, json: boolean | undefined): void {
  process.stdout.write(json ? `${JSON.stringify(resultJson(r))}\n` : describeResult(r));
}

export function describeResult(r: PathResult): string {
  const head = r.id !== undefined ? `[${r.id}] ` : '';
  if (!r.ok) {
    const lines = [`${head}${r.error.code}: ${r.error.message}`];
    for (const b of r.error.blocking) lines.push(`  blocked by ${b.constraint}: ${b.detail}`);
    return `${lines.join('\n')}\n`;
  }
  const lines: string[] = [];
  r.paths.forEach((p, i) => {
    const role = r.paths.length > 1 ? (i === 0 ? 'primary' : 'backup') : 'path';
    lines.push(`${head}${role}: ${p.nodes.join(' → ')}`);
    lines.push(`  links ${p.links.join(', ')}`);
    lines.push(`  metric ${p.metric}  igp ${p.igpCost}  delay ${p.delayUs} µs  hops ${p.hops}`);
    lines.push(`  segments (${p.segments.length}):`);
    for (const s of p.segments)
      lines.push(`    ${s.sid}  ${s.behavior}  ${s.node}${s.link ? ` via ${s.link}` : ''}`);
  });
  for (const b of r.explain?.binding ?? []) lines.push(`  binding ${b.constraint}: ${b.detail}`);
  if (r.explain?.shared?.length) lines.push(`  shared: ${r.explain.shared.join(', ')}`);
  if (r.explain?.nextBestMetric !== undefined) lines.push(`  next best metric: ${r.explain.nextBestMetric}`);
  return `${lines.join('\n')}\n`;
}
