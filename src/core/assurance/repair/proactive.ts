import { planRepair } from './repair.planner';
import { DEFAULT_PLANNER_OPTIONS } from './repair.types';
import type {
  AffectedPolicy,
  PathFinder,
  PlannerOptions,
  RepairEvaluator,
  RepairProposal,
} from './repair.types';

/** A forecast crossing of the utilisation ceiling (shape of the twin's `Crossing`). */
export interface ForecastCrossing {
  readonly link: string;
  readonly arc: string;
  readonly at: number;
  readonly utilisation: number;
}

/**
 * Proactive re-optimisation: for each link forecast to cross the ceiling within `leadMs` of `nowMs`,
 * propose moving the policies that cross it onto paths avoiding it, ranked in the twin like a repair (the
 * minimal move of the degraded set is empty here: nothing is degraded yet, so all crossing policies move).
 */
export function proposeReoptimisation(
  crossings: readonly ForecastCrossing[],
  nowMs: number,
  leadMs: number,
  policiesOn: (link: string) => readonly AffectedPolicy[],
  findPath: PathFinder,
  evaluator: RepairEvaluator,
  options: PlannerOptions = DEFAULT_PLANNER_OPTIONS,
): RepairProposal[] {
  const soon = new Map<string, ForecastCrossing>();
  for (const c of [...crossings].sort((a, b) => a.at - b.at)) {
    if (c.at >= nowMs && c.at - nowMs <= leadMs && !soon.has(c.link)) soon.set(c.link, c);
  }
  return [...soon.values()].map((c) => {
    const p = planRepair(
      {
        incidentId: `forecast:${c.link}@${c.at}`,
        class: 'congestion',
        suspects: [{ kind: 'link', id: c.link, probability: 1 }],
        equivalenceClass: [c.link],
        affected: policiesOn(c.link).map((a) => ({ ...a, degraded: true })),
      },
      findPath,
      evaluator,
      options,
    );
    const chosen = p.chosen && {
      ...p.chosen,
      candidate: { ...p.chosen.candidate, kind: 'reoptimise' as const },
    };
    return {
      ...p,
      chosen,
      reason: `forecast: ${c.link} reaches ${c.utilisation.toFixed(2)} at ${c.at}; ${p.reason}`,
    };
  });
}
