import { nodeId } from '../../../core/model/ids';
import type { TelemetrySample } from '../../../ports/ne-driver.port';
import { IfSamplesMapper, operStatusFromMib } from './if-samples.mapper';
import { foldColumn, POLL_COLUMNS, type IfRow } from './if-table.poller';

type Counters = Extract<TelemetrySample, { kind: 'interface-counters' }>;
const S = 1_000_000_000n;
const row = (r: Partial<IfRow>): IfRow => ({ ifIndex: 1, name: 'eth1', operStatus: 1, ...r });
const counters = (samples: TelemetrySample[]) =>
  samples.filter((s): s is Counters => s.kind === 'interface-counters');

describe('IfSamplesMapper', () => {
  it('prefers HC counters and passes them through unchanged', () => {
    const m = new IfSamplesMapper(nodeId('r1'));
    const out = m.fromPoll(
      {
        sysUpTime: 100,
        rows: new Map([[1, row({ hcInOctets: 1n << 40n, hcOutOctets: 5n, inOctets: 7n, outOctets: 9n })]]),
      },
      S,
    );
    expect(counters(out)[0]).toMatchObject({
      ne: 'r1',
      interface: 'eth1',
      inOctets: 1n << 40n,
      outOctets: 5n,
    });
    expect(out.filter((s) => s.kind === 'oper-status')).toEqual([
      { kind: 'oper-status', ne: 'r1', interface: 'eth1', timestampNs: S, status: 'up' },
    ]);
  });

  it('extends wrapping Counter32 octets into a monotonic value when there is no ifXTable', () => {
    const m = new IfSamplesMapper(nodeId('r1'));
    const near = (1n << 32n) - 100n;
    m.fromPoll({ sysUpTime: 100, rows: new Map([[1, row({ inOctets: near, outOctets: 0n })]]) }, S);
    const out = counters(
      m.fromPoll({ sysUpTime: 200, rows: new Map([[1, row({ inOctets: 50n, outOctets: 1n })]]) }, 2n * S),
    );
    expect(out[0]?.inOctets).toBe(near + 150n);
    expect(out[0]?.discontinuity).toBeUndefined();
  });

  it('flags a sysUpTime reset even when the counters did not go down', () => {
    const m = new IfSamplesMapper(nodeId('r1'));
    m.fromPoll({ sysUpTime: 100_000, rows: new Map([[1, row({ hcInOctets: 10n, hcOutOctets: 10n })]]) }, S);
    const out = counters(
      m.fromPoll({ sysUpTime: 5, rows: new Map([[1, row({ hcInOctets: 20n, hcOutOctets: 20n })]]) }, 2n * S),
    );
    expect(out[0]).toMatchObject({ inOctets: 20n, discontinuity: true });
  });

  it('flags a changed ifCounterDiscontinuityTime, and an implausible jump for the interface speed', () => {
    const m = new IfSamplesMapper(nodeId('r1'));
    const base = { hcOutOctets: 0n, highSpeedMbps: 1 };
    m.fromPoll({ rows: new Map([[1, row({ ...base, hcInOctets: 0n, discontinuityTime: 0 })]]) }, S);
    const a = counters(
      m.fromPoll({ rows: new Map([[1, row({ ...base, hcInOctets: 10n, discontinuityTime: 7 })]]) }, 2n * S),
    );
    expect(a[0]?.discontinuity).toBe(true);
    // 1 Mbit/s for 1 s carries 125 kB; 10 GB is a counter that was replaced, not traffic
    const b = counters(
      m.fromPoll(
        { rows: new Map([[1, row({ ...base, hcInOctets: 10n ** 10n, discontinuityTime: 7 })]]) },
        3n * S,
      ),
    );
    expect(b[0]?.discontinuity).toBe(true);
  });

  it('emits oper-status only on change, from polls and traps alike', () => {
    const m = new IfSamplesMapper(nodeId('r1'));
    const poll = (operStatus: number, t: bigint) =>
      m
        .fromPoll({ rows: new Map([[1, row({ operStatus, hcInOctets: 0n, hcOutOctets: 0n })]]) }, t)
        .filter((s) => s.kind === 'oper-status');
    expect(poll(1, S)).toHaveLength(1);
    expect(poll(1, 2n * S)).toHaveLength(0);
    expect(m.fromTrap(1, false, 3n * S)).toMatchObject({ interface: 'eth1', status: 'down' });
    expect(poll(2, 4n * S)).toHaveLength(0);
    expect(m.fromTrap(9, false, 5n * S)).toBeUndefined(); // unknown interface, no name: wait for a poll
    expect(m.fromTrap(9, false, 5n * S, 'eth9')).toMatchObject({ interface: 'eth9', status: 'down' });
    expect([1, 2, 3, 4, 7].map(operStatusFromMib)).toEqual(['up', 'down', 'testing', 'unknown', 'down']);
  });
});

describe('foldColumn', () => {
  const hcIn = POLL_COLUMNS.find((c) => c.key === 'hcInOctets')!;
  it('reads Counter64 buffers of any length as bigint and stops at the end of the column', () => {
    const rows = new Map<number, IfRow>();
    const next = foldColumn(rows, hcIn, [
      {
        oid: `${hcIn.oid}.1`,
        type: 70,
        value: Buffer.from([0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      },
      { oid: `${hcIn.oid}.2`, type: 70, value: Buffer.from([0x7f, 0xff]) },
    ]);
    expect(next).toBe(`${hcIn.oid}.2`);
    expect(rows.get(1)?.hcInOctets).toBe((1n << 64n) - 1n);
    expect(rows.get(2)?.hcInOctets).toBe(0x7fffn);
    expect(
      foldColumn(rows, hcIn, [{ oid: '1.3.6.1.2.1.31.1.1.1.7.1', type: 70, value: Buffer.alloc(1) }]),
    ).toBeUndefined();
    expect(foldColumn(rows, hcIn, [{ oid: `${hcIn.oid}.3`, type: 130, value: null }])).toBeUndefined();
  });

  it('traps naming ever new ifIndexes cannot grow the interface table past its cap', () => {
    const m = new IfSamplesMapper(nodeId('ne1'), { maxInterfaces: 16 });
    for (let i = 1; i <= 10_000; i++) m.fromTrap(i, false, 1n, `if${i}`);
    expect(m.size).toBe(16);
    expect(m.evicted).toBe(10_000 - 16);
  });
});
