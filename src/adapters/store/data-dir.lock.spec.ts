import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError } from './data-dir.lock';
import { SqliteIntentStore } from './sqlite.intent-store';

describe('data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'autonet-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one exclusive store open a data directory and refuses a second with a clear error', () => {
    const first = SqliteIntentStore.open({ dataDir: dir, exclusive: true });
    expect(() => SqliteIntentStore.open({ dataDir: dir, exclusive: true })).toThrow(DataDirLockedError);
    expect(() => SqliteIntentStore.open({ dataDir: dir, exclusive: true })).toThrow(
      new RegExp(`in use by another Autonet controller \\(pid ${process.pid}\\)`),
    );
    first.close();
    SqliteIntentStore.open({ dataDir: dir, exclusive: true }).close();
  });

  it('is freed by the operating system when its holder is killed (kill -9 leaves no stale lock)', () => {
    const script = `
      const ts = require('typescript');
      const { readFileSync } = require('node:fs');
      require.extensions['.ts'] = (m, f) => m._compile(ts.transpileModule(readFileSync(f, 'utf8'),
        { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022,
          esModuleInterop: true } }).outputText, f);
      const { DataDirLock } = require(${JSON.stringify(join(__dirname, 'data-dir.lock.ts'))});
      DataDirLock.acquire(${JSON.stringify(dir)});
      process.kill(process.pid, 'SIGKILL');`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: process.cwd() });
    expect(child.signal).toBe('SIGKILL');
    SqliteIntentStore.open({ dataDir: dir, exclusive: true }).close();
  });

  it('keeps audit retention to the rows and age asked for, and nothing else can delete audit rows', () => {
    const store = SqliteIntentStore.open({ dataDir: dir });
    const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    store.transaction((tx) => {
      for (let d = 1; d <= 10; d++) tx.appendAudit({ at: day(d), actor: 't', action: 'a', target: 'x' });
    });
    expect(store.pruneAudit({ maxAgeDays: 5, now: new Date(day(11)) })).toBe(5);
    expect(store.pruneAudit({ maxRows: 3, now: new Date(day(11)) })).toBe(2);
    expect(store.audit().map((e) => e.at)).toEqual([day(8), day(9), day(10)]);
    expect(() => store.transaction(() => store['db'].prepare('DELETE FROM audit').run())).toThrow(
      /append-only/,
    );
    store.close();
  });
});
