export { SqliteIntentStore, DATABASE_FILE, type SqliteIntentStoreOptions } from './sqlite.intent-store';
export { MIGRATIONS, migrate, type Migration } from './sqlite.migrations';
export { SqliteTokenStore } from './sqlite.token-store';
export { SqliteIncidentStore } from './sqlite.incident-store';
export { DataDirLock, DataDirLockedError, LOCK_FILE } from './data-dir.lock';
