import type { SrPolicyConfig } from '../../ports/ne-driver.port';

/**
 * RFC 7951 JSON of one `autonet-sr-policy` policy entry: the payload of the gNMI Set at
 * `/autonet-sr-policy:sr-policies/policy[name=<name>]`. Same shape as `SrPolicyJson` in simulators/sim-source.ts
 * (which src/ may not import), plus the `index` key every segment list needs in YANG (a configuration list
 * must have a key); the extra member is ignored by consumers of the simulator type.
 */
export const SR_POLICY_MODULE = 'autonet-sr-policy';
export const SR_POLICIES_CONTAINER = `${SR_POLICY_MODULE}:sr-policies`;

export interface SrSegmentJson {
  readonly index: number;
  readonly sid: string;
}

export interface SrSegmentListJson {
  readonly index: number;
  readonly weight: number;
  readonly segment: readonly SrSegmentJson[];
}

export interface SrCandidatePathJson {
  readonly preference: number;
  readonly 'segment-list': readonly SrSegmentListJson[];
}

export interface SrPolicyJson {
  readonly name: string;
  readonly headend: string;
  readonly color: number;
  readonly endpoint: string;
  readonly 'binding-sid'?: string;
  /** Probe-only: measured, never steered into (leaf `probe-only`, default false). */
  readonly 'probe-only'?: boolean;
  readonly 'candidate-path': readonly SrCandidatePathJson[];
}

/**
 * An SR policy as the NeDriver port carries it → the RFC 7951 JSON every headend receives (gNMI Set payload,
 * YANG-validated in tests). Segment lists and segments are indexed from 0 in order (the YANG list keys).
 */
export function srPolicyToJson(p: SrPolicyConfig): SrPolicyJson {
  return {
    name: p.name,
    headend: p.headend,
    color: p.color,
    endpoint: p.endpoint,
    ...(p.bindingSid !== undefined && { 'binding-sid': p.bindingSid }),
    ...(p.probeOnly === true && { 'probe-only': true }),
    'candidate-path': p.candidatePaths.map((cp) => ({
      preference: cp.preference,
      'segment-list': cp.segmentLists.map((sl, index) => ({
        index,
        weight: sl.weight,
        segment: sl.sids.map((sid, i) => ({ index: i, sid })),
      })),
    })),
  };
}

/** A full `autonet-sr-policy` document (for validation or a headend-wide replace). */
export function srPoliciesDocument(policies: readonly SrPolicyJson[]): Record<string, unknown> {
  return { [SR_POLICIES_CONTAINER]: { policy: policies } };
}
