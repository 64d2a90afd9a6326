import type { AffectedPolicy, PathFinder, RepairCandidate, RepairInput } from './repair.types';

/**
 * What a repair must avoid: every element of the suspect equivalence class (and every suspect), as links
 * and nodes. An id is a node when a node suspect names it, skipped when a policy suspect does, else a link.
 */
export function avoidSet(input: RepairInput): { links: string[]; nodes: string[] } {
  const kindOf = new Map(input.suspects.map((s) => [s.id, s.kind]));
  const ids = [...new Set([...input.equivalenceClass, ...input.suspects.map((s) => s.id)])].sort();
  return {
    links: ids.filter((id) => (kindOf.get(id) ?? 'link') === 'link'),
    nodes: ids.filter((id) => kindOf.get(id) === 'node'),
  };
}

function reroute(
  kind: 'reroute' | 'reroute-degraded',
  policies: readonly AffectedPolicy[],
  avoid: { links: string[]; nodes: string[] },
  findPath: PathFinder,
): RepairCandidate | null {
  if (policies.length === 0) return null;
  const moves: { policy: AffectedPolicy; segmentLists: readonly (readonly string[])[] }[] = [];
  for (const policy of policies) {
    const segmentLists = findPath({ policy, excludeLinks: avoid.links, excludeNodes: avoid.nodes });
    if (!segmentLists || segmentLists.length === 0) return null;
    moves.push({ policy, segmentLists });
  }
  const what = [...avoid.links, ...avoid.nodes].join(', ');
  return {
    kind,
    detail: `move ${moves.length} polic${moves.length === 1 ? 'y' : 'ies'} (${moves.map((m) => m.policy.key).join(', ')}) onto paths avoiding ${what}`,
    change: { reroute: moves },
    policiesMoved: moves.length,
  };
}

/** Reroute all affected policies, and (when fewer) only the degraded ones, around the whole class. */
function reroutes(input: RepairInput, findPath: PathFinder): RepairCandidate[] {
  const avoid = avoidSet(input);
  const all = reroute('reroute', input.affected, avoid, findPath);
  const degraded = input.affected.filter((p) => p.degraded);
  const some =
    degraded.length < input.affected.length ? reroute('reroute-degraded', degraded, avoid, findPath) : null;
  return [all, some].filter((c): c is RepairCandidate => c !== null);
}

/** Take the suspect link(s) out of service: only for a class made of links, and only a small one. */
function costOut(input: RepairInput): RepairCandidate[] {
  const avoid = avoidSet(input);
  if (avoid.nodes.length > 0 || avoid.links.length === 0 || avoid.links.length > 2) return [];
  return [
    {
      kind: 'cost-out',
      detail: `cost out ${avoid.links.join(', ')} (traffic follows the IGP around it)`,
      change: { costOutLinks: avoid.links },
      policiesMoved: input.affected.length,
    },
  ];
}

/**
 * Candidate repairs per fault class. Drift: re-push the intended policies (nothing to reroute: the network
 * is not broken, the headend holds the wrong thing). Telemetry gap: resync the silent NEs, never reroute (a
 * silent NE is not a dead link). Benign congestion: reroute only what is degraded. Hard and gray faults:
 * reroute around the whole suspect class, or cost the link out (the evaluator decides whether capacity holds).
 */
export function candidatesFor(input: RepairInput, findPath: PathFinder): RepairCandidate[] {
  switch (input.class) {
    case 'drift': {
      const policies = [
        ...new Set([
          ...input.suspects.filter((s) => s.kind === 'policy').map((s) => s.id),
          ...input.affected.map((p) => p.key),
        ]),
      ].sort();
      return policies.length === 0
        ? []
        : [
            {
              kind: 're-push',
              detail: `re-push the deployed ${policies.join(', ')}`,
              change: {},
              repush: policies,
              policiesMoved: 0,
            },
          ];
    }
    case 'telemetry-gap': {
      const nodes = [...new Set(input.suspects.filter((s) => s.kind === 'node').map((s) => s.id))].sort();
      return nodes.length === 0
        ? []
        : [
            {
              kind: 'resync',
              detail: `resynchronise telemetry from ${nodes.join(', ')}`,
              change: {},
              resync: nodes,
              policiesMoved: 0,
            },
          ];
    }
    case 'congestion': {
      const degraded = input.affected.filter((p) => p.degraded);
      const c = reroute('reroute-degraded', degraded, avoidSet(input), findPath);
      return c ? [c] : [];
    }
    case 'link-down':
    case 'node-down':
      return reroutes(input, findPath);
    case 'gray-loss':
    case 'latency':
    case 'crc':
    case 'flap':
      return [...reroutes(input, findPath), ...costOut(input)];
  }
}
