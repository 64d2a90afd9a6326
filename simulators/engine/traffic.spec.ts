import fc from 'fast-check';
import { CounterBank } from './counter.bank';
import { gravityDemands } from './gravity.model';
import { congestionLoss, queueDelayUs } from './link-physics';
import { SimNetwork } from './sim-network';
import { generateTopology } from './topology.generator';
import { DAY_MS, TrafficModel } from './traffic.model';

describe('traffic model', () => {
  it('peaks in the local evening and troughs in the morning, by longitude', () => {
    const m = new TrafficModel(1, Float64Array.from([0, 90]));
    const at = (h: number): number => h * 3_600_000;
    expect(m.diurnal(0, at(20))).toBeCloseTo(1.3, 9);
    expect(m.diurnal(0, at(8))).toBeCloseTo(0.7, 9);
    expect(m.diurnal(1, at(14))).toBeCloseTo(1.3, 9); // 6 h ahead at 90°E
    expect(m.diurnal(0, at(20) + DAY_MS)).toBeCloseTo(1.3, 9);
  });

  it('adds seeded noise within ±10 % that depends only on seed, demand and tick', () => {
    const rates = (seed: number, tick: number): Float64Array => {
      const m = new TrafficModel(seed, new Float64Array(1));
      const out = new Float64Array(50);
      const ones = new Float64Array(50).fill(1);
      m.rates(tick, 20 * 3_600_000, new Int32Array(50), ones, ones, Uint8Array.of(1), out);
      return out;
    };
    const r = rates(5, 3);
    for (const x of r) expect(Math.abs(x / 1.3 - 1)).toBeLessThanOrEqual(0.1);
    expect(rates(5, 3)).toEqual(r);
    expect(rates(5, 4)).not.toEqual(r);
    expect(rates(6, 3)).not.toEqual(r);
  });

  it('builds a gravity matrix: each source originates loadFactor × its egress capacity, fanout-limited', () => {
    const net = new SimNetwork(generateTopology({ nodes: 40, degree: 4, seed: 2 }));
    const d = gravityDemands(net, 7, { loadFactor: 0.1, fanout: 5 });
    const egress = new Float64Array(net.nodeCount);
    for (let a = 0; a < net.arcCount; a++) egress[net.arcFrom[a]!]! += net.arcCapacityMbps[a]!;
    for (let v = 0; v < net.nodeCount; v++) {
      const mine = d.filter((x) => x.src === v);
      expect(mine.length).toBeLessThanOrEqual(5);
      expect(mine.every((x) => x.dst !== v && x.mbps > 0)).toBe(true);
      expect(mine.reduce((s, x) => s + x.mbps, 0)).toBeCloseTo(0.1 * egress[v]!, 6);
    }
    expect(gravityDemands(net, 7, { loadFactor: 0.1, fanout: 5 })).toEqual(d);
  });
});

describe('link physics', () => {
  it('queueing delay and loss grow with utilisation and are capped', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (x, y) => {
          const [lo, hi] = x < y ? [x, y] : [y, x];
          expect(queueDelayUs(lo, 1000)).toBeLessThanOrEqual(queueDelayUs(hi, 1000));
          expect(congestionLoss(lo)).toBeLessThanOrEqual(congestionLoss(hi));
          expect(congestionLoss(hi)).toBeLessThan(1);
        },
      ),
    );
    expect(congestionLoss(0.9)).toBe(0);
    expect(congestionLoss(2)).toBeCloseTo(0.5, 9);
    expect(queueDelayUs(1.5, 1000)).toBe(20_000);
  });
});

describe('CounterBank', () => {
  it('keeps exact 64-bit totals past 2^53 with float updates', () => {
    const c = new CounterBank(2);
    let expected = 0n;
    for (let i = 0; i < 3000; i++) {
      c.add(1, 0, 2 ** 42 + 3);
      expected += 2n ** 42n + 3n;
    }
    expect(c.read(1, 0)).toBe(expected);
    expect(expected > 2n ** 53n).toBe(true);
    expect(c.read(0, 0)).toBe(0n);
  });
});
