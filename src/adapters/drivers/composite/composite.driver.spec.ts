import type { NodeId } from '../../../core/model/ids';
import type {
  NeDriver,
  ResourceResult,
  SrPolicyConfig,
  TelemetrySample,
} from '../../../ports/ne-driver.port';
import { CompositeNeDriver } from './composite.driver';

const ne = (s: string): NodeId => s as NodeId;

/** A hand-written fake driver that records what it was asked and answers per resource. */
function fakeDriver(protocol: string, targets: string[], failing: string[] = []) {
  const calls: string[][] = [];
  let closed = false;
  const driver: NeDriver = {
    protocol,
    targets: () => targets.map(ne),
    setPolicies: (ps) => {
      calls.push(ps.map((p) => p.name));
      return Promise.resolve(
        ps.map((p): ResourceResult =>
          failing.includes(p.name)
            ? { resource: p.name, ok: false, error: { code: 'X', message: 'no' } }
            : { resource: p.name, ok: true, value: undefined },
        ),
      );
    },
    deletePolicies: (rs) =>
      Promise.resolve(rs.map((r) => ({ resource: r.name, ok: true as const, value: undefined }))),
    getPolicies: (hs) =>
      Promise.resolve(hs.map((h) => ({ resource: `${protocol}:${h}`, ok: true as const, value: [] }))),
    subscribe: (ts, onSample) => {
      for (const t of ts) onSample({ kind: 'node-resources', ne: t, timestampNs: 0n, cpuPct: 1, memPct: 2 });
      return Promise.resolve({ close: () => Promise.resolve() });
    },
    status: () => targets.map((t) => ({ ne: ne(t), protocol, state: 'up' as const })),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
  return { driver, calls, isClosed: () => closed };
}

const policy = (name: string, headend: string): SrPolicyConfig => ({
  name,
  headend: ne(headend),
  color: 1,
  endpoint: 'fcbb:bb00:9::',
  candidatePaths: [],
});

describe('CompositeNeDriver', () => {
  it('routes each call to the driver that reaches the NE and keeps the caller order', async () => {
    const gnmi = fakeDriver('gnmi', ['a', 'b'], ['p3']);
    const snmp = fakeDriver('snmp', ['c']);
    const d = new CompositeNeDriver([gnmi.driver, snmp.driver]);
    const results = await d.setPolicies([
      policy('p1', 'a'),
      policy('p2', 'c'),
      policy('p3', 'b'),
      policy('p4', 'zz'),
    ]);
    expect(results.map((r) => [r.resource, r.ok])).toEqual([
      ['p1', true],
      ['p2', true],
      ['p3', false],
      ['p4', false],
    ]);
    expect(results[3]!.ok === false && results[3]!.error.code).toBe('UNREACHABLE');
    expect(gnmi.calls).toEqual([['p1', 'p3']]);
    expect(snmp.calls).toEqual([['p2']]);
    expect(d.protocol).toBe('gnmi+snmp');
  });

  it('gives an NE listed by two drivers to the first one only', async () => {
    const first = fakeDriver('gnmi', ['a']);
    const second = fakeDriver('snmp', ['a', 'b']);
    const d = new CompositeNeDriver([first.driver, second.driver]);
    expect(d.targets()).toEqual(['a', 'b']);
    expect((await d.getPolicies([ne('a'), ne('b')])).map((r) => r.resource)).toEqual(['gnmi:a', 'snmp:b']);
    expect(d.status().map((s) => `${s.ne}/${s.protocol}`)).toEqual(['a/gnmi', 'b/snmp']);
  });

  it('splits subscriptions by driver and closes every driver', async () => {
    const gnmi = fakeDriver('gnmi', ['a']);
    const snmp = fakeDriver('snmp', ['c']);
    const d = new CompositeNeDriver([gnmi.driver, snmp.driver]);
    const seen: TelemetrySample[] = [];
    const sub = await d.subscribe([ne('a'), ne('c'), ne('unknown')], (s) => seen.push(s));
    expect(seen.map((s) => s.ne).sort()).toEqual(['a', 'c']);
    await sub.close();
    await d.close();
    expect(gnmi.isClosed() && snmp.isClosed()).toBe(true);
  });

  it('answers configurable per NE from the driver that owns it', () => {
    const gnmi = fakeDriver('gnmi', ['a']);
    const snmp = { ...fakeDriver('snmp', ['c']).driver, configurable: () => false };
    const d = new CompositeNeDriver([gnmi.driver, snmp]);
    expect([d.configurable(ne('a')), d.configurable(ne('c')), d.configurable(ne('nowhere'))]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
