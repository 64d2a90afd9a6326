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

export interface DomainEventMap {
  'intent.status': IntentStatusEvent;
  'intent.removed': IntentRemovedEvent;
}

export type DomainEventName = keyof DomainEventMap;

export interface EventBus {
  emit<K extends DomainEventName>(name: K, event: DomainEventMap[K]): void;
  /** Call `handler` for every later event of this name; returns the unsubscribe function. */
  on<K extends DomainEventName>(name: K, handler: (event: DomainEventMap[K]) => void): () => void;
}

export const EVENT_BUS = Symbol('EventBus');
