import { ConflictError } from '../../errors';
import type {
  Incident,
  IncidentAction,
  IncidentClass,
  IncidentState,
  IncidentSuspect,
} from './incident.types';

/**
 * Legal state moves: detected → located → repairing → repaired → resolved, with awaiting-approval (L3, or
 * above the blast-radius cap), failed and rolled-back on the side. Any open state may resolve (its signals
 * cleared); a failed or rolled-back incident may be tried again. Same table as the app's incident book.
 */
export const INCIDENT_MOVES: Readonly<Record<IncidentState, readonly IncidentState[]>> = {
  detected: ['located', 'awaiting-approval', 'repairing', 'failed', 'resolved'],
  located: ['awaiting-approval', 'repairing', 'failed', 'resolved'],
  'awaiting-approval': ['repairing', 'failed', 'resolved', 'located'],
  repairing: ['repaired', 'rolled-back', 'failed', 'resolved'],
  repaired: ['resolved', 'repairing', 'rolled-back'],
  'rolled-back': ['repairing', 'awaiting-approval', 'resolved', 'failed'],
  failed: ['repairing', 'awaiting-approval', 'resolved'],
  resolved: [],
};

/** An event asked an incident for a state move the table does not allow. */
export class IllegalIncidentTransitionError extends ConflictError {
  constructor(
    readonly incidentId: string,
    readonly from: IncidentState,
    readonly to: IncidentState,
  ) {
    super(
      `assurance: incident '${incidentId}' is '${from}' and cannot become '${to}' (allowed: ${INCIDENT_MOVES[from].join(', ') || 'none'})`,
      { element: incidentId },
    );
  }
}

export type IncidentEvent =
  | {
      readonly type: 'located';
      readonly at: number;
      readonly suspects: readonly IncidentSuspect[];
      readonly equivalenceClass: readonly string[];
      readonly confidence?: number;
    }
  | { readonly type: 'classified'; readonly class: IncidentClass; readonly confidence: number }
  | { readonly type: 'evidence'; readonly item: unknown }
  | { readonly type: 'affected'; readonly intents: readonly string[] }
  | { readonly type: 'await-approval'; readonly at: number; readonly detail: string }
  | { readonly type: 'rejected'; readonly at: number; readonly detail: string }
  | { readonly type: 'repair-started'; readonly at: number; readonly kind: string; readonly detail: string }
  | { readonly type: 'verified'; readonly at: number; readonly detail: string }
  | { readonly type: 'rolled-back'; readonly at: number; readonly detail: string }
  | { readonly type: 'failed'; readonly at: number; readonly detail: string }
  | { readonly type: 'resolved'; readonly at: number; readonly detail: string }
  | { readonly type: 'action'; readonly action: IncidentAction };

export interface OpenIncidentInput {
  readonly id: string;
  readonly class: IncidentClass;
  readonly at: number;
  readonly confidence: number;
  readonly suspects?: readonly IncidentSuspect[];
  readonly equivalenceClass?: readonly string[];
  readonly affectedIntents?: readonly string[];
  readonly evidence?: readonly unknown[];
}

export function openIncident(o: OpenIncidentInput): Incident {
  return {
    id: o.id,
    class: o.class,
    state: 'detected',
    detectedAt: o.at,
    locatedAt: null,
    repairedAt: null,
    resolvedAt: null,
    suspects: [...(o.suspects ?? [])],
    equivalenceClass: [...(o.equivalenceClass ?? [])],
    affectedIntents: [...(o.affectedIntents ?? [])],
    evidence: [...(o.evidence ?? [])],
    actions: [],
    confidence: o.confidence,
  };
}

export const canMove = (from: IncidentState, to: IncidentState): boolean => INCIDENT_MOVES[from].includes(to);
export const isOpen = (i: Pick<Incident, 'state'>): boolean => i.state !== 'resolved';

function move(i: Incident, to: IncidentState): Incident {
  if (!canMove(i.state, to)) throw new IllegalIncidentTransitionError(i.id, i.state, to);
  return { ...i, state: to };
}

const act = (i: Incident, a: IncidentAction): Incident => ({ ...i, actions: [...i.actions, a] });

/**
 * Pure reducer: the incident after `e`. State-changing events are checked against INCIDENT_MOVES and throw
 * IllegalIncidentTransitionError; every step that is an operator-visible action is appended to `actions`.
 */
export function reduceIncident(i: Incident, e: IncidentEvent): Incident {
  switch (e.type) {
    case 'located': {
      // Re-locating an already located (or repairing) incident refines the suspects without a state move.
      const base = i.state === 'detected' ? move(i, 'located') : assertOpen(i);
      return {
        ...base,
        locatedAt: base.locatedAt ?? e.at,
        suspects: [...e.suspects],
        equivalenceClass: [...e.equivalenceClass],
        confidence: e.confidence ?? base.confidence,
      };
    }
    case 'classified':
      return { ...assertOpen(i), class: e.class, confidence: e.confidence };
    case 'evidence':
      return { ...i, evidence: [...i.evidence, e.item] };
    case 'affected':
      return { ...i, affectedIntents: [...new Set([...i.affectedIntents, ...e.intents])].sort() };
    case 'await-approval':
      return act(move(i, 'awaiting-approval'), at(e, 'await-approval', 'pending'));
    case 'rejected':
      return act(move(i, 'located'), at(e, 'reject', 'rejected'));
    case 'repair-started':
      return act(move(i, 'repairing'), { at: e.at, kind: e.kind, detail: e.detail, result: 'applied' });
    case 'verified':
      return act({ ...move(i, 'repaired'), repairedAt: e.at }, at(e, 'verify', 'verified'));
    case 'rolled-back':
      return act(move(i, 'rolled-back'), at(e, 'rollback', 'rolled-back'));
    case 'failed':
      return act(move(i, 'failed'), at(e, 'fail', 'failed'));
    case 'resolved':
      return act({ ...move(i, 'resolved'), resolvedAt: e.at }, at(e, 'resolve', 'resolved'));
    case 'action':
      return act(i, e.action);
  }
}

function assertOpen(i: Incident): Incident {
  if (!isOpen(i)) throw new IllegalIncidentTransitionError(i.id, i.state, i.state);
  return i;
}

function at(e: { at: number; detail: string }, kind: string, result: string): IncidentAction {
  return { at: e.at, kind, detail: e.detail, result };
}
