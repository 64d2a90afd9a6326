import fc from 'fast-check';
import { SimEngine } from './sim.engine';
import { diamond } from './sim.fixtures';
import { generateTopology } from './topology.generator';
import { simStateReport } from './state.report';
import { COUNTER_KINDS } from './counter.bank';

const NODES = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Flow balance at every node: what enters (received + originated) equals what leaves (sent + delivered + blackholed). */
function nodeBalance(e: SimEngine): number[] {
  const { net, load } = e;
  const bal = new Array<number>(net.nodeCount).fill(0);
  for (let a = 0; a < net.arcCount; a++) {
    const off = load.offeredMbps[a]!;
    bal[net.arcTo[a]!]! += off * (1 - load.totalLoss[a]!);
    bal[net.arcFrom[a]!]! -= off;
  }
  e.demands.forEach((d, i) => {
    bal[d.src]! += e.rates[i]!;
    bal[d.dst]! -= e.delivered[i]!;
  });
  return bal;
}

describe('SimEngine forwarding', () => {
  it('conserves traffic: sent = delivered + dropped on arcs, and every node balances', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            from: fc.constantFrom(...NODES),
            to: fc.constantFrom(...NODES),
            mbps: fc.integer({ min: 1, max: 1500 }),
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.integer({ min: 0, max: 1000 }),
        (demands, seed) => {
          const e = new SimEngine({ topology: diamond(demands.filter((d) => d.from !== d.to)), seed });
          if (e.demands.length === 0) return;
          e.addFault({ type: 'gray-loss', target: 'DE', params: { percent: 7 } });
          e.step();
          e.step();
          const sent = e.rates.reduce((s, r) => s + r, 0);
          const delivered = e.delivered.reduce((s, r) => s + r, 0);
          let dropped = 0;
          for (let a = 0; a < e.net.arcCount; a++) dropped += e.load.offeredMbps[a]! * e.load.totalLoss[a]!;
          expect(delivered + dropped).toBeCloseTo(sent, 6);
          for (const b of nodeBalance(e)) expect(Math.abs(b)).toBeLessThan(1e-6 * Math.max(1, sent));
          e.demands.forEach((_, i) => expect(e.delivered[i]!).toBeLessThanOrEqual(e.rates[i]! + 1e-9));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('delivers everything that was sent on an uncongested network', () => {
    const e = new SimEngine({ topology: diamond([{ from: 'A', to: 'E', mbps: 300 }]), seed: 3 });
    e.step();
    expect(e.delivered[0]).toBeCloseTo(e.rates[0]!, 9);
    expect(e.rates[0]).toBeGreaterThan(0);
  });

  it('splits a demand evenly over equal-cost next hops', () => {
    const e = new SimEngine({ topology: diamond([{ from: 'A', to: 'E', mbps: 400 }]), seed: 11 });
    e.step();
    const paths = e.demandPaths(0);
    expect(paths.map((p) => p.arcs.join(' ')).sort()).toEqual(['AB#ab BD#ab DE#ab', 'AC#ab CD#ab DE#ab']);
    for (const p of paths) expect(p.fraction).toBe(0.5);
    const ab = e.load.offeredMbps[e.net.arcIndex('AB#ab')!]!;
    const ac = e.load.offeredMbps[e.net.arcIndex('AC#ab')!]!;
    expect(ab).toBeCloseTo(ac, 9);
  });

  it('splits evenly at every ECMP node of a larger network (within one flow bucket)', () => {
    const e = new SimEngine({ topology: generateTopology({ nodes: 24, degree: 4, seed: 5 }), seed: 2 });
    e.step();
    for (let d = 0; d < e.demands.length; d++) {
      const firstHop = new Map<string, number>();
      for (const p of e.demandPaths(d))
        firstHop.set(p.arcs[0]!, (firstHop.get(p.arcs[0]!) ?? 0) + p.fraction);
      const shares = [...firstHop.values()];
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1 / 64 + 1e-12);
    }
  });

  it('reroutes around a down link and reports oper-status changes at the fault time', () => {
    const e = new SimEngine({ topology: diamond([{ from: 'A', to: 'E', mbps: 400 }]), seed: 1 });
    const events: [string, string, boolean, number][] = [];
    e.onOperStatus((ne, ifName, up, t) => events.push([ne, ifName, up, t]));
    e.step();
    const f = e.addFault({ type: 'link-down', target: 'BD', durationMs: 3000 });
    e.step();
    expect(e.demandPaths(0).map((p) => p.arcs.join(' '))).toEqual(['AC#ab CD#ab DE#ab']);
    expect(e.load.offeredMbps[e.net.arcIndex('BD#ab')!]).toBe(0);
    expect(e.delivered[0]).toBeCloseTo(e.rates[0]!, 9);
    expect(events).toEqual([
      ['B', e.node('B')!.interfaces.find((i) => i.linkId === 'BD')!.name, false, f.startMs],
      ['D', e.node('D')!.interfaces.find((i) => i.linkId === 'BD')!.name, false, f.startMs],
    ]);
    expect(
      simStateReport(e)
        .links.filter((l) => l.link === 'BD')
        .map((l) => l.status),
    ).toEqual(['down', 'down']);
    for (let i = 0; i < 3; i++) e.step();
    expect(events.slice(2).map((ev) => [ev[0], ev[2], ev[3]])).toEqual([
      ['B', true, f.startMs + 3000],
      ['D', true, f.startMs + 3000],
    ]);
    expect(e.demandPaths(0)).toHaveLength(2);
  });

  it('reuses cached routes only when they are still right (same paths as a fresh engine)', () => {
    const topo = generateTopology({ nodes: 20, degree: 4, seed: 4 });
    const links = [...topo.links()].map((l) => l.id as string).sort();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...links), { minLength: 1, maxLength: 6 }), (downs) => {
        const e = new SimEngine({ topology: topo, seed: 1, gravity: { fanout: 5 } });
        e.step();
        const active = new Map<string, string>();
        for (const l of downs) {
          const id = active.get(l);
          if (id) {
            e.endFault(id);
            active.delete(l);
          } else {
            active.set(l, e.addFault({ type: 'link-down', target: l }).id);
          }
          e.step();
        }
        const fresh = new SimEngine({ topology: topo, seed: 1, gravity: { fanout: 5 } });
        for (const l of active.keys()) fresh.addFault({ type: 'link-down', target: l });
        fresh.step();
        for (let d = 0; d < e.demands.length; d++) expect(e.demandPaths(d)).toEqual(fresh.demandPaths(d));
      }),
      { numRuns: 25 },
    );
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const run = (seed: number): unknown => {
      const e = new SimEngine({ topology: generateTopology({ nodes: 30, degree: 4, seed: 9 }), seed });
      e.addFault({ type: 'flap', target: e.net.linkIds[3]!, params: { periodMs: 4000 } });
      e.addFault({ type: 'crc', target: e.net.linkIds[7]!, params: { rate: 0.01 } });
      for (let i = 0; i < 25; i++) e.step();
      const nodes = e.nodeIds().map((id) => e.node(id));
      return JSON.stringify({ s: simStateReport(e), nodes }, (_, v: unknown) =>
        typeof v === 'bigint' ? `${v}` : v,
      );
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('keeps counters as monotonically non-decreasing bigints through faults', () => {
    const e = new SimEngine({ topology: diamond(), seed: 4 });
    e.addFault({ type: 'flap', target: 'AB', params: { periodMs: 3000 } });
    e.addFault({ type: 'crc', target: 'CD', params: { rate: 0.05 } });
    e.addFault({ type: 'congestion', target: 'A->E', params: { factor: 30 } });
    let prev = e.node('A')!.interfaces.concat(e.node('D')!.interfaces);
    for (let i = 0; i < 20; i++) {
      e.step();
      const cur = e.node('A')!.interfaces.concat(e.node('D')!.interfaces);
      cur.forEach((c, j) => {
        for (const k of COUNTER_KINDS) {
          expect(typeof c[k]).toBe('bigint');
          expect(c[k] >= prev[j]![k]).toBe(true);
        }
      });
      prev = cur;
    }
    expect(prev.some((c) => c.outDiscards > 0n)).toBe(true);
    expect(prev.some((c) => c.inFcsErrors > 0n)).toBe(true);
  });

  it('moves out-octets by exactly the carried load reported in the state (the twin’s ground truth)', () => {
    const e = new SimEngine({
      topology: diamond([{ from: 'A', to: 'E', mbps: 2000 }]),
      seed: 6,
      tickMs: 500,
    });
    e.step();
    const before = e.node('A')!.interfaces.map((i) => i.outOctets);
    e.step();
    const state = simStateReport(e);
    e.node('A')!.interfaces.forEach((i, k) => {
      const arc = state.links.find((l) => l.from === 'A' && l.link === i.linkId)!;
      const mbps = (Number(i.outOctets - before[k]!) * 8) / 0.5 / 1e6;
      expect(Math.abs(mbps - arc.carriedMbps)).toBeLessThan(0.0001 + 2e-5 * arc.carriedMbps);
    });
    expect(state.links.some((l) => l.carriedMbps < l.loadMbps - 1)).toBe(true);
  });

  it('keeps running when a listener throws, counting the failure', () => {
    const e = new SimEngine({ topology: diamond(), seed: 1 });
    const seen: number[] = [];
    e.onTick(() => {
      throw new Error('front end bug');
    });
    e.onTick((t) => seen.push(t));
    e.step();
    e.step();
    expect(seen).toHaveLength(2);
    expect(e.events.errors).toBe(2);
  });

  it('advances simulated time by exactly one tick per step', () => {
    const e = new SimEngine({ topology: diamond(), tickMs: 250, startMs: 1_000_000 });
    e.step();
    e.step();
    expect(e.nowMs()).toBe(1_000_500);
    expect(e.ticks).toBe(2);
  });
});
