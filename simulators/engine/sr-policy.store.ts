import { formatIpv6, parseIpv6 } from '../../src/core/model/ipv6';
import type { SimSidTable } from './sim-sid.table';
import type { SimSetResult, SrPolicyJson } from '../sim-source';
import type { SimNetwork } from './sim-network';

/** A segment resolved against the network's own SIDs (SimSidTable): End (reach the node) or End.X (reach the node, cross the arc). */
export interface ResolvedSegment {
  readonly node: number;
  /** The adjacency an End.X SID crosses, or -1 for End. */
  readonly arc: number;
}

export interface ResolvedSegmentList {
  readonly weight: number;
  readonly segments: readonly ResolvedSegment[];
}

export interface InstalledPolicy {
  readonly json: SrPolicyJson;
  readonly headend: number;
  readonly endpoint: number;
  /** Candidate paths, most preferred first. */
  readonly candidatePaths: readonly {
    readonly preference: number;
    readonly lists: readonly ResolvedSegmentList[];
  }[];
}

type Resolved = { ok: true; policy: InstalledPolicy } | { ok: false; message: string };

/**
 * SR policies installed on the simulated headends (RFC 9256 shape, as received in gNMI Set). `set` inserts or
 * replaces policies by name and leaves the headend's other policies alone; every SID must exist in the network.
 */
export class SrPolicyStore {
  private readonly byHeadend = new Map<number, Map<string, InstalledPolicy>>();
  /** Bumped on every change, so the engine knows when to re-steer traffic. */
  version = 0;

  constructor(
    private readonly net: SimNetwork,
    private readonly sids: SimSidTable,
  ) {}

  set(headend: string, policies: readonly SrPolicyJson[]): SimSetResult {
    const h = this.net.nodeIndex(headend);
    if (h === undefined) return { ok: false, message: `sr-policy: unknown headend '${headend}'` };
    const resolved: InstalledPolicy[] = [];
    for (const [i, p] of policies.entries()) {
      const r = this.resolve(h, p, `policy[${i}]`);
      if (!r.ok) return r;
      resolved.push(r.policy);
    }
    let table = this.byHeadend.get(h);
    if (!table) this.byHeadend.set(h, (table = new Map<string, InstalledPolicy>()));
    for (const p of resolved) table.set(p.json.name, p);
    this.version++;
    return { ok: true };
  }

  /** Resolves a policy without installing it (for on-request probes). */
  check(
    headend: string,
    policy: SrPolicyJson,
  ): { ok: true; policy: InstalledPolicy } | { ok: false; message: string } {
    const h = this.net.nodeIndex(headend);
    if (h === undefined) return { ok: false, message: `sr-policy: unknown headend '${headend}'` };
    return this.resolve(h, policy, 'policy');
  }

  delete(headend: string, name: string): SimSetResult {
    const h = this.net.nodeIndex(headend);
    const table = h === undefined ? undefined : this.byHeadend.get(h);
    if (!table?.delete(name)) return { ok: false, message: `sr-policy: no policy '${name}' on '${headend}'` };
    this.version++;
    return { ok: true };
  }

  get(headend: number, name: string): InstalledPolicy | undefined {
    return this.byHeadend.get(headend)?.get(name);
  }

  count(headend: number): number {
    return this.byHeadend.get(headend)?.size ?? 0;
  }

  /** Policies of one headend in name order. */
  list(headend: number): InstalledPolicy[] {
    const table = this.byHeadend.get(headend);
    return table ? [...table.values()].sort((a, b) => (a.json.name < b.json.name ? -1 : 1)) : [];
  }

  all(): InstalledPolicy[] {
    return [...this.byHeadend.keys()].sort((a, b) => a - b).flatMap((h) => this.list(h));
  }

  /** Canonical text of a SID, or undefined when it is not an IPv6 address. */
  static canonical(sid: string): string | undefined {
    try {
      return formatIpv6(parseIpv6(sid));
    } catch {
      return undefined;
    }
  }

  private resolve(h: number, p: SrPolicyJson, where: string): Resolved {
    const fail = (path: string, msg: string): Resolved => ({
      ok: false,
      message: `sr-policy: ${path}: ${msg}`,
    });
    if (typeof p?.name !== 'string' || p.name.length === 0)
      return fail(`${where}.name`, 'must be a non-empty string');
    const at = `policy '${p.name}'`;
    if (p.headend !== this.net.nodeIds[h]) return fail(`${at} headend`, `'${p.headend}' is not this headend`);
    const endpoint = this.endpointNode(p.endpoint);
    if (endpoint === undefined)
      return fail(`${at} endpoint`, `'${p.endpoint}' is neither a node nor one of its SIDs`);
    if (!isList(p['candidate-path'])) return fail(`${at} candidate-path`, 'must be a list');
    const cps = [];
    for (const [ci, cp] of p['candidate-path'].entries()) {
      const lists: ResolvedSegmentList[] = [];
      if (!isList(cp['segment-list']))
        return fail(`${at} candidate-path[${ci}].segment-list`, 'must be a list');
      for (const [li, sl] of cp['segment-list'].entries()) {
        const path = `${at} candidate-path[${ci}].segment-list[${li}]`;
        if (!(sl.weight > 0)) return fail(`${path}.weight`, 'must be positive');
        if (!isList(sl.segment) || sl.segment.length === 0)
          return fail(`${path}.segment`, 'must not be empty');
        const segments: ResolvedSegment[] = [];
        for (const seg of [...sl.segment].sort((a, b) => a.index - b.index)) {
          const s = this.segment(seg.sid);
          if (!s)
            return fail(
              `${path}.segment[index=${seg.index}].sid`,
              `'${seg.sid}' is not a SID of this network`,
            );
          segments.push(s);
        }
        lists.push({ weight: sl.weight, segments });
      }
      cps.push({ preference: cp.preference, lists });
    }
    cps.sort((a, b) => b.preference - a.preference);
    return { ok: true, policy: { json: p, headend: h, endpoint, candidatePaths: cps } };
  }

  private segment(sid: string): ResolvedSegment | undefined {
    const c = typeof sid === 'string' ? SrPolicyStore.canonical(sid) : undefined;
    const s = c === undefined ? undefined : this.sids.resolve(c);
    return s && { node: s.node, arc: s.arc };
  }

  private endpointNode(endpoint: string): number | undefined {
    if (typeof endpoint !== 'string') return undefined;
    const byId = this.net.nodeIndex(endpoint);
    if (byId !== undefined) return byId;
    const c = SrPolicyStore.canonical(endpoint);
    return c === undefined ? undefined : this.sids.resolve(c)?.node;
  }
}

/** Array check without narrowing to any[] (inputs come from JSON and may not match their declared type). */
function isList(x: unknown): boolean {
  return Array.isArray(x);
}
