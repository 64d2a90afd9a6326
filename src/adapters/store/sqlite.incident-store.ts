import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IncidentView } from '../../ports/event-bus.port';
import type { IncidentStore } from '../../ports/incident-store.port';
import { DATABASE_FILE } from './sqlite.intent-store';

/**
 * Incidents in the intent store's SQLite file (table `incidents`, one JSON document per incident), on a
 * connection of its own (WAL allows several). The table is created here if missing: it is independent of
 * the intent schema and its migrations.
 */
export class SqliteIncidentStore implements IncidentStore {
  private readonly put: Database.Statement;
  private readonly del: Database.Statement;

  private constructor(private readonly db: Database.Database) {
    this.put = db.prepare(
      'INSERT INTO incidents (id, detected_at, state, body) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT(id) DO UPDATE SET state = excluded.state, body = excluded.body',
    );
    this.del = db.prepare('DELETE FROM incidents WHERE id = ?');
  }

  static open(options: { readonly dataDir: string }): SqliteIncidentStore {
    mkdirSync(options.dataDir, { recursive: true });
    const db = new Database(join(options.dataDir, DATABASE_FILE));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.exec(
        'CREATE TABLE IF NOT EXISTS incidents (id TEXT PRIMARY KEY, detected_at INTEGER NOT NULL, ' +
          'state TEXT NOT NULL, body TEXT NOT NULL)',
      );
      return new SqliteIncidentStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  load(): IncidentView[] {
    const rows = this.db.prepare('SELECT body FROM incidents ORDER BY detected_at, id').all() as {
      body: string;
    }[];
    return rows.map((r) => JSON.parse(r.body) as IncidentView);
  }

  save(incident: IncidentView): void {
    this.put.run(incident.id, incident.detectedAt, incident.state, JSON.stringify(incident));
  }

  remove(id: string): void {
    this.del.run(id);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
