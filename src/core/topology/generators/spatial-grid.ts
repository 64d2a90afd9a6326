import { distance } from './geo-box';
import type { Point } from './geo-box';
// Module-level bindings of Math functions: hot loops then avoid global lookups, which are slow inside vm
// contexts such as Jest's sandbox.
const { min, max, sqrt, floor } = Math;

/**
 * A uniform bucket grid over the unit square, so that neighbour queries cost O(points nearby) instead of O(N):
 * all pairs within a radius (random-geometric, Waxman candidates) and the nearest point passing a test
 * (connectivity repair, nearest cores). Cells are stored CSR-style (one sorted index array plus offsets).
 * Iteration order depends only on the points, so generators stay deterministic.
 */
export class SpatialGrid {
  /** Cells per side. */
  readonly dims: number;
  /** Side of one cell. */
  readonly width: number;
  private readonly start: Int32Array;
  private readonly members: Int32Array;

  /** `cellSize` is the smallest acceptable cell side (the query radius); cells are never more than ~4 N. */
  constructor(
    readonly points: readonly Point[],
    cellSize: number,
  ) {
    const cap = Math.max(1, 2 * Math.ceil(Math.sqrt(points.length)));
    this.dims = Math.max(1, Math.min(cap, Math.floor(1 / Math.max(cellSize, 1e-9))));
    this.width = 1 / this.dims;
    const cellOf = points.map((p) => this.cellIndex(this.coord(p.x), this.coord(p.y)));
    this.start = new Int32Array(this.dims * this.dims + 1);
    for (const c of cellOf) this.start[c + 1]!++;
    for (let c = 0; c < this.dims * this.dims; c++) this.start[c + 1]! += this.start[c]!;
    const fill = this.start.slice(0, -1);
    this.members = new Int32Array(points.length);
    cellOf.forEach((c, i) => (this.members[fill[c]!++] = i));
  }

  /** Calls `visit(i, j, d)` once per unordered pair (i < j) closer than or at `radius` (≤ the cell size). */
  forEachPairWithin(radius: number, visit: (i: number, j: number, d: number) => void): void {
    if (radius > this.width + 1e-12 && this.dims > 1) {
      throw new RangeError(`spatial grid: radius ${radius} exceeds the cell width ${this.width}`);
    }
    for (let cy = 0; cy < this.dims; cy++) {
      for (let cx = 0; cx < this.dims; cx++) {
        const own = this.cell(cx, cy);
        for (let k = 0; k < own.length; k++) {
          this.visitWithin(own[k]!, own.subarray(k + 1), radius, visit);
          for (const [dx, dy] of FORWARD)
            this.visitWithin(own[k]!, this.cell(cx + dx, cy + dy), radius, visit);
        }
      }
    }
  }

  /**
   * The point nearest to point `from` among those `accept` lets through (ties: lowest index), or undefined.
   * Searches rings of cells outwards and stops once no unseen cell can hold anything closer.
   */
  nearest(from: number, accept: (j: number) => boolean): number | undefined {
    const p = this.points[from]!;
    const cx = this.coord(p.x);
    const cy = this.coord(p.y);
    let best: number | undefined;
    let bestD = Infinity;
    for (let r = 0; r < this.dims; r++) {
      for (const j of this.ring(cx, cy, r)) {
        if (j === from || !accept(j)) continue;
        const d = distance(p, this.points[j]!);
        if (d < bestD || (d === bestD && j < best!)) [best, bestD] = [j, d];
      }
      if (bestD <= r * this.width) break;
    }
    return best;
  }

  /** Visits the pairs (i, j), j in `others`, within the radius; squared distances keep the loop cheap. */
  private visitWithin(
    i: number,
    others: Int32Array,
    radius: number,
    visit: (i: number, j: number, d: number) => void,
  ): void {
    const p = this.points[i]!;
    const r2 = radius * radius;
    for (let m = 0; m < others.length; m++) {
      const j = others[m]!;
      const q = this.points[j]!;
      const dx = p.x - q.x;
      const dy = p.y - q.y;
      const d2 = dx * dx + dy * dy;
      if (d2 <= r2) visit(min(i, j), max(i, j), sqrt(d2));
    }
  }

  /** Members of the cells at Chebyshev distance exactly r from (cx, cy). */
  private *ring(cx: number, cy: number, r: number): Generator<number> {
    for (let y = cy - r; y <= cy + r; y++) {
      const edgeRow = y === cy - r || y === cy + r;
      for (let x = cx - r; x <= cx + r; x += edgeRow || r === 0 ? 1 : 2 * r) yield* this.cell(x, y);
    }
  }

  private cell(x: number, y: number): Int32Array {
    if (x < 0 || y < 0 || x >= this.dims || y >= this.dims) return EMPTY;
    const c = this.cellIndex(x, y);
    return this.members.subarray(this.start[c], this.start[c + 1]);
  }

  private coord(v: number): number {
    return min(this.dims - 1, max(0, floor(v * this.dims)));
  }

  private cellIndex(x: number, y: number): number {
    return y * this.dims + x;
  }
}

const EMPTY = new Int32Array(0);
/** Neighbour cells ahead in scan order: each unordered pair of cells is visited once. */
const FORWARD = [
  [1, 0],
  [-1, 1],
  [0, 1],
  [1, 1],
] as const;
