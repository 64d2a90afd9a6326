import { planRepair } from '.';
import type {
  AffectedPolicy,
  PathFinder,
  RepairChange,
  RepairEvaluator,
  RepairInput,
  RepairPrediction,
} from '.';

const pol = (n: number, degraded = false): AffectedPolicy => ({
  key: `A/p${n}`,
  headend: 'A',
  name: `p${n}`,
  endpoint: 'Z',
  intent: `i${n}`,
  degraded,
});

/** Path engine fake: one detour via C, unless C or the link A-C is excluded. */
const findPath: PathFinder = ({ excludeLinks, excludeNodes }) =>
  excludeNodes.includes('C') || excludeLinks.includes('AC') ? null : [['fc00:c::', 'fc00:z::']];

/** Twin fake: utilisation and violations as functions of the change. */
function twin(
  f: (c: RepairChange) => Partial<RepairPrediction>,
): RepairEvaluator & { calls: RepairChange[] } {
  const calls: RepairChange[] = [];
  return {
    calls,
    predict(change) {
      calls.push(change);
      return { intents: [], maxUtilisation: 0.5, ...f(change) };
    },
  };
}

const input = (over: Partial<RepairInput>): RepairInput => ({
  incidentId: 'inc-1',
  class: 'gray-loss',
  suspects: [{ kind: 'link', id: 'AB', probability: 0.5 }],
  equivalenceClass: ['AB', 'BZ'],
  affected: [pol(1, true), pol(2), pol(3)],
  ...over,
});

describe('repair planner', () => {
  it('reroutes around the whole equivalence class and prefers fewer moves', () => {
    const seen: string[][] = [];
    const spy: PathFinder = (r) => {
      seen.push([...r.excludeLinks]);
      return findPath(r);
    };
    const p = planRepair(
      input({}),
      spy,
      twin(() => ({})),
    );
    expect(seen.every((x) => x.join() === 'AB,BZ')).toBe(true);
    expect(p.chosen?.candidate.kind).toBe('reroute-degraded');
    expect(p.chosen?.candidate.policiesMoved).toBe(1);
    expect(p.ranked.map((e) => e.candidate.kind)).toEqual(['reroute-degraded', 'reroute', 'cost-out']);
  });

  it('never picks a candidate that creates a new SLO violation or breaks the utilisation ceiling', () => {
    const evaluator = twin((c) =>
      c.reroute?.length === 1
        ? { intents: [{ name: 'i7', sloOk: false, violations: [{ slo: 'maxDelayUs' }] }] }
        : c.costOutLinks
          ? { maxUtilisation: 0.93 }
          : {},
    );
    const p = planRepair(input({}), findPath, evaluator);
    expect(p.chosen?.candidate.kind).toBe('reroute');
    const costOut = p.ranked.find((e) => e.candidate.kind === 'cost-out')!;
    expect(costOut.feasible).toBe(false);
    expect(p.ranked.find((e) => e.candidate.kind === 'reroute-degraded')?.newViolations).toEqual(['i7']);
  });

  it('a violation that already exists before the change is not counted as new', () => {
    const bad = { intents: [{ name: 'i1', sloOk: false, violations: [{ slo: 'maxLossPct' }] }] };
    const p = planRepair(
      input({ affected: [pol(1, true)] }),
      findPath,
      twin(() => bad),
    );
    expect(p.chosen?.newViolations).toEqual([]);
  });

  it('drift → re-push the intended policy, no reroute and no twin call', () => {
    const evaluator = twin(() => ({}));
    const p = planRepair(
      input({
        class: 'drift',
        suspects: [{ kind: 'policy', id: 'A/p1', probability: 1 }],
        equivalenceClass: ['A/p1'],
        affected: [],
      }),
      findPath,
      evaluator,
    );
    expect(p.chosen?.candidate).toMatchObject({ kind: 're-push', repush: ['A/p1'], policiesMoved: 0 });
    expect(p.ranked).toHaveLength(1);
    expect(evaluator.calls).toHaveLength(0);
  });

  it('telemetry gap → resync the silent NE, never reroute', () => {
    const p = planRepair(
      input({
        class: 'telemetry-gap',
        suspects: [{ kind: 'node', id: 'B', probability: 1 }],
        equivalenceClass: ['B'],
      }),
      findPath,
      twin(() => ({})),
    );
    expect(p.ranked.map((e) => e.candidate.kind)).toEqual(['resync']);
    expect(p.chosen?.candidate.resync).toEqual(['B']);
    expect(p.chosen?.candidate.change.reroute).toBeUndefined();
  });

  it('node suspects are avoided as nodes; no path around them means no proposal', () => {
    const p = planRepair(
      input({
        class: 'node-down',
        suspects: [{ kind: 'node', id: 'C', probability: 1 }],
        equivalenceClass: ['C'],
      }),
      findPath,
      twin(() => ({})),
    );
    expect(p.chosen).toBeNull();
    expect(p.reason).toMatch(/no candidate/);
  });

  it('benign congestion with nothing degraded proposes nothing', () => {
    const p = planRepair(
      input({ class: 'congestion', affected: [pol(1), pol(2)] }),
      findPath,
      twin(() => ({})),
    );
    expect(p.chosen).toBeNull();
    expect(p.ranked).toHaveLength(0);
  });
});
