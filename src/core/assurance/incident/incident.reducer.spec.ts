import fc from 'fast-check';
import { ConflictError } from '../../errors';
import {
  INCIDENT_MOVES,
  INCIDENT_STATES,
  IllegalIncidentTransitionError,
  openIncident,
  reduceIncident,
} from '.';
import type { Incident, IncidentEvent, IncidentState } from '.';

const opened = (): Incident => openIncident({ id: 'inc-1', class: 'gray-loss', at: 1_000, confidence: 0.7 });
const located: IncidentEvent = {
  type: 'located',
  at: 2_000,
  suspects: [{ kind: 'link', id: 'L1', probability: 0.9 }],
  equivalenceClass: ['L1'],
  confidence: 0.9,
};

describe('incident reducer', () => {
  it('walks the happy path and stamps each time once', () => {
    let i = opened();
    i = reduceIncident(i, located);
    i = reduceIncident(i, { type: 'located', at: 2_500, suspects: [], equivalenceClass: ['L1', 'L2'] });
    i = reduceIncident(i, { type: 'repair-started', at: 3_000, kind: 'reroute', detail: 'move p1' });
    i = reduceIncident(i, { type: 'verified', at: 6_000, detail: '3 intervals' });
    i = reduceIncident(i, { type: 'resolved', at: 9_000, detail: 'clear' });
    expect(i).toMatchObject({
      state: 'resolved',
      detectedAt: 1_000,
      locatedAt: 2_000,
      repairedAt: 6_000,
      resolvedAt: 9_000,
      equivalenceClass: ['L1', 'L2'],
    });
    expect(i.actions.map((a) => a.kind)).toEqual(['reroute', 'verify', 'resolve']);
    expect(Object.keys(i).sort()).toEqual(
      [
        'id',
        'class',
        'state',
        'detectedAt',
        'locatedAt',
        'repairedAt',
        'resolvedAt',
        'suspects',
        'equivalenceClass',
        'affectedIntents',
        'evidence',
        'actions',
        'confidence',
      ].sort(),
    );
  });

  it('rejects an illegal move with a typed error and leaves the incident unchanged', () => {
    const i = opened();
    let caught: unknown;
    try {
      reduceIncident(i, { type: 'verified', at: 5, detail: '' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(IllegalIncidentTransitionError);
    expect(caught).toBeInstanceOf(ConflictError);
    expect((caught as IllegalIncidentTransitionError).code).toBe('CONFLICT');
    expect(caught).toMatchObject({ from: 'detected', to: 'repaired' });
    expect(i.state).toBe('detected');
  });

  it('nothing leaves resolved, not even a re-location', () => {
    let i = reduceIncident(opened(), { type: 'resolved', at: 2, detail: '' });
    expect(() => reduceIncident(i, located)).toThrow(IllegalIncidentTransitionError);
    expect(() => reduceIncident(i, { type: 'classified', class: 'crc', confidence: 1 })).toThrow(
      IllegalIncidentTransitionError,
    );
    i = reduceIncident(i, { type: 'evidence', item: { late: true } });
    expect(i.state).toBe('resolved');
  });

  it('L3 path: awaiting approval, rejected back to located, then failed verification rolls back', () => {
    let i = reduceIncident(opened(), located);
    i = reduceIncident(i, { type: 'await-approval', at: 3, detail: 'L3' });
    i = reduceIncident(i, { type: 'rejected', at: 4, detail: 'operator' });
    expect(i.state).toBe('located');
    i = reduceIncident(i, { type: 'repair-started', at: 5, kind: 'reroute', detail: '' });
    i = reduceIncident(i, { type: 'rolled-back', at: 6, detail: 'loss persists' });
    expect(i.state).toBe('rolled-back');
    expect(i.repairedAt).toBeNull();
  });

  it('property: every state move the reducer accepts is in the table, and only those', () => {
    const moveEvents: Record<string, (at: number) => IncidentEvent> = {
      'awaiting-approval': (at) => ({ type: 'await-approval', at, detail: '' }),
      repairing: (at) => ({ type: 'repair-started', at, kind: 'reroute', detail: '' }),
      repaired: (at) => ({ type: 'verified', at, detail: '' }),
      'rolled-back': (at) => ({ type: 'rolled-back', at, detail: '' }),
      failed: (at) => ({ type: 'failed', at, detail: '' }),
      resolved: (at) => ({ type: 'resolved', at, detail: '' }),
    };
    const targets = Object.keys(moveEvents) as IncidentState[];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...targets), { maxLength: 12 }), (path) => {
        let i = opened();
        path.forEach((to, n) => {
          const allowed = INCIDENT_MOVES[i.state].includes(to);
          if (allowed) {
            i = reduceIncident(i, moveEvents[to]!(n));
            expect(i.state).toBe(to);
          } else {
            expect(() => reduceIncident(i, moveEvents[to]!(n))).toThrow(IllegalIncidentTransitionError);
          }
        });
      }),
    );
    expect(INCIDENT_STATES.every((s) => s in INCIDENT_MOVES)).toBe(true);
  });
});
