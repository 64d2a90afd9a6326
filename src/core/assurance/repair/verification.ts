import type { RepairCandidate, PolicyKey } from './repair.types';

/** How to tell whether an applied repair worked. */
export interface VerificationPlan {
  /** `probes`: fresh probes on the moved/re-pushed policies; `telemetry`: the resynced NEs report again. */
  readonly check: 'probes' | 'telemetry';
  readonly policies: readonly {
    readonly key: PolicyKey;
    readonly maxLossPct: number;
    readonly maxDelayUs?: number;
  }[];
  readonly nodes: readonly string[];
  /** Intervals of evidence to gather before declaring success. */
  readonly intervals: number;
}

export interface VerificationOptions {
  readonly intervals: number;
  /** Loss bound for a policy whose intent states none. */
  readonly defaultMaxLossPct: number;
}

export const DEFAULT_VERIFICATION: VerificationOptions = { intervals: 3, defaultMaxLossPct: 1 };

/** The plan for a chosen candidate; `slo` gives each policy's bounds when its intent has them. */
export function verificationPlan(
  candidate: RepairCandidate,
  slo: (key: PolicyKey) => { maxLossPct?: number; maxDelayUs?: number } | undefined,
  options: VerificationOptions = DEFAULT_VERIFICATION,
): VerificationPlan {
  if (candidate.kind === 'resync') {
    return {
      check: 'telemetry',
      policies: [],
      nodes: [...(candidate.resync ?? [])],
      intervals: options.intervals,
    };
  }
  const keys = [...(candidate.change.reroute ?? []).map((m) => m.policy.key), ...(candidate.repush ?? [])];
  return {
    check: 'probes',
    policies: [...new Set(keys)].sort().map((key) => {
      const s = slo(key);
      return {
        key,
        maxLossPct: s?.maxLossPct ?? options.defaultMaxLossPct,
        ...(s?.maxDelayUs !== undefined ? { maxDelayUs: s.maxDelayUs } : {}),
      };
    }),
    nodes: [],
    intervals: options.intervals,
  };
}

/** One interval of evidence after the repair. */
export interface VerificationSample {
  readonly probes: readonly {
    readonly key: PolicyKey;
    readonly probesSent: number;
    readonly probesLost: number;
    readonly delayUs: number | null;
  }[];
  /** NEs still silent in this interval. */
  readonly silentNodes: readonly string[];
}

export type VerificationVerdict =
  | { readonly verdict: 'pending'; readonly reason: string }
  | { readonly verdict: 'verified'; readonly reason: string }
  | { readonly verdict: 'rollback'; readonly reason: string; readonly failing: readonly string[] };

/**
 * Pure verdict over the intervals gathered so far. Probes: a policy that loses (almost) everything or is
 * not probed in an interval fails at once (rollback within one interval); otherwise, after `intervals`
 * intervals, pooled loss above its bound or median delay above its bound fails it. Telemetry: verified
 * once every resynced NE reports in the last interval; rollback (nothing to undo but flag it) if any stays
 * silent for all intervals.
 */
export function verifyRepair(
  plan: VerificationPlan,
  samples: readonly VerificationSample[],
): VerificationVerdict {
  if (plan.check === 'telemetry') {
    const last = samples.at(-1);
    if (last && plan.nodes.every((n) => !last.silentNodes.includes(n)))
      return { verdict: 'verified', reason: 'telemetry restored' };
    if (samples.length < plan.intervals)
      return { verdict: 'pending', reason: `${samples.length}/${plan.intervals} intervals` };
    const failing = plan.nodes.filter((n) => samples.every((s) => s.silentNodes.includes(n)));
    return { verdict: 'rollback', reason: `still silent: ${failing.join(', ')}`, failing };
  }
  const hard: string[] = [];
  for (const p of plan.policies) {
    const last = samples.at(-1)?.probes.find((x) => x.key === p.key);
    if (samples.length > 0 && (!last || last.probesSent === 0 || last.probesLost / last.probesSent >= 0.5))
      hard.push(p.key);
  }
  if (hard.length > 0)
    return { verdict: 'rollback', reason: `no delivery on ${hard.join(', ')}`, failing: hard };
  if (samples.length < plan.intervals)
    return { verdict: 'pending', reason: `${samples.length}/${plan.intervals} intervals` };
  const failing: string[] = [];
  for (const p of plan.policies) {
    const rows = samples.slice(-plan.intervals).flatMap((s) => s.probes.filter((x) => x.key === p.key));
    const sent = rows.reduce((a, r) => a + r.probesSent, 0);
    const lost = rows.reduce((a, r) => a + r.probesLost, 0);
    const delays = rows
      .map((r) => r.delayUs)
      .filter((d): d is number => d !== null)
      .sort((a, b) => a - b);
    const median = delays.length === 0 ? null : delays[Math.floor(delays.length / 2)]!;
    const lossBad = sent === 0 || (100 * lost) / sent > p.maxLossPct;
    const delayBad = p.maxDelayUs !== undefined && median !== null && median > p.maxDelayUs;
    if (lossBad || delayBad) failing.push(p.key);
  }
  return failing.length > 0
    ? { verdict: 'rollback', reason: `SLO not restored on ${failing.join(', ')}`, failing }
    : {
        verdict: 'verified',
        reason: `SLO held for ${plan.intervals} intervals on ${plan.policies.length} policies`,
      };
}
