import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arcId, nodeId } from '../../core/model/ids';
import type { Reservation } from '../../core/model/intent';
import type { StoredIntent } from '../../ports/intent-store.port';
import { DATABASE_FILE, SqliteIntentStore } from './sqlite.intent-store';
import { MIGRATIONS } from './sqlite.migrations';

let dir: string;
let store: SqliteIntentStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'intent-store-'));
  store = SqliteIntentStore.open({ dataDir: join(dir, 'data') });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const intent = (name: string, version = 1, status: StoredIntent['status'] = 'accepted'): StoredIntent => ({
  spec: {
    name,
    kind: 'connectivity',
    endpoints: { a: nodeId('A'), b: nodeId('B') },
    slo: { bandwidthMbps: 10.5 },
    sle: { protection: 'none', isolation: 'shared' },
    priority: 3,
  },
  status,
  version,
  createdAt: `2026-11-22T00:00:0${version}Z`,
  updatedAt: `2026-11-22T00:00:0${version}Z`,
});
const reservation = (intentName: string, arc: string, mbps: number): Reservation => ({
  intent: intentName,
  arc: arcId(arc),
  pool: 'shared',
  mbps,
});
const raw = () => new Database(join(dir, 'data', DATABASE_FILE));

describe('SqliteIntentStore', () => {
  it('opens in WAL mode with foreign keys and records its migrations', () => {
    const db = raw();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations').all();
    expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();
    store.close();
    store = SqliteIntentStore.open({ dataDir: join(dir, 'data') }); // re-open: nothing re-applied
    expect(store.listIntents()).toEqual([]);
  });

  it('refuses a database written by a newer schema', () => {
    store.close();
    const db = raw();
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'now')").run();
    db.close();
    expect(() => SqliteIntentStore.open({ dataDir: join(dir, 'data') })).toThrow(/newer/);
    store = SqliteIntentStore.open({ dataDir: join(dir, 'other') });
  });

  it('stores intents with plan and explanation, updates in place, keeps createdAt', () => {
    const first = { ...intent('i1'), explain: { why: ['shortest'] } };
    store.transaction((tx) => tx.putIntent(first));
    expect(store.getIntent('i1')).toEqual(first);
    const plan = { policies: [], reservations: [reservation('i1', 'l1#ab', 10.5)] };
    const second: StoredIntent = { ...intent('i1', 2, 'deployed'), plan, createdAt: 'ignored' };
    store.transaction((tx) => tx.putIntent(second));
    expect(store.getIntent('i1')).toEqual({ ...second, createdAt: first.createdAt });
    expect(store.listIntents().map((i) => i.spec.name)).toEqual(['i1']);
  });

  it('replaces reservations per intent and releases them with the intent', () => {
    store.transaction((tx) => {
      tx.putIntent(intent('i1'));
      tx.putIntent(intent('i2'));
      tx.replaceReservations('i1', [reservation('i1', 'l1#ab', 5), reservation('i1', 'l2#ab', 5)]);
      tx.replaceReservations('i2', [reservation('i2', 'l1#ab', 7)]);
    });
    store.transaction((tx) => tx.replaceReservations('i1', [reservation('i1', 'l3#ba', 1)]));
    expect(store.reservations('i1')).toEqual([reservation('i1', 'l3#ba', 1)]);
    expect(store.reservations()).toHaveLength(2);
    store.transaction((tx) => tx.deleteIntent('i2'));
    expect(store.reservations()).toEqual([reservation('i1', 'l3#ba', 1)]);
  });

  it('rolls back the whole transaction when the function throws', () => {
    expect(() =>
      store.transaction((tx) => {
        tx.putIntent(intent('i1'));
        tx.appendAudit({ at: 't', actor: 'test', action: 'create', target: 'i1' });
        throw new Error('admission refused');
      }),
    ).toThrow('admission refused');
    expect(store.listIntents()).toEqual([]);
    expect(store.audit()).toEqual([]);
  });

  it('refuses reservations of an intent that is not stored (checked at commit)', () => {
    expect(() =>
      store.transaction((tx) => tx.replaceReservations('ghost', [reservation('ghost', 'l1#ab', 1)])),
    ).toThrow(/FOREIGN KEY/);
    expect(store.reservations()).toEqual([]);
    expect(() =>
      store.transaction((tx) => {
        tx.putIntent(intent('i1'));
        tx.replaceReservations('i1', [reservation('other', 'l1#ab', 1)]);
      }),
    ).toThrow(/reservation of 'other'/);
    expect(store.getIntent('i1')).toBeUndefined();
  });

  it('refuses an async transaction function', () => {
    expect(() => store.transaction(() => Promise.resolve(1))).toThrow();
  });

  it('keeps slices', () => {
    const slice = {
      name: 'gold',
      isolation: 'hard' as const,
      bandwidthShare: 0.25,
      sloDefaults: { maxDelayUs: 9 },
    };
    store.transaction((tx) => tx.putSlice(slice));
    expect(store.getSlice('gold')).toEqual(slice);
    expect(store.listSlices()).toEqual([slice]);
    store.transaction((tx) => tx.deleteSlice('gold'));
    expect(store.getSlice('gold')).toBeUndefined();
  });

  it('appends audit entries with contiguous seq, filters them, and refuses to change them', () => {
    store.transaction((tx) => {
      for (let i = 0; i < 5; i += 1) {
        tx.appendAudit({
          at: `t${i}`,
          actor: 'api',
          action: 'update',
          target: i % 2 ? 'a' : 'b',
          detail: { i },
        });
      }
    });
    expect(store.audit().map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(store.audit({ target: 'a' }).map((e) => e.detail)).toEqual([{ i: 1 }, { i: 3 }]);
    expect(store.audit({ afterSeq: 3, limit: 1 }).map((e) => e.seq)).toEqual([4]);
    const db = raw();
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit SET actor = 'x'").run()).toThrow(/append-only/);
    db.close();
  });

  it('matches an in-memory model over random transaction sequences, failed ones included', () => {
    const op = fc.record({
      name: fc.constantFrom('i1', 'i2', 'i3'),
      kind: fc.constantFrom('put', 'delete', 'reserve'),
      mbps: fc.integer({ min: 0, max: 100 }),
      fail: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        store.close();
        store = SqliteIntentStore.open({ dataDir: join(dir, `p${Math.random()}`), synchronous: 'normal' });
        const model = new Map<string, Reservation[]>();
        for (const o of ops) {
          const next = new Map(model);
          const run = () =>
            store.transaction((tx) => {
              if (o.kind === 'put') tx.putIntent(intent(o.name));
              if (o.kind === 'delete') tx.deleteIntent(o.name);
              if (o.kind === 'reserve') tx.replaceReservations(o.name, [reservation(o.name, 'x#ab', o.mbps)]);
              if (o.fail) throw new Error('fail');
            });
          if (o.kind === 'put') next.set(o.name, next.get(o.name) ?? []);
          if (o.kind === 'delete') next.delete(o.name);
          if (o.kind === 'reserve') next.set(o.name, [reservation(o.name, 'x#ab', o.mbps)]);
          const ok = !o.fail && (o.kind !== 'reserve' || model.has(o.name));
          if (ok) {
            run();
            model.clear();
            next.forEach((v, k) => model.set(k, v));
          } else {
            expect(run).toThrow();
          }
        }
        expect(store.listIntents().map((i) => i.spec.name)).toEqual([...model.keys()].sort());
        const byIntent = (a: Reservation, b: Reservation) => a.intent.localeCompare(b.intent);
        expect(store.reservations().sort(byIntent)).toEqual([...model.values()].flat().sort(byIntent));
      }),
      { numRuns: 30 },
    );
  });
});
