import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import ts from 'typescript';
import { DATABASE_FILE, SqliteIntentStore } from '../../src/adapters/store';

/**
 * A real crash test: a child process writes intents + reservations + audit entries in transactions in a loop;
 * we kill -9 it at a random moment, reopen the database and check that it holds exactly a prefix of the
 * committed transactions: everything the child reported committed, nothing half-applied, audit seq contiguous.
 * Several rounds resume on the same database, so recovery from a crashed WAL is exercised repeatedly.
 */
const ROOT = resolve(__dirname, '../..');
let work: string;
let storeModule: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'crash-test-'));
  const out = join(work, 'build');
  mkdirSync(out);
  // the store and what it needs at run time, not the whole adapter folder (the token store pulls in ports)
  for (const file of ['sqlite.intent-store', 'sqlite.migrations', 'data-dir.lock']) {
    const source = readFileSync(join(ROOT, 'src/adapters/store', `${file}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    writeFileSync(join(out, `${file}.js`), outputText);
  }
  writeFileSync(join(out, 'index.js'), "module.exports = require('./sqlite.intent-store');\n");
  storeModule = join(out, 'index.js');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the writer until it reported at least `minCommits`, then waits `extraMs` and kills it with SIGKILL. */
function runAndKill(dataDir: string, sync: string, minCommits: number, extraMs: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'crash-writer.cjs'), storeModule, dataDir, sync], {
      env: { NODE_PATH: join(ROOT, 'node_modules'), PATH: '/usr/bin:/bin' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let reported = 0;
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const last = /committed (\d+)\n(?![\s\S]*committed)/.exec(d.toString());
      if (last?.[1] !== undefined) reported = Math.max(reported, Number(last[1]));
      if (!armed && reported >= minCommits) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolvePromise(reported);
      else reject(new Error(`writer exited early (${code}): ${stderr}`));
    });
  });
}

interface Expected {
  n: number;
  count: number;
  version: number;
}

function checkConsistency(dataDir: string, reported: number): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();

  const store = SqliteIntentStore.open({ dataDir });
  try {
    const audit = store.audit();
    expect(audit.map((e) => e.seq)).toEqual(audit.map((_, i) => i + 1));
    // everything reported committed survived; at most the one transaction in flight is extra
    expect(audit.length).toBeGreaterThanOrEqual(reported);
    expect(audit.length).toBeLessThanOrEqual(reported + 1);

    const expected = new Map<string, Expected>();
    for (const entry of audit) {
      if (entry.action === 'put') expected.set(entry.target, entry.detail as Expected);
      else expected.delete(entry.target);
    }
    const intents = store.listIntents();
    expect(intents.map((i) => i.spec.name).sort()).toEqual([...expected.keys()].sort());
    for (const stored of intents) {
      const want = expected.get(stored.spec.name) as Expected;
      expect(stored.version).toBe(want.version);
      expect(stored.spec.slo.bandwidthMbps).toBe(want.n);
      const reservations = store.reservations(stored.spec.name);
      expect(reservations).toHaveLength(want.count);
      expect(reservations.every((r) => r.mbps === want.n)).toBe(true);
    }
    const total = [...expected.values()].reduce((sum, e) => sum + e.count, 0);
    expect(store.reservations()).toHaveLength(total);
    return audit.length;
  } finally {
    store.close();
  }
}

describe.each(['full', 'normal'])('kill -9 during writes (synchronous=%s)', (sync) => {
  it('reopens with exactly the committed prefix, round after round', async () => {
    const dataDir = join(work, `data-${sync}`);
    let before = 0;
    for (let round = 0; round < 3; round += 1) {
      const minCommits = before + 5 + Math.floor(Math.random() * 40);
      const extraMs = Math.floor(Math.random() * 150);
      const reported = await runAndKill(dataDir, sync, minCommits, extraMs);
      const committed = checkConsistency(dataDir, reported);
      expect(committed).toBeGreaterThan(before);
      before = committed;
    }
  }, 60_000);
});
