import { ConflictError } from '../errors';
import type { IntentStatus } from '../model/intent';

/**
 * The intent lifecycle (RFC 9315 §5, ADR 0032) as an explicit state machine.
 *
 *   accepted → compiled → verified → deploying → deployed → compliant | degraded | repairing
 *
 * Every state can reach `failed`, and `failed` can always be retried (→ accepted) or deleted (→ deleting), so
 * no intent can get stuck. Any settled state can be re-planned (→ accepted) or deleted. `deploying` is left
 * only by `deployed` or `failed`: the deploy always ends, and reconciliation at start ends interrupted ones.
 * `deleting` ends by removal (not a state) or by `failed` when the network refused, which can be retried.
 */
export const TRANSITIONS: Readonly<Record<IntentStatus, readonly IntentStatus[]>> = {
  accepted: ['compiled', 'failed', 'deleting'],
  compiled: ['verified', 'failed', 'deleting'],
  verified: ['deploying', 'failed', 'deleting'],
  deploying: ['deployed', 'failed'],
  deployed: ['compliant', 'degraded', 'repairing', 'accepted', 'failed', 'deleting'],
  compliant: ['degraded', 'repairing', 'accepted', 'failed', 'deleting'],
  degraded: ['compliant', 'repairing', 'accepted', 'failed', 'deleting'],
  repairing: ['compliant', 'degraded', 'deploying', 'accepted', 'failed', 'deleting'],
  failed: ['accepted', 'deleting'],
  deleting: ['failed'],
};

export const INTENT_STATUSES: readonly IntentStatus[] = Object.keys(TRANSITIONS) as IntentStatus[];

/** States in which an intent holds an installed (or being installed) plan in the network. */
export const IN_SERVICE: ReadonlySet<IntentStatus> = new Set([
  'deployed',
  'compliant',
  'degraded',
  'repairing',
]);

export function canTransition(from: IntentStatus, to: IntentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The next status, or a ConflictError naming the illegal move. */
export function transition(from: IntentStatus, to: IntentStatus, intent = 'intent'): IntentStatus {
  if (!canTransition(from, to)) {
    throw new ConflictError(
      `lifecycle: intent '${intent}' cannot go from '${from}' to '${to}' (allowed: ${TRANSITIONS[from].join(', ')})`,
      { element: intent },
    );
  }
  return to;
}

/** The shortest legal route between two states (both ends included), or undefined when there is none. */
export function routeTo(from: IntentStatus, to: IntentStatus): IntentStatus[] | undefined {
  const previous = new Map<IntentStatus, IntentStatus>();
  const queue: IntentStatus[] = [from];
  const seen = new Set<IntentStatus>([from]);
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (s === to) {
      const route = [s];
      for (let p = previous.get(s); p !== undefined; p = previous.get(p)) route.unshift(p);
      return route;
    }
    for (const n of TRANSITIONS[s]) {
      if (seen.has(n)) continue;
      seen.add(n);
      previous.set(n, s);
      queue.push(n);
    }
  }
  return undefined;
}
