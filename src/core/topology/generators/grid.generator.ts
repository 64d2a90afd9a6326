import type { GeneratedGraph } from './generated-graph';
import { nodesAt } from './generated-graph';
import { GeneratorError } from './generator-error';
import { requireInt } from './generator-options';
import type { GridOptions } from './generator-options';
import type { GeoBox } from './geo-box';
import { GBPS_100, LinkBuilder } from './link-builder';

interface Shape {
  readonly rows: number;
  readonly cols: number;
}

/**
 * A rows × cols lattice (100G links), filled row by row; without explicit rows/cols it has ceil(sqrt(N))
 * columns and a partial last row, so any N works and the lattice stays connected (every node of the last row
 * has a node above it). `wrap` closes each row and column of at least 3 nodes into a ring (a torus when
 * the lattice is full). Deterministic: the seed is not used.
 */
export function generateGrid(options: GridOptions, box: GeoBox): GeneratedGraph {
  const n = options.nodes;
  const { rows, cols } = shapeOf(options);
  const rowOf = (i: number): number => Math.floor(i / cols);
  const points = Array.from({ length: n }, (_, i) => ({
    x: ((i % cols) + 0.5) / cols,
    y: (rowOf(i) + 0.5) / rows,
  }));
  const nodes = nodesAt(points, box, (i) => ({
    id: `n${i + 1}`,
    name: `grid-r${rowOf(i) + 1}c${(i % cols) + 1}`,
    role: 'core',
  }));
  const links = new LinkBuilder(
    nodes.map((x) => x.id),
    nodes.map((x) => x.geo!),
  );
  for (let i = 0; i < n; i++) {
    if (i % cols < cols - 1 && i + 1 < n) links.add(i, i + 1, GBPS_100);
    if (i + cols < n) links.add(i, i + cols, GBPS_100);
  }
  if (options.wrap === true) wrapAround(n, rows, cols, links);
  return {
    nodes,
    links: links.result(),
    derived: [`grid: ${rows} rows × ${cols} columns${options.wrap === true ? ', wrapped' : ''}, 100G links`],
  };
}

function shapeOf(options: GridOptions): Shape {
  const n = options.nodes;
  if (options.wrap !== undefined && typeof options.wrap !== 'boolean') {
    throw new GeneratorError('wrap', 'must be true or false');
  }
  if (options.rows === undefined && options.cols === undefined) {
    const cols = Math.ceil(Math.sqrt(n));
    return { rows: Math.ceil(n / cols), cols };
  }
  const rows = requireInt('rows', options.rows, 1, n);
  const cols = requireInt('cols', options.cols, 1, n);
  if (rows * cols !== n)
    throw new GeneratorError('rows', `rows × cols must equal nodes (${rows} × ${cols} ≠ ${n})`);
  return { rows, cols };
}

function wrapAround(n: number, rows: number, cols: number, links: LinkBuilder): void {
  for (let r = 0; r < rows; r++) {
    const first = r * cols;
    const last = Math.min(n, first + cols) - 1;
    if (last - first + 1 >= 3) links.add(last, first, GBPS_100);
  }
  for (let c = 0; c < cols; c++) {
    const height = Math.floor((n - 1 - c) / cols) + 1;
    if (height >= 3) links.add((height - 1) * cols + c, c, GBPS_100);
  }
}
