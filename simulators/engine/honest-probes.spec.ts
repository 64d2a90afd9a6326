import fc from 'fast-check';
import type { SrPolicyJson } from '../sim-source';
import { K } from './counter.bank';
import { LinkLoad } from './link-load';
import { PathBuilder } from './path-builder';
import { SimEngine } from './sim.engine';
import { diamond } from './sim.fixtures';

const policy = (
  e: SimEngine,
  name: string,
  endpoint: string,
  via: string,
  probeOnly = false,
): SrPolicyJson => ({
  name,
  headend: 'A',
  color: 1,
  endpoint,
  ...(probeOnly && { 'probe-only': true }),
  'candidate-path': [
    {
      preference: 100,
      'segment-list': [{ weight: 1, segment: [{ index: 0, sid: e.sids.endSid(via).sid }] }],
    },
  ],
});

/** Runs `ticks` ticks and returns the probe results of policy `name` at A, one per tick. */
function series(e: SimEngine, name: string, ticks: number) {
  const out = [];
  for (let i = 0; i < ticks; i++) {
    e.step();
    const p = e.probes('A').find((q) => q.policy === name)!;
    out.push({ ...p, trueDelayUs: e.probing.tracker.truth('A', name)!.delayUs });
  }
  return out;
}

describe('honest probes', () => {
  it('report a binomial draw of lost probes around the true loss, and noisy delay around the true delay', () => {
    const e = new SimEngine({ topology: diamond(), seed: 11 });
    expect(e.setPolicies('A', [policy(e, 'viaF', 'E', 'F')])).toEqual({ ok: true });
    e.addFault({ type: 'gray-loss', target: 'FD#ab', params: { percent: 2 } });
    e.step();
    const s = series(e, 'viaF', 400);
    const truth = e.probing.tracker.truth('A', 'viaF')!;
    expect(truth.lossPct).toBeCloseTo(2, 9);
    for (const p of s) expect(p.lossPct).toBe((100 * p.probesLost) / p.probesSent);
    const lost = s.map((p) => p.probesLost);
    const mean = lost.reduce((a, b) => a + b, 0) / lost.length;
    const variance = lost.reduce((a, b) => a + (b - mean) ** 2, 0) / lost.length;
    // Binomial(1000, 0.02): mean 20, variance 19.6.
    expect(Math.abs(mean - 20)).toBeLessThan(5 * Math.sqrt(19.6 / 400));
    expect(variance).toBeGreaterThan(19.6 * 0.7);
    expect(variance).toBeLessThan(19.6 * 1.3);
    // Not a constant: the detector sees noise, as a real one does.
    expect(new Set(lost).size).toBeGreaterThan(5);
    expect(new Set(s.map((p) => p.delayUs)).size).toBeGreaterThan(100);
    // Each interval's delay is the mean of ~980 noisy probe delays: unbiased, and close to the truth.
    const errors = s.map((p) => p.delayUs - p.trueDelayUs);
    const bias = errors.reduce((a, b) => a + b, 0) / errors.length;
    expect(Math.abs(bias)).toBeLessThan(0.2);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(5);
    expect(errors.some((x) => x !== 0)).toBe(true);
  });

  it('sends the configured probe rate; 0 gives ideal (exact) probes', () => {
    const fast = new SimEngine({ topology: diamond(), seed: 1, tickMs: 500, probeRatePps: 200 });
    fast.setPolicies('A', [policy(fast, 'p', 'E', 'F')]);
    expect(series(fast, 'p', 1)[0]!.probesSent).toBe(100);
    const ideal = new SimEngine({ topology: diamond(), seed: 1, probeRatePps: 0 });
    ideal.setPolicies('A', [policy(ideal, 'p', 'E', 'F')]);
    ideal.addFault({ type: 'gray-loss', target: 'FD#ab', params: { percent: 3 } });
    const r = series(ideal, 'p', 2)[1]!;
    expect(r).toMatchObject({ probesSent: 0, probesLost: 0 });
    expect(r.lossPct).toBeCloseTo(3, 9);
  });

  it('are deterministic per seed and differ across seeds', () => {
    const run = (seed: number) => {
      const e = new SimEngine({ topology: diamond(), seed });
      e.setPolicies('A', [policy(e, 'p', 'E', 'F')]);
      e.addFault({ type: 'gray-loss', target: 'FD#ab', params: { percent: 5 } });
      return series(e, 'p', 20).map((p) => [p.probesLost, p.delayUs, p.jitterUs]);
    };
    expect(run(4)).toEqual(run(4));
    expect(run(4)).not.toEqual(run(5));
  });
});

