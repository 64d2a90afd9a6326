import type Database from 'better-sqlite3';

/**
 * Schema of the intent store, as numbered migrations applied in order, each in its own transaction and
 * recorded in `schema_migrations`. Never edit a released migration: add the next one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'intents, slices, reservations, audit',
    sql: `
      CREATE TABLE intents (
        name        TEXT PRIMARY KEY,
        spec        TEXT NOT NULL CHECK (json_valid(spec)),
        status      TEXT NOT NULL,
        plan        TEXT CHECK (plan IS NULL OR json_valid(plan)),
        reason      TEXT,
        explain     TEXT CHECK (explain IS NULL OR json_valid(explain)),
        version     INTEGER NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE slices (
        name  TEXT PRIMARY KEY,
        spec  TEXT NOT NULL CHECK (json_valid(spec))
      ) STRICT;

      CREATE TABLE reservations (
        id      INTEGER PRIMARY KEY,
        intent  TEXT NOT NULL REFERENCES intents(name) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        arc     TEXT NOT NULL,
        pool    TEXT NOT NULL,
        mbps    REAL NOT NULL CHECK (mbps >= 0)
      ) STRICT;
      CREATE INDEX reservations_by_arc ON reservations (arc, pool);
      CREATE INDEX reservations_by_intent ON reservations (intent);

      CREATE TABLE audit (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT NOT NULL,
        detail  TEXT CHECK (detail IS NULL OR json_valid(detail))
      );
      CREATE INDEX audit_by_target ON audit (target, seq);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'api tokens (hashed)',
    sql: `
      CREATE TABLE api_tokens (
        name        TEXT PRIMARY KEY,
        role        TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'engineer', 'admin')),
        hash        TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'previous plan of an update in flight; audit retention',
    sql: `
      ALTER TABLE intents ADD COLUMN previous TEXT CHECK (previous IS NULL OR json_valid(previous));
      CREATE TABLE audit_retention_gate (open INTEGER NOT NULL) STRICT;
      DROP TRIGGER audit_no_delete;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        WHEN (SELECT COUNT(*) FROM audit_retention_gate) = 0
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
    `,
  },
];

/** Applies every migration newer than the database; refuses a database written by a newer Autonet. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new Error(
      `intent store: database schema version ${current} is newer than this Autonet (${latest})`,
    );
  }
  const record = db.prepare(
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ'))",
  );
  for (const m of [...migrations].sort((x, y) => x.version - y.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name);
    })();
  }
  return latest;
}
