import type { TopoArc } from '../../model/topology';
import type { SidTable, TopologyGraph } from '../../topology';

/**
 * An independent reference for what-if forwarding on tiny graphs: IGP distances by enumerating every simple
 * path over the TopologyGraph's own arc objects (no Dijkstra, no compact index), ECMP by recursion over the
 * arcs that start a shortest path, SR policies segment by segment, candidate paths by preference with the
 * same validity rule as the routers (every SID reachable from where the previous one left off).
 */
export class BruteForwarding {
  private readonly arcs: TopoArc[];
  private readonly memo = new Map<string, number>();

  constructor(
    private readonly topo: TopologyGraph,
    private readonly sids: SidTable,
    down: ReadonlySet<string>,
  ) {
    this.arcs = [...topo.arcs()].filter((a) => !down.has(a.id));
  }

  /** Cheapest simple-path cost from u to t, Infinity if none. */
  dist(u: string, t: string): number {
    const key = `${u}>${t}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    let best = Infinity;
    const seen = new Set<string>([u]);
    const walk = (v: string, cost: number): void => {
      if (v === t) {
        best = Math.min(best, cost);
        return;
      }
      for (const a of this.arcs) {
        if (a.from !== v || seen.has(a.to)) continue;
        seen.add(a.to);
        walk(a.to, cost + a.igpMetric);
        seen.delete(a.to);
      }
    };
    walk(u, 0);
    this.memo.set(key, best);
    return best;
  }

  /** Adds amount × ECMP split from u to t into loads; false if unreachable. */
  spread(u: string, t: string, amount: number, loads: Map<string, number>): boolean {
    const d = this.dist(u, t);
    if (d === Infinity) return false;
    if (u === t) return true;
    const hops = this.arcs.filter((a) => a.from === u && a.igpMetric + this.dist(a.to, t) === d);
    for (const a of hops) {
      loads.set(a.id, (loads.get(a.id) ?? 0) + amount / hops.length);
      this.spread(a.to, t, amount / hops.length, loads);
    }
    return true;
  }

  /** Forwards a policy's traffic like the routers; returns the active preference, 'igp' or null. */
  policy(
    headend: string,
    to: string,
    cps: readonly { preference: number; sids: readonly string[] }[],
    amount: number,
    loads: Map<string, number>,
  ): number | 'igp' | null {
    const upArcs = new Set(this.arcs.map((a) => a.id));
    for (const cp of [...cps].sort((a, b) => b.preference - a.preference)) {
      let at = headend;
      const steps: { to: string; arc?: string }[] = [];
      let ok = true;
      for (const text of cp.sids) {
        const sid = this.sids.resolve(text);
        if (!sid) ok = false;
        else if (sid.behavior === 'End') {
          if (this.dist(at, sid.node) === Infinity) ok = false;
          steps.push({ to: sid.node });
          at = sid.node;
        } else {
          const arc = this.topo.arc(sid.arc!);
          if (!upArcs.has(arc.id) || this.dist(at, arc.from) === Infinity) ok = false;
          steps.push({ to: arc.from, arc: arc.id });
          at = arc.to;
        }
        if (!ok) break;
      }
      if (!ok) continue;
      at = headend;
      for (const s of steps) {
        this.spread(at, s.to, amount, loads);
        at = s.to;
        if (s.arc) {
          loads.set(s.arc, (loads.get(s.arc) ?? 0) + amount);
          at = this.topo.arc(s.arc).to;
        }
      }
      if (at !== to) this.spread(at, to, amount, loads);
      return cp.preference;
    }
    return this.spread(headend, to, amount, loads) ? 'igp' : null;
  }
}