describe('probe-only policies', () => {
  it('are probed but never attract a demand, whatever else is installed', () => {
    const ends = ['B', 'C', 'D', 'E', 'F'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            end: fc.constantFrom(...ends),
            via: fc.constantFrom(...ends),
            probeOnly: fc.boolean(),
          }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (specs) => {
          const demands = ends.map((to) => ({ from: 'A', to, mbps: 10 }));
          const e = new SimEngine({ topology: diamond(demands), seed: 2 });
          const igp = new SimEngine({ topology: diamond(demands), seed: 2 });
          const ps = specs.map((s, i) => policy(e, `p${i}`, s.end, s.via, s.probeOnly));
          expect(e.setPolicies('A', ps)).toEqual({ ok: true });
          e.step();
          e.step();
          igp.step();
          expect(e.probes('A')).toHaveLength(ps.length);
          const counters = new Map(e.policyCounters('A').map((c) => [c.policy, c.outOctets]));
          specs.forEach((s, i) => {
            if (s.probeOnly) expect(counters.get(`p${i}`)).toBe(0n);
          });
          // A demand whose only matching policies are probe-only is routed exactly as with no policy at all.
          e.demands.forEach((d, k) => {
            const to = e.net.nodeIds[d.dst]!;
            const steerable = specs.some((s) => s.end === to && !s.probeOnly);
            if (!steerable) expect(e.demandPaths(k)).toEqual(igp.demandPaths(k));
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('headend traffic counters', () => {
  it('count every offered octet once: into its policy, else per destination', () => {
    const e = new SimEngine({
      topology: diamond([
        { from: 'A', to: 'E', mbps: 80 },
        { from: 'A', to: 'D', mbps: 20 },
      ]),
    });
    e.setPolicies('A', [policy(e, 'viaF', 'E', 'F'), policy(e, 'toD', 'D', 'B', true)]);
    let offered = 0;
    for (let i = 0; i < 30; i++) {
      e.step();
      offered += ((e.rates[0]! + e.rates[1]!) * 1e6) / 8;
    }
    const pol = e.policyCounters('A');
    const dst = e.destinationCounters('A');
    const total =
      pol.reduce((s, c) => s + Number(c.outOctets), 0) + dst.reduce((s, c) => s + Number(c.outOctets), 0);
    expect(Math.abs(total - offered)).toBeLessThan(4);
    expect(pol.find((c) => c.policy === 'toD')!.outOctets).toBe(0n);
    expect(dst.map((c) => c.destination)).toEqual(['D', 'E']);
    expect(Number(dst.find((c) => c.destination === 'D')!.outOctets)).toBeGreaterThan(0);
    // Deleting a policy drops its counters; reinstalling starts them at 0.
    e.deletePolicy('A', 'viaF');
    e.step();
    expect(e.policyCounters('A').map((c) => c.policy)).toEqual(['toD']);
  });
});

describe('in-discards', () => {
  it('count, at the receiving interface, packets of a path that ends in a drop (after upstream loss)', () => {
    const e = new SimEngine({ topology: diamond([{ from: 'A', to: 'E', mbps: 80 }]), seed: 3 });
    e.step();
    const ab = e.net.arcIndex('AB#ab')!;
    const bd = e.net.arcIndex('BD#ab')!;
    // Half the demand dropped at D after A→B→D (say a forwarding loop cut by the hop limit), half delivered.
    const b = new PathBuilder(1, new Float64Array(e.net.arcCount));
    b.emit(0.5, [ab, bd], true);
    b.emit(0.5, [ab, bd, e.net.arcIndex('DE#ab')!], false);
    b.endEntry(1);
    const load = new LinkLoad(e.net);
    load.totalLoss[ab] = 0.1;
    const d = e.net.arcDstIf[bd]!;
    const before = e.interfaces.counters.read(d, K.inDiscards);
    e.interfaces.discardDropped(b.table(), Float64Array.of(80), load, 1000);
    // 80 Mbit/s × 0.5 × 0.9 for one second = 4.5 MB = 5,625 packets of 800 bytes.
    expect(e.interfaces.counters.read(d, K.inDiscards) - before).toBe(5625n);
    expect(e.interfaces.counters.read(e.net.arcDstIf[e.net.arcIndex('DE#ab')!]!, K.inDiscards)).toBe(0n);
  });
});
