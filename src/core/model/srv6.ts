import type { ArcId, LinkId, NodeId } from './ids';

/** RFC 8986 endpoint behaviours Autonet allocates (IANA codepoints in parentheses). */
export type Srv6Behavior = 'End' | 'End.X';
export const SRV6_BEHAVIOR_CODEPOINT: Readonly<Record<Srv6Behavior, number>> = { End: 1, 'End.X': 5 };

/** SID structure (RFC 8986 §3.1, ietf-srv6-types sid-structure): the lengths add up to at most 128. */
export interface SidStructure {
  readonly blockLength: number;
  readonly nodeLength: number;
  readonly functionLength: number;
  readonly argumentLength: number;
}

export interface Srv6Plan {
  /** The SID block, e.g. fcbb:bb00::/32. */
  readonly block: string;
  readonly structure: SidStructure;
}

export interface Locator {
  readonly node: NodeId;
  /** Node number inside the block. */
  readonly nodeNumber: number;
  /** Canonical prefix text, e.g. fcbb:bb00:1::/48. */
  readonly prefix: string;
}

export interface Sid {
  readonly sid: string;
  readonly value: bigint;
  readonly behavior: Srv6Behavior;
  readonly node: NodeId;
  /** For End.X: the adjacency (arc) it crosses and that arc's link. */
  readonly arc?: ArcId;
  readonly link?: LinkId;
}

export const DEFAULT_SRV6_PLAN: Srv6Plan = {
  block: 'fcbb:bb00::/32',
  structure: { blockLength: 32, nodeLength: 16, functionLength: 16, argumentLength: 0 },
};

/** Function values: End is the locator itself (function 0, the uN form), End.X counts up from 0xE000 (uA). */
export const END_FUNCTION = 0;
export const END_X_FUNCTION_BASE = 0xe000;
