import type { NodeRole } from '../../model/topology';
import type { LinkInput, NodeInput } from '../topology-input';
import { toGeo } from './geo-box';
import type { GeoBox, Point } from './geo-box';

/** What one kind's generator produces; `generateTopology` wraps it into a TopologyInput. */
export interface GeneratedGraph {
  readonly nodes: readonly NodeInput[];
  readonly links: readonly LinkInput[];
  /** Kind-specific derivations and parameters, appended to `provenance.derived`. */
  readonly derived: readonly string[];
}

export interface NodeLabel {
  readonly id: string;
  readonly name: string;
  readonly role: NodeRole;
  readonly site?: string;
}

/** Nodes at the given unit-square points, with locator node numbers 1..N in point order. */
export function nodesAt(points: readonly Point[], box: GeoBox, label: (i: number) => NodeLabel): NodeInput[] {
  return points.map((p, i) => {
    const l = label(i);
    return { ...l, geo: toGeo(p, box), locatorNode: i + 1 };
  });
}

/** `count` uniform random points in the unit square. */
export function uniformPoints(count: number, next: () => number): Point[] {
  return Array.from({ length: count }, () => ({ x: next(), y: next() }));
}
