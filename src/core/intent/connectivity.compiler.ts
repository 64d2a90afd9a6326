import { InfeasibleError, InvalidIntentError } from '../errors';
import type { BlockingConstraint } from '../errors';
import type { ArcId, NodeId } from '../model/ids';
import type { ConnectivityIntentSpec, PlannedPolicy, Protection, Reservation } from '../model/intent';
import type { ComputedPath, Disjointness, PathMetric, PathQuery } from '../pathcomp';
import { lookupNode } from '../topology';
import { colorOf, isolationRank } from './color';
import type {
  CompileInput,
  CompiledIntent,
  DirectionExplanation,
  IntentCompiler,
  PathEngineLike,
  PathSummary,
} from './intent-compiler';

const DISJOINTNESS: Readonly<Record<Protection, Disjointness | undefined>> = {
  none: undefined,
  'link-disjoint': 'link',
  'node-disjoint': 'node',
  'srlg-disjoint': 'srlg',
};

/** Preferences of the candidate paths (RFC 9256: higher is preferred). */
export const PRIMARY_PREFERENCE = 200;
export const BACKUP_PREFERENCE = 100;

/** Policies of an intent are named `<intent>-ab` (headend a) and `<intent>-ba` (headend b). */
export const policyName = (intent: string, direction: 'ab' | 'ba'): string => `${intent}-${direction}`;

/**
 * Connectivity intent → two SR policies (a→b at a, b→a at b), each with a primary candidate path and, when
 * protection is asked, a disjoint backup computed jointly with it (one disjoint query), and bandwidth
 * reservations on every arc either path uses (dedicated protection: the backup's bandwidth is held too).
 */
export class ConnectivityCompiler implements IntentCompiler<ConnectivityIntentSpec> {
  readonly kind = 'connectivity' as const;

  compile(input: CompileInput<ConnectivityIntentSpec>): CompiledIntent {
    const { spec } = input;
    checkSemantics(input);
    const engine = input.engine({ freeMbps: input.freeMbps });
    const metric: PathMetric = spec.slo.maxDelayUs !== undefined ? 'delay' : 'te';
    const color = colorOf(spec);
    const { a, b } = spec.endpoints;
    const ab = this.direction(input, engine, metric, color, a, b, 'ab');
    const ba = this.direction(input, engine, metric, color, b, a, 'ba');
    const reservations = reservationsOf(spec.name, input.pool, spec.slo.bandwidthMbps, [
      ...ab.arcs,
      ...ba.arcs,
    ]);
    const protectedText = spec.sle.protection === 'none' ? 'unprotected' : `${spec.sle.protection} protected`;
    return {
      plan: { policies: [ab.policy, ba.policy], reservations },
      explain: {
        summary:
          `${spec.slo.bandwidthMbps} Mbit/s ${protectedText} between ${a} and ${b} in pool '${input.pool}': ` +
          `${a}→${b} via ${ab.explain.primary.nodes.length - 1} hops (${ab.explain.primary.delayUs} µs), ` +
          `${b}→${a} via ${ba.explain.primary.nodes.length - 1} hops (${ba.explain.primary.delayUs} µs)`,
        pool: input.pool,
        color,
        metric,
        directions: [ab.explain, ba.explain],
        reservedArcs: new Set(reservations.map((r) => r.arc)).size,
      },
    };
  }

