import { readFileSync } from 'node:fs';
import type { LiveOptimizeResult } from '../../app/optimize';
import { UsageError } from '../cli-error';
import { call } from './intent.command';

interface ServerOptimizeOptions {
  readonly demands?: string;
  readonly gravity?: number | true;
  readonly maxSegments: number;
  readonly json?: boolean;
}

/**
 * `autonet optimize --server URL`: the controller optimises its live network (POST /api/v1/optimize) and the
 * result prints like a local run, with where the demands came from and what the live network left out.
 */
export async function optimizeOnServer(server: string, opts: ServerOptimizeOptions): Promise<void> {
  const body = {
    maxSegments: opts.maxSegments,
    ...(opts.demands !== undefined && { demands: demandFile(opts.demands) }),
    ...(opts.gravity !== undefined &&
      opts.demands === undefined && { gravity: opts.gravity === true ? 0.05 : opts.gravity }),
  };
  const r = (await call(server, 'POST', '/api/v1/optimize', body)) as LiveOptimizeResult;
  process.stdout.write(opts.json ? `${JSON.stringify(serverJson(r))}\n` : describeLive(r));
}

/** A JSON demand file (a list of {from, to, mbps}, or {"demands": [...]}); the controller checks the nodes. */
function demandFile(file: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  if (/^\s*DEMANDS\b/.test(text))
    throw new UsageError(
      `optimize --server: ${file} is a REPETITA demand file (node numbers only mean something beside its topology file); give JSON demands [{"from","to","mbps"}] by node id or name`,
    );
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`optimize --server: ${file}: not JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(doc) ? doc : (doc as { demands?: unknown } | null)?.demands;
  if (!Array.isArray(list))
    throw new UsageError(
      `optimize --server: ${file}: expected a list of {from, to, mbps} or {"demands": [...]}`,
    );
  return list;
}

/** The local run's JSON contract (mlu, ecmpMlu, lowerBound, demands) plus what only a live run knows. */
export function serverJson(r: LiveOptimizeResult): object {
  return {
    mlu: r.mlu,
    ecmpMlu: r.ecmpMlu,
    lowerBound: r.lowerBound,
    demands: r.demands.map((d) => ({ from: d.from, to: d.to, mbps: d.mbps, segments: d.segments })),
    demandSource: r.demandSource,
    unplaced: r.unplaced,
    network: r.network,
  };
}

const SOURCE = {
  request: 'from the demand file',
  gravity: 'gravity model',
  twin: 'measured by the twin (IGP-routed traffic)',
  topology: 'shipped with the topology',
} as const;

export function describeLive(r: LiveOptimizeResult): string {
  const moved = r.demands.filter((d) => d.waypoints.length > 0).length;
  const n = r.network;
  const lines = [
    `MLU          ${r.mlu.toFixed(4)}${r.hottestArc ? ` (hottest arc ${r.hottestArc})` : ''}  of free capacity`,
    `ECMP MLU     ${r.ecmpMlu.toFixed(4)}`,
    `lower bound  none (not computed on the server; run locally with --topology for the LP bound)`,
    `demands      ${r.demands.length} ${SOURCE[r.demandSource]}, ${moved} steered through waypoints (${r.iterations} moves)`,
    `network      ${n.links} links up${n.linksLeftOut > 0 ? `, ${n.linksLeftOut} left out (down)` : ''}${n.downNodes.length > 0 ? `, nodes down: ${n.downNodes.join(', ')}` : ''}; ${Math.round(n.reservedMbps)} Mbit/s reserved by intents (sum over link directions)`,
  ];
  if (r.unplaced.length > 0)
    lines.push(
      `unplaced     ${r.unplaced.length} (endpoint down or cut off): ${r.unplaced
        .slice(0, 5)
        .map((d) => `${d.from}→${d.to}`)
        .join(', ')}${r.unplaced.length > 5 ? ', …' : ''}`,
    );
  return `${lines.join('\n')}\n`;
}
