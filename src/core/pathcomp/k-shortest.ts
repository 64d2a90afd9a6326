import type { FoundPath } from './dijkstra';
import { pathCost } from './dijkstra';
import type { ConstrainedSearch } from './cspf';

/**
 * Yen's k-shortest loopless paths under the search's constraints: `next()` yields feasible simple paths in
 * non-decreasing cost. Each spur search gets the budget left after its root path, so the enumeration stays
 * exact under delay and hop bounds.
 */
export class KShortestPaths {
  private readonly found: FoundPath[] = [];
  private readonly candidates: FoundPath[] = [];
  private readonly seen = new Set<string>();
  private readonly banned: Uint8Array;
  private done = false;

  constructor(
    private readonly search: ConstrainedSearch,
    private readonly source: number,
  ) {
    this.banned = new Uint8Array(search.g.n);
  }

  get count(): number {
    return this.found.length;
  }

  next(): FoundPath | null {
    if (this.done) return null;
    if (this.found.length === 0) {
      const first = this.search.best(this.source);
      if (first) this.seen.add(first.arcs.join(','));
      return this.accept(first);
    }
    this.spurFrom(this.found[this.found.length - 1]!);
    let bestIndex = -1;
    this.candidates.forEach((c, i) => {
      const b = this.candidates[bestIndex];
      if (!b || c.cost < b.cost || (c.cost === b.cost && c.arcs.length < b.arcs.length)) bestIndex = i;
    });
    return this.accept(bestIndex < 0 ? null : this.candidates.splice(bestIndex, 1)[0]!);
  }

  private accept(p: FoundPath | null): FoundPath | null {
    if (p === null) this.done = true;
    else this.found.push(p);
    return p;
  }

  private spurFrom(last: FoundPath): void {
    const { g, w, allowed, bounds } = this.search;
    let rootDelay = 0;
    for (let i = 0; i < last.arcs.length; i++) {
      const spur = i === 0 ? this.source : g.arcTo[last.arcs[i - 1]!]!;
      const cleared = this.banNextArcs(last.arcs, i);
      const p = this.search.best(spur, this.banned, {
        delay: bounds.delay - rootDelay,
        hops: bounds.hops - i,
      });
      for (const a of cleared) allowed[a] = 1;
      if (p) {
        const arcs = [...last.arcs.slice(0, i), ...p.arcs];
        const key = arcs.join(',');
        if (!this.seen.has(key)) {
          this.seen.add(key);
          this.candidates.push({ arcs, cost: pathCost(w, arcs) });
        }
      }
      this.banned[spur] = 1;
      rootDelay += g.delay[last.arcs[i]!]!;
    }
    this.banned.fill(0);
  }

  /** Clears the arc each found path takes after sharing the first i arcs of `root`; returns what it cleared. */
  private banNextArcs(root: readonly number[], i: number): number[] {
    const cleared: number[] = [];
    const allowed = this.search.allowed;
    for (const f of this.found) {
      if (f.arcs.length <= i) continue;
      let same = true;
      for (let j = 0; j < i && same; j++) same = f.arcs[j] === root[j];
      const a = f.arcs[i]!;
      if (same && allowed[a] === 1) {
        allowed[a] = 0;
        cleared.push(a);
      }
    }
    return cleared;
  }
}
