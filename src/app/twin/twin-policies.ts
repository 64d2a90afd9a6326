import type { TwinPolicy } from '../../core/twin';
import type { ArcId } from '../../core/model/ids';
import type { IntentPlan, IntentSpec, IntentStatus, Reservation } from '../../core/model/intent';

/** Statuses whose policies are in the network (the deployer installed them and nothing removed them yet). */
const IN_NETWORK: ReadonlySet<IntentStatus> = new Set([
  'deployed',
  'compliant',
  'degraded',
  'repairing',
  'deleting',
]);

export const inNetwork = (status: IntentStatus): boolean => IN_NETWORK.has(status);

/** The twin's view of an intent's planned policies: SID lists as deployed, the intent's SLO on each. */
export function twinPoliciesOf(spec: IntentSpec, plan: IntentPlan): TwinPolicy[] {
  return plan.policies.map((p) => ({
    headend: p.headend,
    name: p.name,
    intent: spec.name,
    endpoint: p.endpoint,
    color: p.color,
    candidatePaths: p.candidatePaths.map((cp) => ({
      preference: cp.preference,
      segmentLists: [
        { weight: 1, sids: cp.segments.length > 0 ? cp.segments.map((s) => s.sid) : [p.endpointSid] },
      ],
    })),
    slo: {
      bandwidthMbps: spec.slo.bandwidthMbps,
      ...(spec.slo.maxDelayUs !== undefined && { maxDelayUs: spec.slo.maxDelayUs }),
      ...(spec.slo.maxLossPct !== undefined && { maxLossPct: spec.slo.maxLossPct }),
    },
  }));
}

/** Reserved Mbit/s per arc, all pools together. */
export function reservedByArc(reservations: readonly Reservation[]): Map<ArcId, number> {
  const out = new Map<ArcId, number>();
  for (const r of reservations) out.set(r.arc, (out.get(r.arc) ?? 0) + r.mbps);
  return out;
}
