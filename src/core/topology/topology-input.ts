import type { Demand, GeoPoint, NodeRole, Provenance } from '../model/topology';

/** What importers, generators and the own format produce before invariants are checked. */
export interface NodeInput {
  readonly id: string;
  readonly name?: string;
  readonly site?: string;
  readonly role?: NodeRole;
  readonly geo?: GeoPoint;
  readonly locatorNode?: number;
}

export interface DirectionInput {
  readonly capacityMbps: number;
  readonly delayUs: number;
  readonly igpMetric: number;
  readonly teMetric?: number;
}

export interface LinkInput {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly srlgs?: readonly number[];
  readonly affinities?: readonly string[];
  /** Attributes of the a→b direction. */
  readonly ab: DirectionInput;
  /** Attributes of the b→a direction; null for a one-way link. */
  readonly ba: DirectionInput | null;
}

export interface DemandInput {
  readonly from: string;
  readonly to: string;
  readonly mbps: number;
}

export interface TopologyInput {
  readonly name: string;
  readonly nodes: readonly NodeInput[];
  readonly links: readonly LinkInput[];
  readonly demands?: readonly DemandInput[];
  readonly provenance?: Provenance;
}

export type { Demand };
