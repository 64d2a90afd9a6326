import { candidatesFor } from './candidates';
import { DEFAULT_PLANNER_OPTIONS } from './repair.types';
import type {
  CandidateEvaluation,
  PathFinder,
  PlannerOptions,
  RepairCandidate,
  RepairEvaluator,
  RepairInput,
  RepairPrediction,
  RepairProposal,
} from './repair.types';

const violating = (p: RepairPrediction): Set<string> =>
  new Set(p.intents.filter((i) => !i.sloOk).map((i) => i.name));

/**
 * Scores one candidate in the twin against the no-change baseline. Re-push and resync change no
 * forwarding: they restore what the twin already models, so they are feasible without a prediction.
 */
export function evaluateCandidate(
  candidate: RepairCandidate,
  evaluator: RepairEvaluator,
  baseline: RepairPrediction,
  options: PlannerOptions,
): CandidateEvaluation {
  if (candidate.kind === 're-push' || candidate.kind === 'resync') {
    return {
      candidate,
      newViolations: [],
      maxUtilisation: baseline.maxUtilisation,
      feasible: true,
      reason: 'restores the intended state',
    };
  }
  const after = evaluator.predict(candidate.change);
  const before = violating(baseline);
  const newViolations = [...violating(after)].filter((n) => !before.has(n)).sort();
  const hot = after.maxUtilisation > options.utilisationCeiling;
  const reasons = [
    ...(newViolations.length > 0 ? [`new SLO violations: ${newViolations.join(', ')}`] : []),
    ...(hot
      ? [`max utilisation ${after.maxUtilisation.toFixed(3)} above the ceiling ${options.utilisationCeiling}`]
      : []),
  ];
  return {
    candidate,
    newViolations,
    maxUtilisation: after.maxUtilisation,
    feasible: reasons.length === 0,
    reason:
      reasons.length === 0
        ? `no new SLO violation, max utilisation ${after.maxUtilisation.toFixed(3)}`
        : reasons.join('; '),
  };
}

/** Tie-break by risk: restoring state beats moving paths, and moving paths beats taking a link out. */
const RISK: Readonly<Record<RepairCandidate['kind'], number>> = {
  're-push': 0,
  resync: 0,
  'reroute-degraded': 1,
  reroute: 2,
  reoptimise: 2,
  'cost-out': 3,
};

/**
 * Ranking: feasible first, then fewest new violations, fewest policies moved, lowest max utilisation,
 * lowest risk.
 */
export function compareEvaluations(a: CandidateEvaluation, b: CandidateEvaluation): number {
  return (
    Number(b.feasible) - Number(a.feasible) ||
    a.newViolations.length - b.newViolations.length ||
    a.candidate.policiesMoved - b.candidate.policiesMoved ||
    a.maxUtilisation - b.maxUtilisation ||
    RISK[a.candidate.kind] - RISK[b.candidate.kind]
  );
}

/**
 * Proposes a repair for one incident (proposals only: the app applies, or asks, then verifies): builds the
 * class's candidates, evaluates each in the twin, and chooses the best feasible one; none when no candidate
 * is safe (the incident then waits for a human rather than making things worse).
 */
export function planRepair(
  input: RepairInput,
  findPath: PathFinder,
  evaluator: RepairEvaluator,
  options: PlannerOptions = DEFAULT_PLANNER_OPTIONS,
): RepairProposal {
  const candidates = candidatesFor(input, findPath);
  const needsTwin = candidates.some((c) => c.kind !== 're-push' && c.kind !== 'resync');
  const baseline: RepairPrediction = needsTwin ? evaluator.predict({}) : { intents: [], maxUtilisation: 0 };
  const ranked = candidates
    .map((c) => evaluateCandidate(c, evaluator, baseline, options))
    .sort(compareEvaluations);
  const chosen = ranked.find((e) => e.feasible) ?? null;
  const reason =
    candidates.length === 0
      ? input.class === 'congestion'
        ? 'benign congestion with no degraded intent: nothing to repair'
        : 'no candidate: no alternative path avoids the suspect class'
      : chosen
        ? `${chosen.candidate.kind}: ${chosen.reason}`
        : `no safe candidate: ${ranked.map((e) => `${e.candidate.kind} (${e.reason})`).join('; ')}`;
  const suspects = input.suspects.map((s) => s.id);
  return { incidentId: input.incidentId, class: input.class, suspects, chosen, ranked, reason };
}
