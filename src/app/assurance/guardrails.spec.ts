import { changeKind, Guardrails } from './guardrails';

const options = {
  maxRepairsPerWindow: 2,
  windowMs: 60_000,
  blastRadius: 5,
  flapThreshold: 3,
  flapWindowMs: 600_000,
};

describe('Guardrails', () => {
  it('damps the repair that would be the flapThreshold-th around a suspect set within the window, and forgets it after', () => {
    const once = new Guardrails(options);
    for (const at of [0, 1000]) once.noteActed(['B-D'], at);
    // the third would be the flapThreshold-th (3): held, and the reason says how many came before; after one,
    // the second is not
    expect(once.check(1, ['B-D'], 2000)).toEqual({
      ok: false,
      reason:
        'flap damping: the loop already changed paths around B-D 2 time(s) within 600 s (at most 2 without a human)',
    });
    const twice = new Guardrails(options);
    twice.noteActed(['B-D'], 0);
    expect(twice.check(1, ['B-D'], 1000)).toEqual({ ok: true });
  });

  it('damps a suspect set acted on flapThreshold times within the window, and forgets it after', () => {
    const g = new Guardrails(options);
    for (const at of [0, 1000, 2000]) g.noteActed(['B-D'], at);
    expect(g.check(1, ['B-D'], 3000)).toEqual({ ok: false, reason: expect.stringMatching(/flap damping/) });
    expect(g.check(1, ['A-B'], 3000)).toEqual({ ok: true });
    expect(g.check(1, ['B-D'], 601_000)).toEqual({ ok: true });
  });

  it('neither damps nor rate-limits a move off an element that is down now, but still caps its blast radius', () => {
    const g = new Guardrails(options);
    for (const at of [0, 1000, 2000]) g.noteActed(['B'], at);
    expect(g.check(1, ['B'], 3000, 'off-down')).toEqual({ ok: true });
    expect(g.check(6, ['B'], 3000, 'off-down')).toEqual({
      ok: false,
      reason: expect.stringMatching(/blast radius/),
    });
    g.noteRepair(3000);
    g.noteRepair(3000);
    expect(g.check(1, ['B'], 3000, 'off-down')).toEqual({ ok: true });
    // the same budget holds any other change
    expect(g.check(1, ['A-B'], 3000)).toEqual({ ok: false, reason: expect.stringMatching(/rate limit/) });
  });

  it('a repair off a dead element is off-down whatever it does, a drift re-push restores, the rest change', () => {
    expect(changeKind(true, 'reroute')).toBe('off-down');
    expect(changeKind(false, 'repush')).toBe('restore');
    expect(changeKind(false, 'reroute')).toBe('change');
  });

  it('does not rate-limit a re-push of the deployed state, but damps it like any repair', () => {
    const g = new Guardrails(options);
    g.noteRepair(0);
    g.noteRepair(0);
    expect(g.check(1, ['pol-1'], 1000, 'restore')).toEqual({ ok: true });
    expect(g.check(1, ['pol-1'], 1000, 'change')).toEqual({
      ok: false,
      reason: expect.stringMatching(/rate limit/),
    });
    for (const at of [0, 1000, 2000]) g.noteActed(['pol-1'], at);
    expect(g.check(1, ['pol-1'], 3000, 'restore')).toEqual({
      ok: false,
      reason: expect.stringMatching(/flap damping/),
    });
  });
});
