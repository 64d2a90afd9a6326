import type { Finding, LoopObservation, ObservedPath } from './assurance-engine';
import type { IncidentRecord } from './incident-book';
import { foldWatch, verificationFailures, watchClear, watchVerdict } from './loop.checks';

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

describe('verification of a repair sees only its own fault', () => {
  /** Incident on A-B whose repair moved i1; i1's new path A/i1 crosses C-D and E-F, losing `lost` ‰. */
  const repaired = {
    class: 'gray-loss',
    equivalenceClass: ['A-B'],
    suspects: [{ kind: 'link', id: 'A-B', probability: 1 }],
    affectedIntents: ['i1'],
  } as unknown as IncidentRecord;
  const round = (lost: number) =>
    ({
      at: 1000,
      intervalMs: 1000,
      links: ['A-B', 'C-D', 'E-F'].map((link) => ({
        link,
        arc: `${link[0]!}->${link[2]!}`,
        from: link[0],
        to: link[2],
        status: 'up',
        stale: false,
      })),
      nodes: [],
      paths: [
        {
          id: 'A/i1',
          headend: 'A',
          policy: 'i1',
          intent: 'i1',
          links: [],
          nodes: [],
          probesSent: 1000,
          probesLost: lost,
          delayUs: 100,
          slo: { maxLossPct: 0.5 },
        },
      ],
      drift: [],
      silent: [],
    }) as unknown as LoopObservation;
  const finding = (on: string, cls = 'gray-loss'): Finding =>
    ({
      class: cls,
      suspects: [{ kind: 'link', id: on, probability: 1 }],
      equivalenceClass: [on],
      paths: ['A/i1'],
    }) as unknown as Finding;

  it('loss over the intent’s bound fails the repair when no other fault explains it', () => {
    expect(verificationFailures(repaired, round(20), [])).toEqual(['A/i1 loss 2.00 % > 0.5 %']);
    expect(verificationFailures(repaired, round(2), [])).toEqual([]);
  });

  // a second fault the new path crossed (found, not yet repaired) is that fault's incident's business: the
  // repair moved the intent off this one's suspects, and rolling it back onto them would not help
  it('loss a fault elsewhere on the new path explains does not fail it', () => {
    expect(verificationFailures(repaired, round(20), [finding('E-F')])).toEqual([]);
  });

  // congestion too: a congestion there, even one the moved traffic caused, opens its own incident, which
  // moves traffic off it; failing this repair as well rolled good repairs back (measured: ADR 0164)
  it('congestion found elsewhere on the new path does not fail it either', () => {
    expect(verificationFailures(repaired, round(20), [finding('E-F', 'congestion')])).toEqual([]);
  });

  it('its own fault found again on the new path fails it, loss and all', () => {
    expect(verificationFailures(repaired, round(20), [finding('A-B')])).toEqual([
      'A/i1 loss 2.00 % > 0.5 %',
      'A/i1 still in gray-loss on A-B',
    ]);
  });
});
