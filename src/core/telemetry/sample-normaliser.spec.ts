import fc from 'fast-check';
import type { NodeId } from '../model/ids';
import { InterfaceArcMap } from './interface-map';
import type { CounterSampleInput } from './sample-input';
import { SampleNormaliser } from './sample-normaliser';
import type { InterfacePoint } from './telemetry-point';
import { triangle } from './triangle.fixture';

const A = 'A' as NodeId;
const counters = (
  ifName: string,
  tMs: number,
  inOctets: bigint,
  outOctets: bigint,
  extra: Partial<CounterSampleInput> = {},
): CounterSampleInput => ({
  kind: 'interface-counters',
  ne: A,
  interface: ifName,
  timestampNs: BigInt(tMs) * 1_000_000n,
  inOctets,
  outOctets,
  ...extra,
});

/** One step of a synthetic counter stream: time advance, increment, or a counter reset / flagged restart. */
const stepArb = fc.record({
  dtMs: fc.integer({ min: 1, max: 10_000 }),
  inc: fc.bigInt({ min: 0n, max: 1n << 40n }),
  event: fc.constantFrom('none', 'none', 'none', 'reset', 'flagged'),
  resetTo: fc.bigInt({ min: 0n, max: 1000n }),
});

describe('SampleNormaliser', () => {
  it('computes every rate as delta / interval, with no rate for a first sample, a reset or a flagged discontinuity', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1n << 50n }),
        fc.array(stepArb, { maxLength: 60 }),
        (start, steps) => {
          const n = new SampleNormaliser(InterfaceArcMap.empty());
          const first = n.normalise(counters('x', 0, start, start)) as InterfacePoint;
          expect(first.fields).toEqual({});
          let t = 0;
          let v = start;
          for (const s of steps) {
            t += s.dtMs;
            const prev = v;
            v = s.event === 'reset' ? s.resetTo : v + s.inc;
            const p = n.normalise(
              counters('x', t, v, v, { discontinuity: s.event === 'flagged' }),
            ) as InterfacePoint;
            expect(p.timestampMs).toBe(t);
            if (s.event === 'flagged' || (s.event === 'reset' && v < prev)) {
              expect(p.fields.inBps).toBeUndefined();
              expect(p.fields.outBps).toBeUndefined();
            } else {
              const expected = (Number(v - prev) * 8 * 1000) / s.dtMs;
              expect(Math.abs((p.fields.inBps ?? NaN) - expected)).toBeLessThanOrEqual(
                1e-12 * expected + 1e-9,
              );
              expect(p.fields.outBps).toBe(p.fields.inBps);
            }
            expect(Number.isFinite(p.fields.inBps ?? 0)).toBe(true);
          }
        },
      ),
    );
  });

  it('turns 32-bit wraps into positive rates when configured for Counter32', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 31n) - 1n }),
        (start, inc) => {
          const n = new SampleNormaliser(InterfaceArcMap.empty(), { counterWidth: 32 });
          n.normalise(counters('x', 0, start, start));
          const next = (start + inc) % (1n << 32n);
          const p = n.normalise(counters('x', 1000, next, next)) as InterfacePoint;
          expect(p.fields.inBps).toBeCloseTo(Number(inc) * 8, 3);
        },
      ),
    );
  });

  it('computes utilisation against the mapped arc and refuses implausible jumps', () => {
    const n = new SampleNormaliser(InterfaceArcMap.simulated(triangle));
    // A's eth0 transmits on L1#ab (1 Gbit/s): 62.5 MB in 1 s is 500 Mbit/s = 0.5.
    n.normalise(counters('eth0', 1000, 0n, 0n, { outPkts: 0n, outDiscards: 0n }));
    const p = n.normalise(
      counters('eth0', 2000, 1000n, 62_500_000n, { outPkts: 50_000n, outDiscards: 5n }),
    ) as InterfacePoint;
    expect(p.outArc).toBe('L1#ab');
    expect(p.inArc).toBe('L1#ba');
    expect(p.fields.utilisation).toBeCloseTo(0.5, 9);
    expect(p.fields.outPps).toBe(50_000);
    expect(p.fields.outDiscardsPs).toBe(5);
    expect(p.fields.inBps).toBe(8000);
    // 10 Gbit in one second on a 1 Gbit/s link: a counter replaced behind our back, not traffic.
    const q = n.normalise(counters('eth0', 3000, 2000n, 62_500_000n + 1_250_000_000n)) as InterfacePoint;
    expect(q.fields.outBps).toBeUndefined();
    expect(q.fields.inBps).toBe(8000);
    expect(n.stats().discontinuities).toBe(1);
  });

  it('drops stale samples, maps oper-status, node resources and probes', () => {
    const n = new SampleNormaliser(InterfaceArcMap.simulated(triangle));
    n.normalise(counters('eth0', 1000, 0n, 0n));
    expect(n.normalise(counters('eth0', 1000, 5n, 5n))).toBeUndefined();
    expect(n.normalise(counters('eth0', 500, 5n, 5n))).toBeUndefined();
    const down = n.normalise({
      kind: 'oper-status',
      ne: A,
      interface: 'eth0',
      timestampNs: 2_000_000_000n,
      status: 'down',
    });
    expect(down).toMatchObject({ measurement: 'interface', key: 'interface/A/eth0', fields: { operUp: 0 } });
    const node = n.normalise({
      kind: 'node-resources',
      ne: A,
      timestampNs: 3_000_000_000n,
      cpuPct: 12,
      memPct: NaN,
    });
    expect(node).toMatchObject({
      measurement: 'node',
      key: 'node/A',
      timestampMs: 3000,
      fields: { cpuPct: 12 },
    });
    expect(node?.fields).not.toHaveProperty('memPct');
    const probe = n.normalise({
      kind: 'probe',
      ne: A,
      policy: 'p1',
      timestampNs: 4_000_000_000n,
      delayUs: 900,
      jitterUs: 3,
      lossPct: 0.5,
      probesSent: 1000,
      probesLost: 5,
    });
    expect(probe).toMatchObject({
      measurement: 'policy',
      key: 'policy/A/p1',
      fields: { delayUs: 900, jitterUs: 3, lossPct: 0.5, probesSent: 1000, probesLost: 5 },
    });
    n.normalise(counters('eth7', 1000, 0n, 0n));
    expect(n.stats()).toMatchObject({ samples: 7, points: 5, stale: 2, unmappedInterfaces: 1 });
  });

  it('turns per-policy and per-destination octet counters into bit rates, never across a reset', () => {
    const n = new SampleNormaliser(InterfaceArcMap.empty());
    const pol = (tMs: number, outOctets: bigint, discontinuity = false) =>
      n.normalise({
        kind: 'policy-traffic',
        ne: A,
        policy: 'p1',
        timestampNs: BigInt(tMs) * 1_000_000n,
        outOctets,
        outPkts: outOctets / 100n,
        ...(discontinuity && { discontinuity }),
      });
    expect(pol(1000, 5_000n)).toBeUndefined();
    expect(pol(3000, 255_000n)).toMatchObject({
      measurement: 'policy',
      key: 'policy/A/p1',
      timestampMs: 3000,
      fields: { trafficBps: 1_000_000 },
    });
    expect(pol(3000, 300_000n)).toBeUndefined(); // not newer
    expect(pol(4000, 10n)).toBeUndefined(); // decrease = reset
    expect(pol(5000, 125_010n)?.fields).toEqual({ trafficBps: 1_000_000 });
    expect(pol(6000, 999_999n, true)).toBeUndefined(); // flagged restart
    const B = 'B' as NodeId;
    const dst = (tMs: number, outOctets: bigint) =>
      n.normalise({
        kind: 'destination-traffic',
        ne: A,
        destination: B,
        timestampNs: BigInt(tMs) * 1_000_000n,
        outOctets,
      });
    expect(dst(0, 0n)).toBeUndefined();
    expect(dst(500, 62_500n)).toEqual({
      measurement: 'demand',
      key: 'demand/A/B',
      ne: A,
      destination: B,
      timestampMs: 500,
      fields: { trafficBps: 1_000_000 },
    });
    expect(n.stats()).toMatchObject({ stale: 1, discontinuities: 2 });
  });

  it('omits probe counts when the NE reported none', () => {
    const n = new SampleNormaliser(InterfaceArcMap.empty());
    const p = n.normalise({
      kind: 'probe',
      ne: A,
      policy: 'p',
      timestampNs: 1n,
      delayUs: 1,
      jitterUs: 0,
      lossPct: 0,
      probesSent: 0,
      probesLost: 0,
    });
    expect(p?.fields).toEqual({ delayUs: 1, jitterUs: 0, lossPct: 0 });
  });
});
