import type { ClientSession, ClientVarbind } from './net-snmp.facade';
import { pollInterfaces, POLL_COLUMNS } from './if-table.poller';

const cmp = (a: string, b: string): number => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

/** An in-memory agent with RFC 3416 GetBulk semantics; answers tooBig above `maxRows` repetitions. */
function fakeSession(mib: ClientVarbind[], maxRows: number, log: number[]): ClientSession {
  const sorted = [...mib].sort((a, b) => cmp(a.oid, b.oid));
  const next = (oid: string): ClientVarbind =>
    sorted.find((v) => cmp(v.oid, oid) > 0) ?? { oid, type: 130, value: null };
  return {
    get: () => undefined,
    close: () => undefined,
    on: () => undefined,
    getBulk(oids, nonRepeaters, maxRepetitions, callback) {
      log.push(maxRepetitions);
      if (maxRepetitions > maxRows) return callback(Object.assign(new Error('tooBig'), { status: 1 }));
      const out: (ClientVarbind | ClientVarbind[])[] = oids.slice(0, nonRepeaters).map(next);
      for (const start of oids.slice(nonRepeaters)) {
        const column: ClientVarbind[] = [];
        let cursor = start;
        for (let r = 0; r < maxRepetitions; r++) {
          const vb = next(cursor);
          column.push(vb);
          cursor = vb.oid;
        }
        out.push(column);
      }
      callback(null, out);
    },
  };
}

describe('pollInterfaces', () => {
  const interfaces = 7;
  const mib: ClientVarbind[] = [{ oid: '1.3.6.1.2.1.1.3.0', type: 67, value: 4242 }];
  for (const c of POLL_COLUMNS) {
    for (let k = 1; k <= interfaces; k++) {
      const value = c.kind === 'string' ? Buffer.from(`eth${k}`) : c.kind === 'int' ? 1 : Buffer.from([k, 0]);
      mib.push({ oid: `${c.oid}.${k}`, type: c.kind === 'counter' ? 70 : 2, value });
    }
  }
  mib.push({ oid: '1.3.6.1.6.3.10.2.1.2.0', type: 2, value: 1 });

  it('walks every column of every interface over several GetBulk round trips', async () => {
    const log: number[] = [];
    const poll = await pollInterfaces(fakeSession(mib, 100, log), 3);
    expect(poll.sysUpTime).toBe(4242);
    expect([...poll.rows.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(poll.rows.get(6)).toMatchObject({ name: 'eth6', hcInOctets: 6n * 256n, operStatus: 1 });
    expect(log.length).toBeGreaterThanOrEqual(3);
  });

  it('halves the repetitions when the agent answers tooBig', async () => {
    const log: number[] = [];
    const poll = await pollInterfaces(fakeSession(mib, 2, log), 10);
    expect(log.slice(0, 4)).toEqual([10, 5, 2, 2]);
    expect(poll.rows.get(7)?.hcOutOctets).toBe(7n * 256n);
  });

  it('gives up (rejects) when even one repetition is too big', async () => {
    await expect(pollInterfaces(fakeSession(mib, 0, []), 4)).rejects.toThrow('tooBig');
  });
});
