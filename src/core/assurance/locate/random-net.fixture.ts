import { arcId, nodeId } from '../../model/ids';
import type { ArcInfo, PathMeasurement, PathRow } from '../observation';
import { arcsOf, binomial } from '../detect/sampling.fixture';

/** Random test networks for localisation: a ring plus chords (ml-faults.md §1), PEs, k paths per PE pair. */
export interface Net {
  readonly arcs: ArcInfo[];
  readonly rows: PathRow[];
}

export function ringWithChords(
  rng: () => number,
  nodes: number,
  chords: number,
  pes: number,
  k: number,
): Net {
  const name = (i: number): string => `R${i}`;
  const edges: [string, string][] = [];
  const has = new Set<string>();
  const addEdge = (a: number, b: number): void => {
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || has.has(key)) return;
    has.add(key);
    edges.push([name(Math.min(a, b)), name(Math.max(a, b))]);
  };
  for (let i = 0; i < nodes; i++) addEdge(i, (i + 1) % nodes);
  for (let c = 0; c < chords * 4 && edges.length < nodes + chords; c++)
    addEdge(Math.floor(rng() * nodes), Math.floor(rng() * nodes));
  const arcs = arcsOf(edges);
  const adj = new Map<string, string[]>();
  for (const a of arcs) adj.set(a.from, [...(adj.get(a.from) ?? []), a.to]);
  const peIdx = [...Array(nodes).keys()].sort(() => rng() - 0.5).slice(0, pes);
  const rows: PathRow[] = [];
  const seen = new Set<string>();
  for (const s of peIdx) {
    for (const t of peIdx) {
      if (s === t) continue;
      for (let j = 0; j < k; j++) {
        const w = new Map(arcs.map((a) => [a.arc as string, 1 + (j === 0 ? 0.01 : 1.5) * rng()]));
        const hops = dijkstra(name(s), name(t), adj, w);
        const sig = hops.join('>');
        if (!hops.length || seen.has(sig)) continue;
        seen.add(sig);
        rows.push({
          policy: `${name(t)}-${j}`,
          headend: nodeId(name(s)),
          arcs: hops.slice(1).map((to, i) => ({ arc: arcId(`${hops[i]!}>${to}`), fraction: 1 })),
          nodes: hops.map(nodeId),
        });
      }
    }
  }
  return { arcs, rows };
}

function dijkstra(
  src: string,
  dst: string,
  adj: ReadonlyMap<string, string[]>,
  w: ReadonlyMap<string, number>,
): string[] {
  const dist = new Map<string, number>([[src, 0]]);
  const prev = new Map<string, string>();
  const done = new Set<string>();
  for (;;) {
    let u: string | undefined;
    for (const [n, d] of dist) if (!done.has(n) && (u === undefined || d < dist.get(u)!)) u = n;
    if (u === undefined) return [];
    if (u === dst) break;
    done.add(u);
    for (const v of adj.get(u) ?? []) {
      const nd = dist.get(u)! + w.get(`${u}>${v}`)!;
      if (nd < (dist.get(v) ?? Infinity)) {
        dist.set(v, nd);
        prev.set(v, u);
      }
    }
  }
  const path = [dst];
  while (path[0] !== src) path.unshift(prev.get(path[0]!)!);
  return path;
}

/** Measurements for one window: `probes` per path, background loss per arc, and the faulty arcs' rates. */
export function measure(
  rng: () => number,
  rows: readonly PathRow[],
  faults: ReadonlyMap<string, number>,
  probes = 1000,
  background = 1e-4,
): PathMeasurement[] {
  return rows.map((r) => {
    const pass = r.arcs.reduce(
      (acc, a) => acc * (1 - background) * (1 - a.fraction * (faults.get(a.arc) ?? 0)),
      1,
    );
    return { key: `${r.headend}/${r.policy}`, sent: probes, lost: binomial(rng, probes, 1 - pass) };
  });
}

/** The set of arcs crossed by exactly the same measured rows (the truth about identifiability). */
export function signatureOf(rows: readonly PathRow[], arc: string): string {
  return rows
    .map((r, i) => {
      const f = r.arcs.filter((a) => a.arc === arc).reduce((s, a) => s + a.fraction, 0);
      return f > 0 ? `${i}:${f.toFixed(6)}` : '';
    })
    .filter(Boolean)
    .join(',');
}
