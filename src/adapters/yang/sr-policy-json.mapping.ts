import type { PlannedPolicy } from '../../core/model/intent';

/**
 * Core PlannedPolicy → RFC 7951 JSON of one `autonet-sr-policy` policy entry: the payload of the gNMI Set at
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
  readonly 'candidate-path': readonly SrCandidatePathJson[];
}

/**
 * One candidate path per planned path, one segment list of weight 1 each, segments indexed from 0 in push
 * order. A path with no segment (the endpoint is reached by plain IGP routing) carries the endpoint's End SID,
 * since an SRv6 segment list is never empty.
 */
export function plannedPolicyToSrPolicy(policy: PlannedPolicy, bindingSid?: string): SrPolicyJson {
  return {
    name: policy.name,
    headend: policy.headend,
    color: policy.color,
    endpoint: policy.endpointSid,
    ...(bindingSid !== undefined ? { 'binding-sid': bindingSid } : {}),
    'candidate-path': policy.candidatePaths.map((path) => {
      const sids = path.segments.length > 0 ? path.segments.map((s) => s.sid) : [policy.endpointSid];
      return {
        preference: path.preference,
        'segment-list': [{ index: 0, weight: 1, segment: sids.map((sid, index) => ({ index, sid })) }],
      };
    }),
  };
}

/** A full `autonet-sr-policy` document (for validation or a headend-wide replace). */
export function srPoliciesDocument(policies: readonly SrPolicyJson[]): Record<string, unknown> {
  return { [SR_POLICIES_CONTAINER]: { policy: policies } };
}
