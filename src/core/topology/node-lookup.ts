import type { NodeId } from '../model/ids';
import type { TopologyGraph } from './topology-graph';

/** Levenshtein distance; returns max + 1 as soon as the distance is known to exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Case, spaces and punctuation do not matter when a person types a name. */
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The candidates closest to `word` (case and separators ignored), at most three, within an edit distance that
 * grows with the word's length (a full prefix counts as one edit); none when nothing is close.
 */
export function didYouMean(word: string, candidates: readonly string[]): string[] {
  const w = norm(word);
  const max = Math.max(2, Math.floor(w.length / 3));
  // a prefix typed in full ("bandwidth" for bandwidthMbps) counts as one edit
  const prefix = (c: string): boolean =>
    w.length >= 3 && (c.startsWith(w) || (c.length >= 3 && w.startsWith(c)));
  return [...new Set(candidates)]
    .map((c) => ({
      c,
      d: prefix(norm(c)) ? Math.min(1, editDistance(w, norm(c), max)) : editDistance(w, norm(c), max),
    }))
    .filter((x) => x.d <= max)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map((x) => x.c);
}

export type NodeLookup =
  | { readonly ok: true; readonly id: NodeId; readonly via: 'id' | 'name' }
  | { readonly ok: false; readonly suggestions: readonly NodeId[] };

/**
 * A node by id, else by display name ("Los Angeles" → LosAngeles; case, spaces and punctuation ignored) when
 * exactly one node matches; else the ids of the nearest nodes by id or name, for "did you mean".
 */
export function lookupNode(topology: TopologyGraph, text: string): NodeLookup {
  if (topology.hasNode(text)) return { ok: true, id: text, via: 'id' };
  const key = norm(text);
  const byName = [...topology.nodes()].filter((n) => norm(n.name ?? '') === key || norm(n.id) === key);
  if (key.length > 0 && byName.length === 1) return { ok: true, id: byName[0]!.id, via: 'name' };
  const labels = new Map<string, NodeId>();
  for (const n of topology.nodes()) {
    labels.set(n.id, n.id);
    if (n.name) labels.set(n.name, n.id);
  }
  const near = didYouMean(text, [...labels.keys()]).map((l) => labels.get(l)!);
  return { ok: false, suggestions: [...new Set(near)] };
}
