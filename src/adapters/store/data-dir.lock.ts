import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'autonet.lock';

/** A second controller on a data directory that another one holds. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  readonly code = 'DATA_DIR_LOCKED';
}

/**
 * One controller per data directory: an exclusive SQLite lock on `<dataDir>/autonet.lock`, held by a
 * connection of its own until `release`. The operating system drops it when the process dies (even by
 * kill -9), so no stale lock survives a crash and no pid has to be guessed (docs/adr/0126-durable-updates.md).
 */
export class DataDirLock {
  private constructor(private readonly db: Database.Database) {}

  static acquire(dataDir: string): DataDirLock {
    const file = join(dataDir, LOCK_FILE);
    const db = new Database(file, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since TEXT NOT NULL)');
      db.exec('BEGIN EXCLUSIVE');
      db.prepare('DELETE FROM holder').run();
      db.prepare('INSERT INTO holder VALUES (?, ?)').run(process.pid, new Date().toISOString());
      db.exec('COMMIT');
    } catch (error) {
      db.close();
      const holder = readPid(dataDir);
      throw new DataDirLockedError(
        `data directory ${dataDir} is in use by another Autonet controller${holder ? ` (pid ${holder})` : ''}; ` +
          `stop it or choose another --data-dir (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    writeFileSync(join(dataDir, `${LOCK_FILE}.pid`), `${process.pid}\n`);
    return new DataDirLock(db);
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}

function readPid(dataDir: string): string | undefined {
  try {
    return readFileSync(join(dataDir, `${LOCK_FILE}.pid`), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
