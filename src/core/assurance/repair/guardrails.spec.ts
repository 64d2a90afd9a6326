import {
  decide,
  guardrailReasons,
  initialGuardrailState,
  noteOpening,
  noteRepair,
  proposeReoptimisation,
} from '.';
import type { AffectedPolicy, RepairProposal } from '.';

const proposal = (moved: number, suspects = ['AB']): RepairProposal => ({
  incidentId: 'inc-1',
  class: 'gray-loss',
  suspects,
  chosen: {
    candidate: { kind: 'reroute', detail: '', change: {}, policiesMoved: moved },
    newViolations: [],
    maxUtilisation: 0.5,
    feasible: true,
    reason: '',
  },
  ranked: [],
  reason: '',
});

describe('autonomy guardrails', () => {
  const s0 = initialGuardrailState(0);

  it('off records, L3 asks, L4 applies a small safe repair', () => {
    expect(decide('off', proposal(1), s0)).toBe('record-only');
    expect(decide('L3', proposal(1), s0)).toBe('await-approval');
    expect(decide('L4', proposal(1), s0)).toBe('apply');
    expect(decide('L4', { ...proposal(1), chosen: null }, s0)).toBe('record-only');
  });

  it('above the blast-radius cap even L4 asks', () => {
    expect(decide('L4', proposal(25), s0)).toBe('apply');
    expect(decide('L4', proposal(26), s0)).toBe('await-approval');
    expect(guardrailReasons(proposal(26), s0)[0]).toMatch(/blast radius/);
  });

  it('rate limit: the 11th automatic repair within a minute asks; later ones pass again', () => {
    let s = s0;
    for (let t = 0; t < 10; t++) s = noteRepair(s, t * 1_000);
    expect(decide('L4', proposal(1), s)).toBe('await-approval');
    expect(decide('L4', proposal(1), { ...s, atMs: 70_000 })).toBe('apply');
  });

  it('flap damping: the same suspects opening 3 incidents in the window are not repaired automatically', () => {
    let s = s0;
    for (const t of [0, 60_000, 120_000]) s = noteOpening(s, ['AB'], t);
    expect(decide('L4', proposal(1, ['AB']), s)).toBe('await-approval');
    expect(decide('L4', proposal(1, ['CD']), s)).toBe('apply');
    expect(decide('L4', proposal(1, ['AB']), { ...s, atMs: 900_000 })).toBe('apply');
  });
});

describe('proactive re-optimisation', () => {
  const on = (link: string): AffectedPolicy[] =>
    link === 'AB' ? [{ key: 'A/p1', headend: 'A', name: 'p1', endpoint: 'Z', degraded: false }] : [];
  it('proposes moving policies off a link forecast to cross the ceiling soon, not off a far or past one', () => {
    const out = proposeReoptimisation(
      [
        { link: 'AB', arc: 'A>B', at: 10 * 60_000, utilisation: 0.9 },
        { link: 'CD', arc: 'C>D', at: 5 * 3_600_000, utilisation: 0.9 },
      ],
      0,
      3_600_000,
      on,
      () => [['fc00:c::']],
      { predict: () => ({ intents: [], maxUtilisation: 0.6 }) },
    );
    expect(out).toHaveLength(1);
    expect(out[0]?.chosen?.candidate).toMatchObject({ kind: 'reoptimise', policiesMoved: 1 });
  });
});
