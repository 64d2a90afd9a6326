/**
 * Child process for crash.test.ts: writes intents, their reservations and audit entries in transactions, in a
 * loop, until it is killed. Usage: node crash-writer.cjs <compiled store module> <data dir> <synchronous>
 * After each commit it prints `committed <n>` so the parent knows what must survive a kill -9.
 */
'use strict';
const { SqliteIntentStore } = require(process.argv[2]);
const store = SqliteIntentStore.open({ dataDir: process.argv[3], synchronous: process.argv[4] });

const start = store.audit().length;
const spec = (name, mbps) => ({
  name,
  kind: 'connectivity',
  endpoints: { a: 'A', b: 'B' },
  slo: { bandwidthMbps: mbps },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
});

for (let n = start; ; n += 1) {
  const name = `i${n % 40}`;
  const now = new Date().toISOString();
  store.transaction((tx) => {
    const old = tx.getIntent(name);
    if (old && n % 3 === 0) {
      tx.deleteIntent(name);
      tx.appendAudit({ at: now, actor: 'crash-writer', action: 'delete', target: name, detail: { n } });
      return;
    }
    const count = 1 + (n % 7);
    const reservations = Array.from({ length: count }, (_, k) => ({
      intent: name,
      arc: `l${k}#ab`,
      pool: 'shared',
      mbps: n,
    }));
    const version = (old?.version ?? 0) + 1;
    tx.putIntent({
      spec: spec(name, n),
      status: 'deployed',
      version,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    });
    tx.replaceReservations(name, reservations);
    tx.appendAudit({
      at: now,
      actor: 'crash-writer',
      action: 'put',
      target: name,
      detail: { n, count, version },
    });
  });
  process.stdout.write(`committed ${n + 1}\n`);
}
