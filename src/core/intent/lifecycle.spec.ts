import fc from 'fast-check';
import { ConflictError } from '../errors';
import type { IntentStatus } from '../model/intent';
import { INTENT_STATUSES, TRANSITIONS, canTransition, routeTo, transition } from './lifecycle';

describe('intent lifecycle', () => {
  it('follows the happy path accepted → … → compliant', () => {
    let s: IntentStatus = 'accepted';
    for (const next of ['compiled', 'verified', 'deploying', 'deployed', 'compliant'] as const)
      s = transition(s, next);
    expect(s).toBe('compliant');
  });

  it('rejects illegal transitions with a ConflictError', () => {
    expect(() => transition('accepted', 'deployed', 'x')).toThrow(ConflictError);
    expect(() => transition('deploying', 'deleting')).toThrow(ConflictError);
  });

  it('lets a failed intent be retried or deleted', () => {
    expect(canTransition('failed', 'accepted')).toBe(true);
    expect(canTransition('failed', 'deleting')).toBe(true);
  });

  it('never gets stuck: every state reaches deleting and failed, and deleting can be left', () => {
    for (const s of INTENT_STATUSES) {
      expect(routeTo(s, 'failed')).toBeDefined();
      expect(routeTo(s, 'deleting')).toBeDefined();
      expect(TRANSITIONS[s].length).toBeGreaterThan(0);
    }
  });

  it('accepts exactly the listed transitions along any random walk', () => {
    const status = fc.constantFrom(...INTENT_STATUSES);
    fc.assert(
      fc.property(fc.array(status, { maxLength: 40 }), (targets) => {
        let s: IntentStatus = 'accepted';
        for (const t of targets) {
          const legal = TRANSITIONS[s].includes(t);
          if (legal) s = transition(s, t);
          else expect(() => transition(s, t)).toThrow(ConflictError);
          // from anywhere reached, the way out to deletion is open
          expect(routeTo(s, 'deleting')).toBeDefined();
        }
      }),
    );
  });
});
