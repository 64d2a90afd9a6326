import fc from 'fast-check';
import type { LoopObservation } from './assurance-engine';
import type { IncidentRecord } from './incident-book';
import { LatencyWatch, newProbeDelayWatch, observeDelay, shiftOf } from './latency.watch';
import type { ProbeDelayWatch } from './latency.watch';

const latency = (evidence: unknown[]) => ({ class: 'latency', evidence }) as unknown as IncidentRecord;

/** Folds excess levels (µs over nominal) at utilisation `u` into a fresh probe watch for a `shift` µs fault. */
const run = (levels: readonly number[], shift: number, u: number | null = 0.3, w = newProbeDelayWatch()) => {
  for (const e of levels) observeDelay(w, { e, se: 0.1, u }, shift);
  return w;
};
const clear = (w: ProbeDelayWatch) => w.state === 'dropped' || w.state === 'under';

describe('shiftOf: the shift a latency incident measured on its suspects', () => {
  it('reads the localiser rate or the detector excess, and nothing else', () => {
    const core = {
      localisation: [
        { kind: 'latency', rate: 9.2 },
        { kind: 'latency', rate: 8.7 },
      ],
    };
    expect(shiftOf(latency([core]))).toBeCloseTo(9.2);
    expect(shiftOf(latency([{ signal: 'latency', excessUs: 14 }]))).toBe(14);
    expect(shiftOf(latency([{ llr: 4 }, { narrowed: ['B-D'], evidence: core }]))).toBeCloseTo(9.2);
    expect(shiftOf(latency([{ localisation: [{ kind: 'loss', rate: 0.02 }] }]))).toBeNull();
    expect(shiftOf(latency([{ llr: 42 }]))).toBeNull();
  });
});

describe('observeDelay: a watch probe against the shift, not against nominal + slack', () => {
  it('a 9 µs shift on a link queueing 15 µs stays on; when it clears the 9 µs drop clears it', () => {
    const shift = 9;
    const w = run([0, 24, 24.6, 23.8, 24.4, 24.9, 24.1, 24.3, 23.9, 24.5], shift); // first: install interval
    expect(w.state).toBe('never-clear');
    run([15.3], shift, 0.3, w);
    expect(w.state).toBe('dropped');
    run([15.1, 15.6, 14.9], shift, 0.3, w);
    expect(w.state).toBe('dropped');
  });

  it('a probe under half the shift is clear at once (+20 ms: back to 4 µs of queueing)', () => {
    expect(run([0, 20_004, 20_003], 20_000).state).toBe('never-clear');
    expect(run([0, 20_004, 4], 20_000).state).toBe('dropped');
    expect(run([0, 4], 20_000).state).toBe('under'); // never crossed a fault of that size
  });

  it('a level that moved with the load is a new reference, not a clearing; back at that load it is', () => {
    const shift = 8;
    const w = run([0, 30, 30.2, 30.1], shift, 0.5);
    run([20, 20.3, 20.1], shift, 0.4, w); // traffic moved off: the queue, not the fault, fell 10 µs
    expect(w.state).toBe('never-clear');
    run([12], shift, 0.4, w); // the fault clears at the new load
    expect(w.state).toBe('dropped');
  });

  it('a clear probe rising again by the shift is on again (an intermittent fault)', () => {
    const w = run([0, 12, 12.2, 3, 3.1, 3.2], 8);
    expect(clear(w)).toBe(true);
    run([12.3], 8, 0.3, w);
    expect(w.state).toBe('on');
  });

  it('property: an active shift S over any queue and wander under S/5 never reads clear', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 50_000, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 2, maxLength: 40 }),
        (shift, queue, wander) => {
          const w = run(
            wander.map((x) => shift + queue + x * shift),
            shift,
          );
          return !clear(w);
        },
      ),
    );
  });

  it('property: once it clears (wander under S/10), it is seen clear within two intervals', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 50_000, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 4, maxLength: 20 }),
        (shift, queue, wander) => {
          const on = wander.map((x) => shift + queue + x * shift);
          const off = wander.slice(0, 2).map((x) => queue + x * shift);
          return clear(run([...on, ...off], shift));
        },
      ),
    );
  });
});

describe('LatencyWatch: the suspects of one incident', () => {
  const obs = (delays: Record<string, number>, u = 0.2) =>
    ({
      links: [
        { link: 'B-D', arc: 'B->D', utilisation: u },
        { link: 'A-B', arc: 'A->B', utilisation: u },
      ],
      paths: Object.entries(delays).map(([id, delayUs]) => ({
        id,
        probesSent: 1000,
        probesLost: 0,
        delayUs,
        jitterUs: 3,
      })),
    }) as unknown as LoopObservation;
  const probes = [
    { id: 'B/link', nominalUs: 100, arcs: ['B->D'] },
    { id: 'A/node', nominalUs: 300, arcs: ['A->B'] },
  ];

  it('clear once the probe over the fault dropped, though the busy node probe never crossed it', () => {
    const w = new LatencyWatch(8);
    expect(w.bars).toEqual({ change: 4, under: 6 });
    expect(w.judge(obs({ 'B/link': 0, 'A/node': 0 }), probes)).toEqual({ kind: 'unmeasured' });
    for (let i = 0; i < 5; i++)
      expect(w.judge(obs({ 'B/link': 111, 'A/node': 320 }), probes)).toMatchObject({ kind: 'faulty' });
    expect(w.judge(obs({ 'B/link': 103, 'A/node': 320 }), probes)).toBeNull();
  });

  it('is built only for a latency incident whose evidence measured the shift', () => {
    expect(LatencyWatch.of(latency([{ excessUs: 12 }]))?.bars.change).toBe(6);
    expect(LatencyWatch.of(latency([{ llr: 1 }]))).toBeUndefined();
    expect(
      LatencyWatch.of({ class: 'gray-loss', evidence: [{ excessUs: 12 }] } as unknown as IncidentRecord),
    ).toBeUndefined();
  });
});
