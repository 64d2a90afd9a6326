import type { IntentPlan, IntentSpec, IntentStatus, Reservation, SliceSpec } from '../core/model/intent';

/**
 * Durable state of the intent service. All writes go through `transaction`, which is synchronous and atomic
 * (better-sqlite3 in WAL mode): admission checks and reservations happen in one transaction, so concurrent
 * submissions can never overbook an arc, and a crash leaves exactly the last committed state.
 */
/** The in-service plan an update replaces, kept durable until the new plan is verified in the network. */
export interface PreviousPlan {
  readonly spec: IntentSpec;
  readonly status: IntentStatus;
  readonly plan?: IntentPlan;
  readonly explain?: unknown;
}

export interface StoredIntent {
  readonly spec: IntentSpec;
  readonly status: IntentStatus;
  readonly plan?: IntentPlan;
  /** Why the intent failed or is degraded. */
  readonly reason?: string;
  readonly explain?: unknown;
  /**
   * While an update is in flight (verified/deploying): the plan it replaces. A crash at any point ends, after
   * reconciliation, in exactly one of the two plans (docs/adr/0126-durable-updates.md).
   */
  readonly previous?: PreviousPlan;
  /** Incremented on every write; used for optimistic concurrency and watch. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AuditEntry {
  readonly seq?: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly detail?: unknown;
}

export interface IntentStoreReader {
  getIntent(name: string): StoredIntent | undefined;
  listIntents(): StoredIntent[];
  getSlice(name: string): SliceSpec | undefined;
  listSlices(): SliceSpec[];
  /** Every reservation, or those of one intent. */
  reservations(intent?: string): Reservation[];
}

export interface IntentStoreTx extends IntentStoreReader {
  putIntent(intent: StoredIntent): void;
  deleteIntent(name: string): void;
  putSlice(slice: SliceSpec): void;
  deleteSlice(name: string): void;
  /** Replace all reservations of one intent (empty list releases them). */
  replaceReservations(intent: string, reservations: readonly Reservation[]): void;
  appendAudit(entry: AuditEntry): void;
}

export interface IntentStore extends IntentStoreReader {
  transaction<T>(fn: (tx: IntentStoreTx) => T): T;
  audit(options?: {
    readonly target?: string;
    readonly afterSeq?: number;
    readonly limit?: number;
  }): AuditEntry[];
  /** Audit retention (rows and/or age); returns how many entries were removed. Optional for fakes. */
  pruneAudit?(options: {
    readonly maxRows?: number;
    readonly maxAgeDays?: number;
    readonly now: Date;
  }): number;
  close(): void;
}

export const INTENT_STORE = Symbol('IntentStore');
