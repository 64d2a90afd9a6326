import type { IntentStatus } from '../core/model/intent';

/** Typed domain events (one map, one generic emit), streamed to `watch` clients and the dashboard. */
export interface IntentStatusEvent {
  readonly intent: string;
  readonly status: IntentStatus;
  readonly previous?: IntentStatus;
  readonly reason?: string;
  readonly version: number;
  readonly at: string;
}

export interface IntentRemovedEvent {
  readonly intent: string;
  readonly at: string;
}

/** Fault classes, named as the simulator names its faults (issue 9 contract). */
export type IncidentClass =
  | 'link-down'
  | 'node-down'
  | 'gray-loss'
  | 'latency'
  | 'flap'
  | 'crc'
  | 'congestion'
  | 'drift'
  | 'telemetry-gap';

export type IncidentState =
  | 'detected'
  | 'located'
  | 'awaiting-approval'
  | 'repairing'
  | 'repaired'
  | 'resolved'
  | 'failed'
  | 'rolled-back';

/** An incident as the API, the event stream and the dashboard show it (contract; times: network-clock ms). */
export interface IncidentView {
  readonly id: string;
  readonly class: IncidentClass;
  readonly state: IncidentState;
  readonly detectedAt: number;
  readonly locatedAt: number | null;
  readonly repairedAt: number | null;
  readonly resolvedAt: number | null;
  readonly suspects: readonly {
    readonly kind: 'link' | 'node' | 'policy';
    readonly id: string;
    readonly probability: number;
  }[];
  readonly equivalenceClass: readonly string[];
  readonly affectedIntents: readonly string[];
  readonly evidence: readonly unknown[];
  readonly actions: readonly {
    readonly at: number;
    readonly kind: string;
    readonly detail: string;
    readonly result: string;
  }[];
  readonly confidence: number;
}

/** An incident opened or changed state (or gained an action); `incident` is its full view after the change. */
export interface IncidentEvent {
  readonly incident: IncidentView;
  readonly previous?: IncidentState;
}

/**
 * The reconciler found a headend disagreeing with the store: a planned policy `missing` or `drifted` (not as
 * planned), or an `orphan` no intent owns. `repaired` says whether it fixed it (the assurance loop can raise
 * a drift incident from the same comparison).
 */
export interface IntentDriftEvent {
  readonly intent?: string;
  /** `headend/name` */
  readonly policy: string;
  readonly kind: 'missing' | 'drifted' | 'orphan';
  readonly repaired: boolean;
  readonly at: string;
}

export interface DomainEventMap {
  'intent.status': IntentStatusEvent;
  'intent.drift': IntentDriftEvent;
  'intent.removed': IntentRemovedEvent;
  'incident.opened': IncidentEvent;
  'incident.changed': IncidentEvent;
}

export type DomainEventName = keyof DomainEventMap;

export interface EventBus {
  emit<K extends DomainEventName>(name: K, event: DomainEventMap[K]): void;
  /** Call `handler` for every later event of this name; returns the unsubscribe function. */
  on<K extends DomainEventName>(name: K, handler: (event: DomainEventMap[K]) => void): () => void;
}

export const EVENT_BUS = Symbol('EventBus');
