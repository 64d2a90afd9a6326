import type { ArcId, LinkId, NodeId, Srlg } from './ids';

export type NodeRole = 'core' | 'edge' | 'pe' | 'p' | 'ce' | 'unknown';

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

export interface TopoNode {
  readonly id: NodeId;
  readonly name: string;
  readonly site?: string;
  readonly role: NodeRole;
  readonly geo?: GeoPoint;
  /** Node number inside the SID block (the locator's node bits); assigned when absent. */
  readonly locatorNode?: number;
}

/** Traffic-engineering attributes of one direction of a link. */
export interface ArcAttributes {
  readonly capacityMbps: number;
  readonly delayUs: number;
  readonly igpMetric: number;
  readonly teMetric: number;
}

export interface TopoArc extends ArcAttributes {
  readonly id: ArcId;
  readonly link: LinkId;
  readonly from: NodeId;
  readonly to: NodeId;
}

export interface TopoLink {
  readonly id: LinkId;
  readonly a: NodeId;
  readonly b: NodeId;
  readonly srlgs: readonly Srlg[];
  readonly affinities: readonly string[];
  /** One arc (a→b) for a one-way link, two (a→b, b→a) otherwise. */
  readonly arcs: readonly TopoArc[];
}

export interface Demand {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly mbps: number;
}

/** Which attributes an importer had to derive because the source lacked them. */
export interface Provenance {
  readonly format: string;
  readonly source?: string;
  readonly attribution?: string;
  readonly derived: readonly string[];
}

export const arcIdOf = (link: LinkId, forward: boolean): ArcId =>
  `${link}${forward ? '#ab' : '#ba'}` as ArcId;
