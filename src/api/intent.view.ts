import { intentSpecToBody } from '../adapters/yang';
import type { IntentStatus } from '../core/model/intent';
import type { StoredIntent } from '../ports/intent-store.port';
import type { DryRunResult } from '../app/intent';

/** The REST representation of an intent: the body as submitted plus status, plan and explanation. */
export function intentView(i: StoredIntent) {
  return {
    ...intentSpecToBody(i.spec),
    status: i.status,
    ...(i.reason !== undefined && { reason: i.reason }),
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    ...(i.plan && { plan: i.plan }),
    ...(i.explain !== undefined && { explain: i.explain }),
  };
}

export function dryRunView(r: DryRunResult) {
  return {
    ...intentSpecToBody(r.spec),
    status: r.status satisfies IntentStatus,
    dryRun: true,
    plan: r.plan,
    explain: r.explain,
    verification: r.verification,
  };
}
