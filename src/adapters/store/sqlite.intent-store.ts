import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ArcId } from '../../core/model/ids';
import type { IntentSpec, IntentStatus, Reservation, SliceSpec } from '../../core/model/intent';
import type { AuditEntry, IntentStore, IntentStoreTx, StoredIntent } from '../../ports/intent-store.port';
import { DataDirLock } from './data-dir.lock';
import { migrate } from './sqlite.migrations';

export interface SqliteIntentStoreOptions {
  /** Folder of the database; created if missing. The file is `<dataDir>/autonet.db` (plus -wal, -shm). */
  readonly dataDir: string;
  /**
   * `full` (default): every commit is fsynced, so it survives power loss as well as a process crash.
   * `normal`: survives a process crash (kill -9) but may lose the last commits on power loss.
   * See docs/adr/0031-intent-store.md.
   */
  readonly synchronous?: 'full' | 'normal';
  /** Hold the data directory's lock while open: a second controller on the same directory refuses to start. */
  readonly exclusive?: boolean;
}

export const DATABASE_FILE = 'autonet.db';

interface IntentRow {
  name: string;
  spec: string;
  status: string;
  plan: string | null;
  reason: string | null;
  explain: string | null;
  previous: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
interface ReservationRow {
  intent: string;
  arc: string;
  pool: string;
  mbps: number;
}
interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string | null;
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/**
 * IntentStore on SQLite (better-sqlite3, WAL). Reads are plain statements; every write goes through
 * `transaction`, which is better-sqlite3's synchronous `db.transaction` (BEGIN IMMEDIATE … COMMIT, rolled back
 * if the function throws), so admission checks and reservations are one atomic step and a crash leaves exactly
 * the last committed state. The audit table is append-only (triggers refuse UPDATE and DELETE).
 */
export class SqliteIntentStore implements IntentStore {
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<typeof prepareStatements>;
  private readonly tx: IntentStoreTx;
  private readonly runInTransaction: Database.Transaction<(fn: (tx: IntentStoreTx) => unknown) => unknown>;

  private lock: DataDirLock | undefined;

  private constructor(db: Database.Database) {
    this.db = db;
    this.stmt = prepareStatements(db);
    this.tx = this.writer();
    this.runInTransaction = db.transaction((fn: (tx: IntentStoreTx) => unknown) => fn(this.tx));
  }

