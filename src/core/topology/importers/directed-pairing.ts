import type { DirectionInput, LinkInput } from '../topology-input';

export interface DirectedEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly attrs: DirectionInput;
}

/**
 * Turns directed edges into physical links: each edge is paired with the first still-unpaired edge in the
 * opposite direction between the same nodes (parallel links pair up in file order); an edge with no partner
 * becomes a one-way link. Every directed edge maps to exactly one arc.
 */
export function pairDirectedEdges(edges: readonly DirectedEdge[]): LinkInput[] {
  const open = new Map<string, number[]>();
  const links: (LinkInput | undefined)[] = [];
  const partial: { edge: DirectedEdge; reverse?: DirectedEdge }[] = [];
  for (const e of edges) {
    const waiting = open.get(`${e.to}\u0000${e.from}`);
    const idx = waiting?.shift();
    if (idx !== undefined) {
      partial[idx]!.reverse = e;
      continue;
    }
    const key = `${e.from}\u0000${e.to}`;
    const list = open.get(key) ?? [];
    list.push(partial.length);
    open.set(key, list);
    partial.push({ edge: e });
  }
  for (const p of partial) {
    links.push({
      id: p.edge.id,
      a: p.edge.from,
      b: p.edge.to,
      ab: p.edge.attrs,
      ba: p.reverse?.attrs ?? null,
    });
  }
  return links as LinkInput[];
}
