import type { LoopObservation, ObservedPath } from './assurance-engine';
import type { IncidentRecord } from './incident-book';
import { foldWatch, watchClear, watchVerdict } from './loop.checks';

const incident = (cls: IncidentRecord['class']) =>
  ({ class: cls, equivalenceClass: ['B-D'] }) as IncidentRecord;

/** One interval with a watch probe `w` over B-D (nominal 100 µs) and link B-D's counters. */
const obs = (probe: Partial<ObservedPath>, link: { errorsPs?: number; discardsPs?: number } = {}) =>
  ({
    at: 1000,
    intervalMs: 1000,
    links: [{ link: 'B-D', arc: 'B->D', from: 'B', to: 'D', status: 'up', stale: false, ...link }],
    nodes: [],
    paths: [
      {
        id: 'B/w',
        headend: 'B',
        policy: 'w',
        probeOnly: true,
        links: [],
        nodes: [],
        probesSent: 1000,
        probesLost: 0,
        delayUs: 100,
        jitterUs: 2.3,
        ...probe,
      },
    ],
    drift: [],
    silent: [],
  }) as unknown as LoopObservation;

const W = [{ id: 'B/w', nominalUs: 100 }];

describe('watch probes against the pre-fault expectation', () => {
  it('a busy but healthy link (queueing seen as jitter) is healthy; the same delay without jitter is a fault', () => {
    // queueing q = 50 µs shows as jitter ≈ 1.13 × (2 + 0.3 q) ≈ 19 µs
    expect(watchVerdict(incident('latency'), obs({ delayUs: 150, jitterUs: 19 }), W).kind).toBe('healthy');
    expect(watchVerdict(incident('latency'), obs({ delayUs: 150, jitterUs: 2.3 }), W).kind).toBe('faulty');
    expect(watchVerdict(incident('latency'), obs({ delayUs: 119 }), W).kind).toBe('healthy');
    expect(watchVerdict(incident('latency'), obs({ delayUs: 125 }), W).kind).toBe('faulty');
  });

  it('loss over the healthy level, all lost, error or discard counters: faulty; nothing measured: unmeasured', () => {
    expect(watchVerdict(incident('gray-loss'), obs({ probesLost: 10 }), W).kind).toBe('faulty');
    expect(watchVerdict(incident('gray-loss'), obs({ probesLost: 1000, delayUs: null }), W).kind).toBe(
      'faulty',
    );
    expect(watchVerdict(incident('crc'), obs({}, { errorsPs: 3 }), W).kind).toBe('faulty');
    expect(watchVerdict(incident('congestion'), obs({}, { discardsPs: 3 }), W).kind).toBe('faulty');
    expect(watchVerdict(incident('gray-loss'), obs({ probesSent: 0, delayUs: null }), W).kind).toBe(
      'unmeasured',
    );
    expect(watchVerdict(incident('gray-loss'), obs({}), []).kind).toBe('unmeasured');
  });

  it('a streak needs clear intervals and enough probes; loss accumulated over the streak restarts it', () => {
    let s = { intervals: 0, sent: 0, lost: 0 };
    const ok = (sent: number, lost: number) => ({ kind: 'healthy' as const, sent, lost });
    for (let i = 0; i < 3; i++) s = foldWatch(s, ok(200, 0));
    expect(watchClear(s, 3)).toBe(false); // 600 probes: not enough evidence yet
    for (let i = 0; i < 2; i++) s = foldWatch(s, ok(200, 0));
    expect(watchClear(s, 3)).toBe(true);
    s = foldWatch(s, ok(200, 5)); // 5 of 1200: 0.42 % over the streak
    expect(s).toEqual({ intervals: 0, sent: 0, lost: 0 });
    s = foldWatch(foldWatch(s, ok(1000, 0)), { kind: 'unmeasured' });
    expect(s.intervals).toBe(1);
    expect(foldWatch(s, { kind: 'faulty', why: 'x' }).intervals).toBe(0);
  });
});
