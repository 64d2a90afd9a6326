import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors';
import { transition } from '../../core/intent';
import type { IntentStatus, Reservation } from '../../core/model/intent';
import { EVENT_BUS } from '../../ports/event-bus.port';
import type { EventBus } from '../../ports/event-bus.port';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStore, IntentStoreTx, StoredIntent } from '../../ports/intent-store.port';
import { IntentLedger } from './intent-ledger';
import { CLOCK } from './intent.tokens';
import type { Clock } from './intent.tokens';

export interface StatusPatch {
  /** Replaces the reason; undefined clears it. */
  readonly reason?: string;
  /** New reservations of the intent (written in the same transaction); absent keeps them. */
  readonly reservations?: readonly Reservation[];
  /** Replaces spec/plan/explain (a reverted update). */
  readonly record?: Pick<StoredIntent, 'spec' | 'plan' | 'explain'>;
}

/**
 * Durable intent state changes: each is one store transaction (intent row, reservations, audit entry), then
 * the ledger mirror is updated and a typed event emitted. Every status change goes through the lifecycle.
 */
@Injectable()
export class IntentRecords {
  /**
   * Intents an API call is deploying or deleting right now, in this process: the periodic reconciler leaves
   * them alone (at start-up nothing is in flight, so interrupted ones are finished).
   */
  readonly inFlight = new Set<string>();

  constructor(
    @Inject(INTENT_STORE) private readonly store: IntentStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ledgerState: IntentLedger,
  ) {}

  now(): string {
    return this.clock().toISOString();
  }

  get(name: string): StoredIntent {
    const intent = this.store.getIntent(name);
    if (!intent) throw new NotFoundError(`intent service: no intent '${name}'`, { element: name });
    return intent;
  }

  /** Moves an intent to `to` (checked by the lifecycle) with the audit entry `action`. */
  setStatus(
    name: string,
    to: IntentStatus,
    actor: string,
    action: string,
    patch: StatusPatch = {},
  ): StoredIntent {
    let previous: IntentStatus | undefined;
    const record = this.store.transaction((tx) => {
      const current = tx.getIntent(name);
      if (!current) throw new NotFoundError(`intent service: no intent '${name}'`, { element: name });
      previous = current.status;
      transition(current.status, to, name);
      const at = this.now();
      const next: StoredIntent = {
        ...current,
        ...patch.record,
        status: to,
        ...(patch.reason !== undefined ? { reason: patch.reason } : { reason: undefined }),
        version: current.version + 1,
        updatedAt: at,
      };
      if (next.reason === undefined) delete (next as { reason?: string }).reason;
      // the previous plan is kept only while an update is in flight (ADR 0126)
      if (to !== 'verified' && to !== 'deploying') delete (next as { previous?: unknown }).previous;
      tx.putIntent(next);
      if (patch.reservations) tx.replaceReservations(name, patch.reservations);
      this.audit(tx, actor, action, name, {
        from: previous,
        to,
        ...(patch.reason !== undefined && { reason: patch.reason }),
      });
      return next;
    });
    if (patch.reservations) this.ledgerState.ledger.replace(name, patch.reservations);
    this.emit(record, previous);
    return record;
  }

  /** Removes an intent and releases its reservations, in one transaction. */
  remove(name: string, actor: string): void {
    this.store.transaction((tx) => {
      tx.replaceReservations(name, []);
      tx.deleteIntent(name);
      this.audit(tx, actor, 'delete', name, {});
    });
    this.ledgerState.ledger.release(name);
    this.bus.emit('intent.removed', { intent: name, at: this.now() });
  }

  audit(tx: IntentStoreTx, actor: string, action: string, target: string, detail: unknown): void {
    tx.appendAudit({ at: this.now(), actor, action, target, detail });
  }

  emit(record: StoredIntent, previous: IntentStatus | undefined, status: IntentStatus = record.status): void {
    this.bus.emit('intent.status', {
      intent: record.spec.name,
      status,
      ...(previous !== undefined && { previous }),
      ...(record.reason !== undefined && { reason: record.reason }),
      version: record.version,
      at: record.updatedAt,
    });
  }
}
