import { PathEngine } from '../../pathcomp';
import { predictWhatIf, whatIfBase } from '../../twin';
import type { TwinPolicy, WhatIfChange } from '../../twin';
import { endSid, endXSid, link, net, nid, policy } from '../../twin/__fixtures__/twin-networks';
import { pathFinderFrom, planRepair, toWhatIfChange, twinEvaluator } from '.';
import type { AffectedPolicy } from '.';

/**
 * Real path engine and real twin on a diamond n0 → {n1, n2} → n3 (+ detour via n4), all 1 Gb/s except
 * L13 at 2 Gb/s; `igpMbps` of IGP traffic n1 → n3 rides L13.
 */
function setup(mbps: number, igpMbps = 0) {
  const d = net(5, [
    link('L01', 'n0', 'n1'),
    link('L02', 'n0', 'n2'),
    link('L13', 'n1', 'n3', { cap: 2_000 }),
    link('L23', 'n2', 'n3'),
    link('L04', 'n0', 'n4', { igp: 30 }),
    link('L43', 'n4', 'n3', { igp: 30 }),
  ]);
  const p = policy('p', 'n0', 'n3', [[endXSid(d, 'L01#ab'), endSid(d, 'n3')]], { maxDelayUs: 1_000 });
  const base = whatIfBase(d.index, {
    policies: [p],
    demands: [
      { from: nid('n0'), to: nid('n3'), mbps, policy: { headend: nid('n0'), name: 'p' }, estimated: false },
      ...(igpMbps > 0 ? [{ from: nid('n1'), to: nid('n3'), mbps: igpMbps, estimated: false }] : []),
    ],
  });
  const policies = new Map<string, TwinPolicy>([['n0/p', p]]);
  const predict = (c: WhatIfChange) => predictWhatIf(d.index, base, c);
  const engine = new PathEngine(d.topo, d.sids);
  return {
    d,
    base,
    predict,
    findPath: pathFinderFrom((q) => engine.compute(q)),
    evaluator: twinEvaluator(predict, (k) => policies.get(k)),
    policyOf: (k: string) => policies.get(k),
  };
}

const affected: AffectedPolicy = {
  key: 'n0/p',
  headend: 'n0',
  name: 'p',
  endpoint: 'n3',
  intent: 'intent-p',
  degraded: true,
};

describe('repair bindings to the real path engine and twin', () => {
  it('reroutes a policy off a gray-loss link, and the twin sees its traffic leave that link', () => {
    const s = setup(100);
    const proposal = planRepair(
      {
        incidentId: 'i',
        class: 'gray-loss',
        suspects: [{ kind: 'link', id: 'L13', probability: 1 }],
        equivalenceClass: ['L13'],
        affected: [affected],
      },
      s.findPath,
      s.evaluator,
    );
    expect(proposal.chosen?.candidate.kind).toBe('reroute');
    const after = s.predict(toWhatIfChange(proposal.chosen!.candidate.change, s.policyOf));
    const arc = (id: string) => after.links.find((l) => l.arc === id)!;
    expect(arc('L13#ab').loadMbps).toBeCloseTo(0);
    expect(arc('L23#ab').loadMbps).toBeCloseTo(100);
    expect(after.intents.find((i) => i.policy === 'p')?.sloOk).toBe(true);
  });

  it('cost-out is rejected when the twin shows the surviving branch would run above the ceiling', () => {
    // 800 Mb/s of IGP traffic n1 → n3 and the policy's 100 ride L13 (2 Gb/s). Costing L13 out sends all
    // 900 over n1 → n0 → n2 → n3 (L23 at 0.9); moving only the policy puts 100 on L23.
    const s = setup(100, 800);
    const proposal = planRepair(
      {
        incidentId: 'i',
        class: 'crc',
        suspects: [{ kind: 'link', id: 'L13', probability: 1 }],
        equivalenceClass: ['L13'],
        affected: [affected],
      },
      s.findPath,
      s.evaluator,
    );
    const costOut = proposal.ranked.find((e) => e.candidate.kind === 'cost-out')!;
    expect(costOut.feasible).toBe(false);
    expect(costOut.maxUtilisation).toBeCloseTo(0.9);
    expect(costOut.reason).toMatch(/ceiling/);
    expect(proposal.chosen?.candidate.kind).toBe('reroute');
    expect(proposal.chosen?.maxUtilisation).toBeCloseTo(0.4);
  });

  it('no path avoids a down endpoint neighbourhood: no candidate rather than a guess', () => {
    const s = setup(100);
    const proposal = planRepair(
      {
        incidentId: 'i',
        class: 'node-down',
        suspects: [{ kind: 'node', id: 'n3', probability: 1 }],
        equivalenceClass: ['n3', 'L13', 'L23', 'L43'],
        affected: [affected],
      },
      s.findPath,
      s.evaluator,
    );
    expect(proposal.chosen).toBeNull();
  });
});
