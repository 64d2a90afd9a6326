import { ConflictError, NotFoundError } from '../../core/errors';
import type { EventBus, IncidentClass, IncidentState, IncidentView } from '../../ports/event-bus.port';
import type { IncidentStore } from '../../ports/incident-store.port';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
export type IncidentRecord = Mutable<IncidentView>;
export type Suspect = IncidentView['suspects'][number];
export type IncidentAction = IncidentView['actions'][number];

/**
 * Legal incident state moves (issue 9): detected → located → repairing → repaired → resolved, with
 * awaiting-approval (L3, or above the blast-radius cap), failed and rolled-back on the side. Any open state
 * may resolve (the signals cleared), and a failed or rolled-back incident may be tried again (→ repairing).
 */
const MOVES: Readonly<Record<IncidentState, readonly IncidentState[]>> = {
  detected: ['located', 'awaiting-approval', 'repairing', 'failed', 'resolved'],
  located: ['awaiting-approval', 'repairing', 'failed', 'resolved'],
  'awaiting-approval': ['repairing', 'failed', 'resolved', 'located'],
  repairing: ['repaired', 'rolled-back', 'failed', 'resolved'],
  repaired: ['resolved', 'repairing', 'rolled-back'],
  'rolled-back': ['repairing', 'awaiting-approval', 'resolved', 'failed'],
  failed: ['repairing', 'awaiting-approval', 'resolved'],
  resolved: [],
};

export const OPEN_STATES: ReadonlySet<IncidentState> = new Set(
  (Object.keys(MOVES) as IncidentState[]).filter((s) => s !== 'resolved'),
);

export interface OpenIncident {
  readonly class: IncidentClass;
  readonly at: number;
  readonly suspects: readonly Suspect[];
  readonly equivalenceClass: readonly string[];
  readonly affectedIntents: readonly string[];
  readonly evidence: readonly unknown[];
  readonly confidence: number;
}

const clone = (r: IncidentRecord): IncidentView => structuredClone(r);

/**
 * The incidents of this controller run, in memory (bounded: the oldest resolved are evicted first). Every
 * change is emitted on the event bus with the incident's full view; state moves are checked against MOVES.
 */
export class IncidentBook {
  private readonly byId = new Map<string, IncidentRecord>();
  private seq = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly capacity = 2_000,
    /** Where every change is written through and the book is read back at start (absent: memory only). */
    private readonly store?: IncidentStore,
  ) {
    for (const r of store?.load() ?? []) {
      this.byId.set(r.id, structuredClone(r) as IncidentRecord);
      const n = Number(/-(\d+)$/.exec(r.id)?.[1] ?? 0);
      if (n > this.seq) this.seq = n;
    }
    this.evict();
  }

  /** Writes the incident through to the store and tells the bus. */
  private changed(r: IncidentRecord, previous?: IncidentState): void {
    const view = clone(r);
    this.store?.save(view);
    this.bus.emit('incident.changed', { incident: view, ...(previous !== undefined && { previous }) });
  }

  open(o: OpenIncident): IncidentRecord {
    this.seq += 1;
    const id = `inc-${o.at.toString(36)}-${this.seq}`;
    const r: IncidentRecord = {
      id,
      class: o.class,
      state: 'detected',
      detectedAt: o.at,
      locatedAt: null,
      repairedAt: null,
      resolvedAt: null,
      suspects: [...o.suspects],
      equivalenceClass: [...o.equivalenceClass],
      affectedIntents: [...o.affectedIntents],
      evidence: [...o.evidence],
      actions: [],
      confidence: o.confidence,
    };
    this.byId.set(id, r);
    this.evict();
    this.store?.save(clone(r));
    this.bus.emit('incident.opened', { incident: clone(r) });
    return r;
  }

  get(id: string): IncidentRecord {
    const r = this.byId.get(id);
    if (!r) throw new NotFoundError(`assurance: no incident '${id}'`, { element: id });
    return r;
  }

  find(id: string): IncidentRecord | undefined {
    return this.byId.get(id);
  }

  list(which: 'open' | 'all' = 'all'): IncidentView[] {
    return [...this.byId.values()]
      .filter((r) => which === 'all' || OPEN_STATES.has(r.state))
      .sort((a, b) => a.detectedAt - b.detectedAt || a.id.localeCompare(b.id))
      .map(clone);
  }

  active(): IncidentRecord[] {
    return [...this.byId.values()].filter((r) => OPEN_STATES.has(r.state));
  }

  /** Moves an incident (ConflictError on an illegal move) and stamps the matching time. */
  move(id: string, to: IncidentState, at: number): IncidentRecord {
    const r = this.get(id);
    if (!MOVES[r.state].includes(to)) {
      throw new ConflictError(
        `assurance: incident '${id}' is '${r.state}' and cannot become '${to}' (allowed: ${MOVES[r.state].join(', ') || 'none'})`,
        { element: id },
      );
    }
    const previous = r.state;
    r.state = to;
    if (to === 'located' && r.locatedAt === null) r.locatedAt = at;
    if (to === 'repaired') r.repairedAt = at;
    if (to === 'resolved') r.resolvedAt = at;
    this.changed(r, previous);
    return r;
  }

  canMove(id: string, to: IncidentState): boolean {
    const r = this.byId.get(id);
    return r !== undefined && MOVES[r.state].includes(to);
  }

  /** Records an action taken (or declined) with its outcome. */
  act(id: string, action: IncidentAction): IncidentRecord {
    const r = this.get(id);
    r.actions.push(action);
    this.changed(r);
    return r;
  }

  /** Replaces the location (suspects, class, confidence) after a new localisation or classification. */
  relocate(
    id: string,
    patch: Partial<
      Pick<IncidentRecord, 'suspects' | 'equivalenceClass' | 'confidence' | 'class' | 'affectedIntents'>
    >,
    evidence?: unknown,
  ): IncidentRecord {
    const r = this.get(id);
    Object.assign(r, patch);
    if (evidence !== undefined) r.evidence.push(evidence);
    this.changed(r);
    return r;
  }

  counts(): { class: IncidentClass; state: IncidentState; n: number }[] {
    const m = new Map<string, { class: IncidentClass; state: IncidentState; n: number }>();
    for (const r of this.byId.values()) {
      const k = `${r.class}/${r.state}`;
      const c = m.get(k) ?? { class: r.class, state: r.state, n: 0 };
      c.n += 1;
      m.set(k, c);
    }
    return [...m.values()];
  }

  private evict(): void {
    if (this.byId.size <= this.capacity) return;
    for (const [id, r] of this.byId) {
      if (this.byId.size <= this.capacity) break;
      if (r.state !== 'resolved') continue;
      this.byId.delete(id);
      this.store?.remove(id);
    }
  }
}
