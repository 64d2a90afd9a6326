import type { DomainEventMap, DomainEventName, EventBus } from '../../ports/event-bus.port';

type Handler = (event: never) => void;

/** Synchronous in-process event bus; a throwing subscriber never stops the others or the emitter. */
export class InProcessEventBus implements EventBus {
  private readonly handlers = new Map<DomainEventName, Set<Handler>>();

  constructor(private readonly onError: (err: unknown) => void = () => undefined) {}

  emit<K extends DomainEventName>(name: K, event: DomainEventMap[K]): void {
    for (const h of [...(this.handlers.get(name) ?? [])]) {
      try {
        (h as (e: DomainEventMap[K]) => void)(event);
      } catch (err) {
        this.onError(err);
      }
    }
  }

  on<K extends DomainEventName>(name: K, handler: (event: DomainEventMap[K]) => void): () => void {
    const set = this.handlers.get(name) ?? new Set<Handler>();
    this.handlers.set(name, set);
    const h: Handler = handler;
    set.add(h);
    return () => {
      set.delete(h);
    };
  }

  listenerCount(name: DomainEventName): number {
    return this.handlers.get(name)?.size ?? 0;
  }
}
