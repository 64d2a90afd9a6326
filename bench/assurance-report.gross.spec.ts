import type { CampaignResult } from './assurance-jobs';
import type { Outcome } from './assurance-outcome';
import { summarise } from './assurance-report';

/** One latency outcome, found and repaired in 2 / 0 / 5 s unless told otherwise. */
const latency = (o: Partial<Outcome>): Outcome => ({
  topology: 'Abilene',
  scenario: 1,
  incidentsOpened: 1,
  cls: 'latency',
  k: 1,
  target: 'A:B',
  params: { us: 10_000 },
  detectMs: 2000,
  locateMs: 0,
  repairMs: 5000,
  correct: true,
  reported: 'latency',
  eqSize: 1,
  finalState: 'repaired',
  rolledBack: false,
  absorbed: false,
  repairable: true,
  applied: true,
  resolvedWhileActive: false,
  classifier: 'model',
  ...o,
});

const campaign = (outcomes: Outcome[], unrelated: number): CampaignResult => ({
  kind: 'campaign',
  topology: 'Abilene',
  nodes: 11,
  links: 14,
  policies: 60,
  engine: 'core',
  outcomes,
  unrelated,
  leftovers: 0,
  intervals: 100,
  scenariosPlanned: outcomes.length,
  scenariosCutByBudget: 0,
  refusedFaultRequests: [],
  targetsReusedWithin10Min: 0,
  cpu: { simMs: 0, loopMs: 0, wallMs: 0 },
});

describe('summarise: the millisecond latency side campaign (ADR 0176)', () => {
  it('is reported apart, with the incidents per fault and those naming no fault, and kept out of the main table', () => {
    const v = 'latency-milliseconds';
    const s = summarise(
      [
        campaign([latency({ params: { us: 5 } })], 3),
        campaign(
          [
            latency({ variant: v, incidentsOpened: 3 }),
            latency({ variant: v, params: { us: 20_000 }, correct: false, repairMs: null }),
          ],
          2,
        ),
      ],
      [],
    );
    const g = s.latencyMilliseconds;
    expect(g.injections).toBe(2);
    expect(g.correct).toBe(0.5);
    expect(g.incidentsOpened.max).toBe(3);
    expect(g.repairMs.missed).toBe(1);
    // only the side campaign's own unrelated incidents
    expect(g.unrelatedIncidents).toBe(2);
    expect(g.shiftUs.max).toBe(20_000);
    // the main table counts the one main-campaign latency fault alone
    expect((s.perClass as Record<string, { injections: number }>)['latency']!.injections).toBe(1);
  });
});
