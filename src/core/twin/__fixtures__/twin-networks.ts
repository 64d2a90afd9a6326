import type { NodeId } from '../../model/ids';
import { SidTable, TopologyGraph } from '../../topology';
import type { LinkInput } from '../../topology';
import { TwinIndex } from '../twin-index';
import type { TwinPolicy } from '../twin-types';

/** Small hand-checkable networks for twin specs: ids n0.., links L<k>, symmetric attributes. */
export interface Net {
  readonly topo: TopologyGraph;
  readonly sids: SidTable;
  readonly index: TwinIndex;
}

export function link(
  id: string,
  a: string,
  b: string,
  opts: { igp?: number; cap?: number; delay?: number; srlgs?: number[] } = {},
): LinkInput {
  const dir = { capacityMbps: opts.cap ?? 1000, delayUs: opts.delay ?? 100, igpMetric: opts.igp ?? 10 };
  return { id, a, b, ab: dir, ba: dir, ...(opts.srlgs && { srlgs: opts.srlgs }) };
}

export function net(nodes: number, links: LinkInput[]): Net {
  const topo = TopologyGraph.build({
    name: 'twin-test',
    nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i}` })),
    links,
  });
  const sids = SidTable.allocate(topo);
  return { topo, sids, index: TwinIndex.of(topo, sids) };
}

/**
 * Diamond: n0 → {n1, n2} → n3, all metric 10 (two equal-cost paths), plus a long detour n0–n4–n3 of
 * metric 30+30.
 */
export function diamond(): Net {
  return net(5, [
    link('L01', 'n0', 'n1'),
    link('L02', 'n0', 'n2'),
    link('L13', 'n1', 'n3'),
    link('L23', 'n2', 'n3'),
    link('L04', 'n0', 'n4', { igp: 30 }),
    link('L43', 'n4', 'n3', { igp: 30 }),
  ]);
}

export const nid = (s: string): NodeId => s as NodeId;

export function endSid(n: Net, node: string): string {
  return n.sids.endSid(nid(node)).sid;
}

export function endXSid(n: Net, arc: string): string {
  return n.sids.endXSid(arc as never).sid;
}

/** A policy with one segment list per candidate path (preference descending as given). */
export function policy(
  name: string,
  headend: string,
  endpoint: string,
  cps: string[][],
  slo?: TwinPolicy['slo'],
): TwinPolicy {
  return {
    headend: nid(headend),
    name,
    intent: `intent-${name}`,
    endpoint: nid(endpoint),
    color: 100,
    candidatePaths: cps.map((sids, i) => ({ preference: 200 - 10 * i, segmentLists: [{ weight: 1, sids }] })),
    ...(slo && { slo }),
  };
}
