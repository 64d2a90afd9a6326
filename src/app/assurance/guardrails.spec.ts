import { Guardrails } from './guardrails';

const options = {
  maxRepairsPerWindow: 2,
  windowMs: 60_000,
  blastRadius: 5,
  flapThreshold: 3,
  flapWindowMs: 600_000,
};

describe('Guardrails', () => {
  it('damps a suspect set that opened flapThreshold incidents within the window, and forgets it after', () => {
    const g = new Guardrails(options);
    for (const at of [0, 1000, 2000]) g.noteOpening(['B-D'], at);
    expect(g.check(1, ['B-D'], 3000)).toEqual({ ok: false, reason: expect.stringMatching(/flap damping/) });
    expect(g.check(1, ['A-B'], 3000)).toEqual({ ok: true });
    expect(g.check(1, ['B-D'], 601_000)).toEqual({ ok: true });
  });

  it('does not damp a move off an element that is down now, but still caps its blast radius and rate', () => {
    const g = new Guardrails(options);
    for (const at of [0, 1000, 2000]) g.noteOpening(['B'], at);
    expect(g.check(1, ['B'], 3000, true)).toEqual({ ok: true });
    expect(g.check(6, ['B'], 3000, true)).toEqual({
      ok: false,
      reason: expect.stringMatching(/blast radius/),
    });
    g.noteRepair(3000);
    g.noteRepair(3000);
    expect(g.check(1, ['B'], 3000, true)).toEqual({ ok: false, reason: expect.stringMatching(/rate limit/) });
  });
});