  private direction(
    input: CompileInput<ConnectivityIntentSpec>,
    engine: PathEngineLike,
    metric: PathMetric,
    color: number,
    from: NodeId,
    to: NodeId,
    dir: 'ab' | 'ba',
  ): { policy: PlannedPolicy; explain: DirectionExplanation; arcs: ArcId[] } {
    const { spec } = input;
    const disjoint = DISJOINTNESS[spec.sle.protection];
    const query: PathQuery = {
      id: `${spec.name}:${from}->${to}`,
      from,
      to,
      metric,
      bandwidthMbps: spec.slo.bandwidthMbps,
      ...(spec.slo.maxDelayUs !== undefined && { maxDelayUs: spec.slo.maxDelayUs }),
      ...(disjoint !== undefined && { disjoint }),
    };
    const result = engine.compute(query);
    if (!result.ok) {
      if (result.error.code === 'UNKNOWN_NODE' || result.error.code === 'INVALID_QUERY') {
        throw new InvalidIntentError(`intent '${spec.name}': ${result.error.message}`, {
          element: spec.name,
        });
      }
      throw infeasible(spec.name, from, to, result.error.message, result.error.blocking);
    }
    const [primary, backup] = result.paths;
    if (!primary) throw infeasible(spec.name, from, to, 'the path engine returned no path', []);
    if (disjoint !== undefined && !backup) {
      throw infeasible(spec.name, from, to, `no ${disjoint}-disjoint backup path`, [
        { constraint: 'disjoint', detail: `${spec.sle.protection} protection needs a second, disjoint path` },
      ]);
    }
    const name = policyName(spec.name, dir);
    const paths = [
      candidate(primary, PRIMARY_PREFERENCE, 'primary'),
      ...(disjoint !== undefined && backup ? [candidate(backup, BACKUP_PREFERENCE, 'backup')] : []),
    ];
    const policy: PlannedPolicy = {
      name,
      headend: from,
      endpoint: to,
      endpointSid: input.sids.endSid(to).sid,
      color,
      candidatePaths: paths,
    };
    const explain: DirectionExplanation = {
      headend: from,
      endpoint: to,
      policy: name,
      primary: summary(primary),
      ...(disjoint !== undefined && backup && { backup: summary(backup) }),
      binding: result.explain?.binding ?? [],
    };
    const arcs = [...primary.arcs, ...(disjoint !== undefined && backup ? backup.arcs : [])];
    return { policy, explain, arcs };
  }
}

function checkSemantics(input: CompileInput<ConnectivityIntentSpec>): void {
  const { spec, topology, slice } = input;
  const where = `intent '${spec.name}'`;
  for (const end of ['a', 'b'] as const) {
    const node = spec.endpoints[end];
    if (!topology.hasNode(node)) {
      const found = lookupNode(topology, String(node));
      const hint = found.ok
        ? `; it is the display name of node '${found.id}': use the id`
        : found.suggestions.length > 0
          ? `; did you mean ${found.suggestions.map((n) => `'${n}'`).join(' or ')}?`
          : '';
      throw new InvalidIntentError(
        `${where}: endpoint ${end} '${String(node)}' is not a node of the topology${hint}`,
        {
          element: node,
          path: `endpoints/${end}`,
        },
      );
    }
  }
  if (spec.endpoints.a === spec.endpoints.b) {
    throw new InvalidIntentError(`${where}: endpoints a and b are the same node`, { path: 'endpoints' });
  }
  if (!(spec.slo.bandwidthMbps > 0) || !Number.isFinite(spec.slo.bandwidthMbps)) {
    throw new InvalidIntentError(`${where}: bandwidth must be a positive number of Mbit/s`, {
      path: 'slo/bandwidth-mbps',
    });
  }
  // Hard isolation needs a slice to hold its bandwidth; soft isolation without one means its own service class
  // (color) in the shared pool; with a slice, the slice must be at least as isolated as the intent asks.
  const sliceRank = slice ? isolationRank(slice.isolation) : isolationRank('soft');
  if (isolationRank(spec.sle.isolation) > sliceRank) {
    throw new InvalidIntentError(
      `${where}: isolation '${spec.sle.isolation}' needs a slice with at least that isolation` +
        (slice ? ` (slice '${slice.name}' is '${slice.isolation}')` : ''),
      { path: 'sle/isolation' },
    );
  }
}

function candidate(
  path: ComputedPath,
  preference: number,
  role: 'primary' | 'backup',
): PlannedPolicy['candidatePaths'][number] {
  return {
    preference,
    role,
    nodes: path.nodes,
    links: path.links,
    segments: path.segments.map((s) => ({
      sid: s.sid,
      behavior: s.behavior,
      node: s.node,
      ...(s.link !== undefined && { link: s.link }),
    })),
    delayUs: path.delayUs,
    metric: path.metric,
  };
}

function summary(path: ComputedPath): PathSummary {
  return { nodes: path.nodes, delayUs: path.delayUs, metric: path.metric, hops: path.hops };
}

/** One reservation per arc used by any candidate path (an arc is never counted twice). */
export function reservationsOf(
  intent: string,
  pool: string,
  mbps: number,
  arcs: Iterable<ArcId>,
): Reservation[] {
  return [...new Set(arcs)].sort().map((arc) => ({ intent, arc, pool, mbps }));
}

function infeasible(
  intent: string,
  from: NodeId,
  to: NodeId,
  message: string,
  blocking: readonly BlockingConstraint[],
): InfeasibleError {
  const first = blocking[0];
  const because = first ? `: blocked by ${first.constraint} (${first.detail})` : '';
  return new InfeasibleError(`intent '${intent}': no path ${from}→${to}: ${message}${because}`, blocking);
}
