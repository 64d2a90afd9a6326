/** Branded identifiers: a NodeId can never be passed where a LinkId is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type NodeId = Brand<string, 'NodeId'>;
export type LinkId = Brand<string, 'LinkId'>;
/** A directed arc: one direction of a physical link. */
export type ArcId = Brand<string, 'ArcId'>;
export type IntentId = Brand<string, 'IntentId'>;
export type SliceId = Brand<string, 'SliceId'>;
export type Srlg = number;

export const nodeId = (s: string): NodeId => s as NodeId;
export const linkId = (s: string): LinkId => s as LinkId;
export const arcId = (s: string): ArcId => s as ArcId;
