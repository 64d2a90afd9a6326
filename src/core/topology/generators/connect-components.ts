import type { LinkBuilder } from './link-builder';
import type { SpatialGrid } from './spatial-grid';

/** Disjoint sets over node indices (path halving, union by size). */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }

  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }

  union(i: number, j: number): boolean {
    let a = this.find(i);
    let b = this.find(j);
    if (a === b) return false;
    if (this.size[a]! < this.size[b]!) [a, b] = [b, a];
    this.parent[b] = a;
    this.size[a]! += this.size[b]!;
    return true;
  }

  sizeOf(i: number): number {
    return this.size[this.find(i)]!;
  }
}

/**
 * Makes a geometric graph connected with the fewest, shortest-looking repair links: every component other than
 * the largest, in order of its lowest node index, links its closest (member, outsider) pair unless an earlier
 * repair already joined it to the largest one. One pass suffices: each repair merges two components, and a
 * component left apart at the end would need as many internal merges as it has parts, which is impossible.
 * Returns the number of links added.
 */
export function connectComponents(
  links: LinkBuilder,
  grid: SpatialGrid,
  capacityOf: (i: number, j: number) => number,
): number {
  const n = grid.points.length;
  const sets = new UnionFind(n);
  for (const [a, b] of links.ends) sets.union(a, b);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  }
  if (groups.size <= 1) return 0;
  let giant = [...groups.values()][0]!;
  for (const g of groups.values()) if (g.length > giant.length) giant = g;
  let added = 0;
  for (const members of groups.values()) {
    if (members === giant || sets.find(members[0]!) === sets.find(giant[0]!)) continue;
    const [i, j] = closestOutside(members, grid, sets);
    links.add(i, j, capacityOf(i, j));
    sets.union(i, j);
    added++;
  }
  return added;
}

function closestOutside(members: readonly number[], grid: SpatialGrid, sets: UnionFind): [number, number] {
  const own = sets.find(members[0]!);
  let best: [number, number] | undefined;
  let bestD = Infinity;
  for (const i of members) {
    const j = grid.nearest(i, (k) => sets.find(k) !== own);
    if (j === undefined) continue;
    const p = grid.points[i]!;
    const q = grid.points[j]!;
    const d = Math.hypot(p.x - q.x, p.y - q.y);
    if (d < bestD) [best, bestD] = [[i, j], d];
  }
  if (!best) throw new RangeError('connect components: no node outside the component');
  return best;
}
