import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TokenExistsError } from '../../ports/token-store.port';
import type { Role, StoredToken, TokenStore } from '../../ports/token-store.port';
import { DATABASE_FILE } from './sqlite.intent-store';
import { migrate } from './sqlite.migrations';

interface TokenRow {
  name: string;
  role: string;
  hash: string;
  created_at: string;
  created_by: string;
}

const toToken = (r: TokenRow): StoredToken => ({
  name: r.name,
  role: r.role as Role,
  hash: r.hash,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/**
 * API tokens in the intent store's SQLite file (table `api_tokens`, migration 2), on a connection of its own
 * (WAL allows several). Only SHA-256 hashes are stored: a copy of the database does not hand out access.
 */
export class SqliteTokenStore implements TokenStore {
  private constructor(private readonly db: Database.Database) {}

  static open(options: { readonly dataDir: string }): SqliteTokenStore {
    mkdirSync(options.dataDir, { recursive: true });
    const db = new Database(join(options.dataDir, DATABASE_FILE));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      migrate(db);
      return new SqliteTokenStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  add(token: StoredToken): void {
    try {
      this.db
        .prepare('INSERT INTO api_tokens (name, role, hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
        .run(token.name, token.role, token.hash, token.createdAt, token.createdBy);
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') === true)
        throw new TokenExistsError(token.name);
      throw err;
    }
  }

  revoke(name: string): boolean {
    return this.db.prepare('DELETE FROM api_tokens WHERE name = ?').run(name).changes > 0;
  }

  byHash(hash: string): StoredToken | undefined {
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE hash = ?').get(hash) as TokenRow | undefined;
    return row ? toToken(row) : undefined;
  }

  list(): StoredToken[] {
    return (this.db.prepare('SELECT * FROM api_tokens ORDER BY name').all() as TokenRow[]).map(toToken);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