  static open(options: SqliteIntentStoreOptions): SqliteIntentStore {
    mkdirSync(options.dataDir, { recursive: true });
    const lock = options.exclusive ? DataDirLock.acquire(options.dataDir) : undefined;
    let db: Database.Database;
    try {
      db = new Database(join(options.dataDir, DATABASE_FILE));
    } catch (error) {
      lock?.release();
      throw error;
    }
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
      if (mode.toLowerCase() !== 'wal')
        throw new Error(`intent store: cannot use WAL (journal_mode ${mode})`);
      db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db);
      const store = new SqliteIntentStore(db);
      store.lock = lock;
      return store;
    } catch (error) {
      db.close();
      lock?.release();
      throw error;
    }
  }

  transaction<T>(fn: (tx: IntentStoreTx) => T): T {
    return this.runInTransaction.immediate(fn) as T;
  }

  getIntent(name: string): StoredIntent | undefined {
    const row = this.stmt.getIntent.get(name) as IntentRow | undefined;
    return row ? toStoredIntent(row) : undefined;
  }

  listIntents(): StoredIntent[] {
    return (this.stmt.listIntents.all() as IntentRow[]).map(toStoredIntent);
  }

  getSlice(name: string): SliceSpec | undefined {
    const row = this.stmt.getSlice.get(name) as { spec: string } | undefined;
    return row ? (JSON.parse(row.spec) as SliceSpec) : undefined;
  }

  listSlices(): SliceSpec[] {
    return (this.stmt.listSlices.all() as { spec: string }[]).map((r) => JSON.parse(r.spec) as SliceSpec);
  }

  reservations(intent?: string): Reservation[] {
    const rows = (
      intent === undefined ? this.stmt.allReservations.all() : this.stmt.intentReservations.all(intent)
    ) as ReservationRow[];
    return rows.map((r) => ({ intent: r.intent, arc: r.arc as ArcId, pool: r.pool, mbps: r.mbps }));
  }

  audit(
    options: { readonly target?: string; readonly afterSeq?: number; readonly limit?: number } = {},
  ): AuditEntry[] {
    const rows = this.stmt.audit.all({
      target: options.target ?? null,
      after: options.afterSeq ?? 0,
      limit: options.limit ?? -1,
    }) as AuditRow[];
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      ...(r.detail !== null ? { detail: JSON.parse(r.detail) as unknown } : {}),
    }));
  }

  /**
   * Audit retention: removes entries older than `maxAgeDays` (relative to `now`) and all but the newest
   * `maxRows`; returns how many were removed. The only way rows leave the append-only table (the trigger
   * refuses any other DELETE).
   */
  pruneAudit(options: {
    readonly maxRows?: number;
    readonly maxAgeDays?: number;
    readonly now: Date;
  }): number {
    return this.transaction(() => {
      this.db.prepare('INSERT INTO audit_retention_gate VALUES (1)').run();
      let removed = 0;
      if (options.maxAgeDays !== undefined) {
        const cutoff = new Date(options.now.getTime() - options.maxAgeDays * 86_400_000).toISOString();
        removed += this.db.prepare('DELETE FROM audit WHERE at < ?').run(cutoff).changes;
      }
      if (options.maxRows !== undefined) {
        removed += this.db
          .prepare('DELETE FROM audit WHERE seq <= (SELECT MAX(seq) FROM audit) - ?')
          .run(options.maxRows).changes;
      }
      this.db.prepare('DELETE FROM audit_retention_gate').run();
      return removed;
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.lock?.release();
  }

  private writer(): IntentStoreTx {
    const s = this.stmt;
    return {
      getIntent: (name) => this.getIntent(name),
      listIntents: () => this.listIntents(),
      getSlice: (name) => this.getSlice(name),
      listSlices: () => this.listSlices(),
      reservations: (intent) => this.reservations(intent),
      putIntent: (i) => {
        s.putIntent.run({
          name: i.spec.name,
          spec: JSON.stringify(i.spec),
          status: i.status,
          plan: json(i.plan),
          reason: i.reason ?? null,
          explain: json(i.explain),
          previous: json(i.previous),
          version: i.version,
          createdAt: i.createdAt,
          updatedAt: i.updatedAt,
        });
      },
      deleteIntent: (name) => void s.deleteIntent.run(name),
      putSlice: (slice) => void s.putSlice.run(slice.name, JSON.stringify(slice)),
      deleteSlice: (name) => void s.deleteSlice.run(name),
      replaceReservations: (intent, reservations) => {
        s.deleteReservations.run(intent);
        for (const r of reservations) {
          if (r.intent !== intent)
            throw new Error(`intent store: reservation of '${r.intent}' given for '${intent}'`);
          s.insertReservation.run(intent, r.arc, r.pool, r.mbps);
        }
      },
      appendAudit: (e) => void s.appendAudit.run(e.at, e.actor, e.action, e.target, json(e.detail)),
    };
  }
}

function toStoredIntent(row: IntentRow): StoredIntent {
  return {
    spec: JSON.parse(row.spec) as IntentSpec,
    status: row.status as IntentStatus,
    ...(row.plan !== null ? { plan: JSON.parse(row.plan) as StoredIntent['plan'] } : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.explain !== null ? { explain: JSON.parse(row.explain) as unknown } : {}),
    ...(row.previous !== null ? { previous: JSON.parse(row.previous) as StoredIntent['previous'] } : {}),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function prepareStatements(db: Database.Database) {
  return {
    getIntent: db.prepare('SELECT * FROM intents WHERE name = ?'),
    listIntents: db.prepare('SELECT * FROM intents ORDER BY name'),
    putIntent: db.prepare(`INSERT INTO intents
        (name, spec, status, plan, reason, explain, previous, version, created_at, updated_at)
      VALUES (@name, @spec, @status, @plan, @reason, @explain, @previous, @version, @createdAt, @updatedAt)
      ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, status = excluded.status, plan = excluded.plan,
        reason = excluded.reason, explain = excluded.explain, previous = excluded.previous,
        version = excluded.version,
        updated_at = excluded.updated_at`),
    deleteIntent: db.prepare('DELETE FROM intents WHERE name = ?'),
    getSlice: db.prepare('SELECT spec FROM slices WHERE name = ?'),
    listSlices: db.prepare('SELECT spec FROM slices ORDER BY name'),
    putSlice: db.prepare(
      'INSERT INTO slices (name, spec) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET spec = excluded.spec',
    ),
    deleteSlice: db.prepare('DELETE FROM slices WHERE name = ?'),
    allReservations: db.prepare('SELECT intent, arc, pool, mbps FROM reservations ORDER BY id'),
    intentReservations: db.prepare(
      'SELECT intent, arc, pool, mbps FROM reservations WHERE intent = ? ORDER BY id',
    ),
    deleteReservations: db.prepare('DELETE FROM reservations WHERE intent = ?'),
    insertReservation: db.prepare('INSERT INTO reservations (intent, arc, pool, mbps) VALUES (?, ?, ?, ?)'),
    appendAudit: db.prepare('INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)'),
    audit: db.prepare(`SELECT * FROM audit WHERE (@target IS NULL OR target = @target) AND seq > @after
      ORDER BY seq LIMIT @limit`),
  };
}
