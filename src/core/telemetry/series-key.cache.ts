import type { NodeId } from '../model/ids';
import { BoundedMap } from './bounded-map';
import { seriesKey } from './telemetry-point';

export interface SeriesKeyCacheCaps {
  readonly maxNodes: number;
  readonly maxPolicies: number;
  readonly maxDemands: number;
}

/**
 * The series key of each node, policy (headend × name) and demand (NE × destination), one string object per
 * series so that downstream maps compare by identity cheaply. Bounded: least recently used entries are
 * evicted (counted) and simply rebuilt when seen again.
 */
export class SeriesKeyCache {
  private readonly nodes: BoundedMap<NodeId, string>;
  /** Keyed `ne \u0000 policy` / `ne \u0000 destination`. */
  private readonly policies: BoundedMap<string, string>;
  private readonly demands: BoundedMap<string, string>;

  constructor(caps: SeriesKeyCacheCaps) {
    this.nodes = new BoundedMap(caps.maxNodes);
    this.policies = new BoundedMap(caps.maxPolicies);
    this.demands = new BoundedMap(caps.maxDemands);
  }

  node(ne: NodeId): string {
    let key = this.nodes.get(ne);
    if (key === undefined) this.nodes.set(ne, (key = seriesKey.node(ne)));
    return key;
  }

  policy(ne: NodeId, policy: string): string {
    const id = `${ne}\u0000${policy}`;
    let key = this.policies.get(id);
    if (key === undefined) this.policies.set(id, (key = seriesKey.policy(ne, policy)));
    return key;
  }

  demand(ne: NodeId, destination: NodeId): string {
    const id = `${ne}\u0000${destination}`;
    let key = this.demands.get(id);
    if (key === undefined) this.demands.set(id, (key = seriesKey.demand(ne, destination)));
    return key;
  }

  evicted(): { nodes: number; policies: number; demands: number } {
    return { nodes: this.nodes.evicted, policies: this.policies.evicted, demands: this.demands.evicted };
  }

  sizes(): { nodes: number; policies: number; demands: number } {
    return { nodes: this.nodes.size, policies: this.policies.size, demands: this.demands.size };
  }

  /** Forgets every key of NEs not in `nes`; returns how many. */
  retainNes(nes: ReadonlySet<NodeId>): number {
    const headend = (id: string): NodeId => id.slice(0, id.indexOf('\u0000')) as NodeId;
    return (
      pruneWhere(this.nodes, (ne) => !nes.has(ne)) +
      pruneWhere(this.policies, (id) => !nes.has(headend(id))) +
      pruneWhere(this.demands, (id) => !nes.has(headend(id)))
    );
  }
}

/** Deletes the entries `gone` selects; returns how many. */
export function pruneWhere<K, V>(m: BoundedMap<K, V>, gone: (k: K, v: V) => boolean): number {
  let n = 0;
  for (const [k, v] of [...m.entries()]) {
    if (gone(k, v)) {
      m.delete(k);
      n++;
    }
  }
  return n;
}
