import { ParseError } from '../../errors';
import type { DemandInput, NodeInput } from '../topology-input';
import { DERIVED, delayFromKm, greatCircleKm } from './derive';
import { pairDirectedEdges } from './directed-pairing';
import type { DirectedEdge } from './directed-pairing';
import type { ImportResult } from './import-result';

/**
 * REPETITA `.graph` (directed edges with IGP weight, bandwidth in kbit/s and delay) and `.demands` (kbit/s).
 * Delay units differ between instance families: where every node has coordinates (the Topology Zoo based
 * instances, whose delay column has no physical unit) delay is derived from great-circle distance; otherwise
 * (Rocketfuel with coordinates 0 0, synthetic with planar x/y) the delay column is read as milliseconds.
 */
interface Lines {
  readonly lines: string[];
  pos: number;
}

function next(src: Lines, what: string): { text: string; line: number } {
  while (src.pos < src.lines.length && src.lines[src.pos]!.trim() === '') src.pos++;
  if (src.pos >= src.lines.length)
    throw new ParseError('repetita', `file ends before ${what}`, { line: src.lines.length });
  return { text: src.lines[src.pos]!.trim(), line: ++src.pos };
}

function section(src: Lines, keyword: string): number {
  const { text, line } = next(src, `'${keyword} n'`);
  const m = new RegExp(`^${keyword}\\s+(\\d+)$`).exec(text);
  if (!m)
    throw new ParseError('repetita', `expected '${keyword} <count>', found '${text.slice(0, 40)}'`, { line });
  next(src, `the ${keyword} header line`);
  return Number(m[1]);
}

function num(field: string, name: string, line: number, min = -Infinity): number {
  const v = Number(field);
  if (field === '' || !Number.isFinite(v) || v < min) {
    throw new ParseError(
      'repetita',
      `${name} '${field}' is not a number${min > -Infinity ? ` >= ${min}` : ''}`,
      {
        line,
      },
    );
  }
  return v;
}

export function importRepetita(graphText: string, name = 'repetita'): ImportResult {
  const src: Lines = { lines: graphText.split(/\r?\n/), pos: 0 };
  const n = section(src, 'NODES');
  const nodes: NodeInput[] = [];
  const coords: { lat: number; lon: number }[] = [];
  for (let i = 0; i < n; i++) {
    const { text, line } = next(src, `node ${i} of ${n}`);
    const f = text.split(/\s+/);
    if (f.length !== 3)
      throw new ParseError('repetita', `node line needs 'label x y', found '${text}'`, { line });
    const [label, x, y] = f as [string, string, string];
    if (/^EDGES\b/.test(label))
      throw new ParseError('repetita', `NODES says ${n} but only ${i} follow`, { line });
    coords.push({ lon: num(x, 'x (longitude)', line), lat: num(y, 'y (latitude)', line) });
    nodes.push({ id: label, name: label.replace(/^\d+_/, '').replace(/_/g, ' '), locatorNode: i + 1 });
  }
  if (new Set(nodes.map((x) => x.id)).size !== n) {
    throw new ParseError('repetita', 'node labels are not unique', { line: 3 });
  }
  // Synthetic instances use planar x/y (out of lat/lon range) and Rocketfuel ones 0 0: neither is geography.
  const geographic = coords.every(
    (c) => (c.lat !== 0 || c.lon !== 0) && Math.abs(c.lat) <= 90 && Math.abs(c.lon) <= 180,
  );
  if (geographic) nodes.forEach((node, i) => Object.assign(node, { geo: coords[i] }));
  const m = section(src, 'EDGES');
  const edges: DirectedEdge[] = [];
  for (let i = 0; i < m; i++) {
    const { text, line } = next(src, `edge ${i} of ${m}`);
    const f = text.split(/\s+/);
    if (f.length !== 6) {
      throw new ParseError('repetita', `edge line needs 'label src dest weight bw delay', found '${text}'`, {
        line,
      });
    }
    const [label, s, d, w, bw, delay] = f as [string, string, string, string, string, string];
    const from = nodes[nodeIndex(s, n, line)]!.id;
    const to = nodes[nodeIndex(d, n, line)]!.id;
    if (from === to)
      throw new ParseError('repetita', `edge '${label}' is a self-loop on node ${s}`, { line });
    const igpMetric = num(w, 'weight', line, 1);
    if (!Number.isInteger(igpMetric))
      throw new ParseError('repetita', `weight '${w}' is not an integer`, { line });
    const capacityMbps = num(bw, 'bandwidth', line, 0) / 1000;
    if (capacityMbps <= 0) throw new ParseError('repetita', `edge '${label}' has zero bandwidth`, { line });
    const delayRaw = num(delay, 'delay', line, 0);
    const delayUs = geographic
      ? delayFromKm(greatCircleKm(coords[nodeIndex(s, n, line)]!, coords[nodeIndex(d, n, line)]!))
      : Math.round(delayRaw * 1000);
    edges.push({ id: label, from, to, attrs: { capacityMbps, delayUs, igpMetric } });
  }
  const extra = src.lines.slice(src.pos).findIndex((l) => l.trim() !== '');
  if (extra >= 0) {
    throw new ParseError('repetita', `EDGES says ${m} but more lines follow`, { line: src.pos + extra + 1 });
  }
  return {
    topology: {
      name,
      nodes,
      links: pairDirectedEdges(edges),
      provenance: {
        format: 'repetita',
        source: name,
        derived: [
          'capacity from bw (kbit/s ÷ 1000)',
          geographic ? DERIVED.delayFromDistance : 'delay column read as milliseconds',
        ],
      },
    },
    warnings: geographic
      ? ['delay column has no physical unit here: delay derived from coordinates instead']
      : [],
  };
}

function nodeIndex(field: string, n: number, line: number): number {
  const i = Number(field);
  if (!/^\d+$/.test(field) || i >= n) {
    throw new ParseError('repetita', `node index '${field}' is not between 0 and ${n - 1}`, { line });
  }
  return i;
}

/** A `.demands` file against the node labels of its graph (indices are 0-based node lines). */
export function importRepetitaDemands(text: string, nodeIds: readonly string[]): DemandInput[] {
  const src: Lines = { lines: text.split(/\r?\n/), pos: 0 };
  const k = section(src, 'DEMANDS');
  const out: DemandInput[] = [];
  for (let i = 0; i < k; i++) {
    const { text: t, line } = next(src, `demand ${i} of ${k}`);
    const f = t.split(/\s+/);
    if (f.length !== 4)
      throw new ParseError('repetita', `demand line needs 'label src dest bw', found '${t}'`, { line });
    const from = nodeIds[nodeIndex(f[1]!, nodeIds.length, line)]!;
    const to = nodeIds[nodeIndex(f[2]!, nodeIds.length, line)]!;
    out.push({ from, to, mbps: num(f[3]!, 'bw', line, 0) / 1000 });
  }
  return out;
}
