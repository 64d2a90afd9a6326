import type { PlanVerifier, Verification } from '../../core/intent';
import { AvoidanceRegistry, avoidingVerifier } from './avoidance.registry';

const refusing = (checks: Verification['checks']): PlanVerifier => ({
  verify: () => ({ ok: checks.every((c) => c.ok), checks }),
});
const run = (v: PlanVerifier) => v.verify({} as never, {} as never, {} as never, {} as never);

describe('avoidingVerifier', () => {
  const hot = (to: string) => ({
    check: 'capacity' as const,
    ok: false,
    detail: `twin: predicted utilisation above the 0.85 ceiling on K:I#ab (0.673 → ${to}), D:K#ab (0.5 → 0.86)`,
  });

  it('refuses as the inner verifier does outside a repair fallback', () => {
    const avoid = new AvoidanceRegistry();
    expect(run(avoidingVerifier(refusing([hot('0.877')]), avoid)).ok).toBe(false);
  });

  it('over-ceiling tier: accepts ceiling crossings below capacity, never an overbooked arc or a broken SLO', () => {
    const avoid = new AvoidanceRegistry();
    avoid.overCeiling = true;
    const v = run(avoidingVerifier(refusing([hot('0.877')]), avoid));
    expect(v.ok).toBe(true);
    expect(v.checks[0]!.detail).toMatch(/^over the ceiling, below capacity/);
    expect(run(avoidingVerifier(refusing([hot('1.02')]), avoid)).ok).toBe(false);
    const slo = { check: 'delay' as const, ok: false, detail: 'twin: SLO broken: a1 maxLossPct 10 > 0.5' };
    expect(run(avoidingVerifier(refusing([hot('0.9'), slo]), avoid)).ok).toBe(false);
    // the protection check is relaxed only by the partial tier
    const prot = { check: 'protection' as const, ok: false, detail: 'failures with no conforming backup' };
    expect(run(avoidingVerifier(refusing([prot]), avoid)).ok).toBe(false);
    avoid.partialDisjoint = true;
    expect(run(avoidingVerifier(refusing([prot]), avoid)).ok).toBe(true);
  });
});
