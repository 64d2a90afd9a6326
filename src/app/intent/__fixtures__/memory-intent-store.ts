import type { Reservation, SliceSpec } from '../../../core/model/intent';
import type { AuditEntry, IntentStore, IntentStoreTx, StoredIntent } from '../../../ports/intent-store.port';

interface State {
  intents: Map<string, StoredIntent>;
  slices: Map<string, SliceSpec>;
  reservations: Map<string, readonly Reservation[]>;
  audit: AuditEntry[];
}

const copy = (s: State): State => ({
  intents: new Map(s.intents),
  slices: new Map(s.slices),
  reservations: new Map(s.reservations),
  audit: [...s.audit],
});

/** A hand-written in-memory IntentStore for specs: transactions work on a copy that replaces the state on success. */
export class MemoryIntentStore implements IntentStore {
  private state: State = { intents: new Map(), slices: new Map(), reservations: new Map(), audit: [] };
  transactions = 0;

  transaction<T>(fn: (tx: IntentStoreTx) => T): T {
    const draft = copy(this.state);
    const result = fn(txOf(draft));
    this.state = draft;
    this.transactions++;
    return result;
  }

  getIntent(name: string): StoredIntent | undefined {
    return this.state.intents.get(name);
  }
  listIntents(): StoredIntent[] {
    return [...this.state.intents.values()];
  }
  getSlice(name: string): SliceSpec | undefined {
    return this.state.slices.get(name);
  }
  listSlices(): SliceSpec[] {
    return [...this.state.slices.values()];
  }
  reservations(intent?: string): Reservation[] {
    return reservationsOf(this.state, intent);
  }
  audit(options: { target?: string; afterSeq?: number; limit?: number } = {}): AuditEntry[] {
    return this.state.audit
      .filter((a) => options.target === undefined || a.target === options.target)
      .filter((a) => (a.seq ?? 0) > (options.afterSeq ?? 0))
      .slice(0, options.limit ?? Infinity);
  }
  close(): void {}
}

function reservationsOf(s: State, intent?: string): Reservation[] {
  if (intent !== undefined) return [...(s.reservations.get(intent) ?? [])];
  return [...s.reservations.values()].flat();
}

function txOf(s: State): IntentStoreTx {
  return {
    getIntent: (n) => s.intents.get(n),
    listIntents: () => [...s.intents.values()],
    getSlice: (n) => s.slices.get(n),
    listSlices: () => [...s.slices.values()],
    reservations: (i) => reservationsOf(s, i),
    putIntent: (i) => void s.intents.set(i.spec.name, i),
    deleteIntent: (n) => void s.intents.delete(n),
    putSlice: (sl) => void s.slices.set(sl.name, sl),
    deleteSlice: (n) => void s.slices.delete(n),
    replaceReservations: (i, rs) =>
      void (rs.length ? s.reservations.set(i, [...rs]) : s.reservations.delete(i)),
    appendAudit: (e) => void s.audit.push({ ...e, seq: s.audit.length + 1 }),
  };
}
