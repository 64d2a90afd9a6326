import type { RepairProposal } from './repair.types';

export type AutonomyLevel = 'off' | 'L3' | 'L4';
export type AutonomyDecision = 'apply' | 'await-approval' | 'record-only';

export interface GuardrailOptions {
  /** At most this many automatic repairs per `windowMs`. */
  readonly maxRepairsPerWindow: number;
  readonly windowMs: number;
  /** A proposal moving more policies than this waits for a human, even at L4. */
  readonly blastRadius: number;
  /** The same suspects opening this many incidents within `flapWindowMs` are damped. */
  readonly flapThreshold: number;
  readonly flapWindowMs: number;
}

export const DEFAULT_GUARDRAIL_OPTIONS: GuardrailOptions = {
  maxRepairsPerWindow: 10,
  windowMs: 60_000,
  blastRadius: 25,
  flapThreshold: 3,
  flapWindowMs: 600_000,
};

/** Immutable guardrail state on the network clock. */
export interface GuardrailState {
  readonly atMs: number;
  readonly options: GuardrailOptions;
  readonly repairs: readonly number[];
  /** Incident openings per suspect-set key (sorted ids joined by ','). */
  readonly openings: Readonly<Record<string, readonly number[]>>;
}

export const initialGuardrailState = (atMs: number, options = DEFAULT_GUARDRAIL_OPTIONS): GuardrailState => ({
  atMs,
  options,
  repairs: [],
  openings: {},
});

const keyOf = (suspects: readonly string[]): string => [...suspects].sort().join(',');

export function noteOpening(s: GuardrailState, suspects: readonly string[], atMs: number): GuardrailState {
  const k = keyOf(suspects);
  const recent = (s.openings[k] ?? []).filter((t) => atMs - t < s.options.flapWindowMs);
  return { ...s, atMs, openings: { ...s.openings, [k]: [...recent, atMs] } };
}

export function noteRepair(s: GuardrailState, atMs: number): GuardrailState {
  return { ...s, atMs, repairs: [...s.repairs.filter((t) => atMs - t < s.options.windowMs), atMs] };
}

/** Why the loop may not act by itself on `proposal` now; empty when every guardrail passes. */
export function guardrailReasons(proposal: RepairProposal, s: GuardrailState): string[] {
  const o = s.options;
  const reasons: string[] = [];
  const moved = proposal.chosen?.candidate.policiesMoved ?? 0;
  if (moved > o.blastRadius) reasons.push(`blast radius: ${moved} policies to move, cap ${o.blastRadius}`);
  const suspects = keyOf(proposal.suspects);
  const openings = (s.openings[suspects] ?? []).filter((t) => s.atMs - t < o.flapWindowMs).length;
  if (openings >= o.flapThreshold)
    reasons.push(`flap damping: ${suspects} opened ${openings} incidents in ${o.flapWindowMs / 1000} s`);
  const repairs = s.repairs.filter((t) => s.atMs - t < o.windowMs).length;
  if (repairs >= o.maxRepairsPerWindow)
    reasons.push(`rate limit: ${repairs} automatic repairs in ${o.windowMs / 1000} s`);
  return reasons;
}

/**
 * The autonomy decision: `off` records only; a proposal without a safe candidate is recorded; L3 always
 * asks; L4 applies unless a guardrail (blast radius, flap damping, rate limit) trips, then it asks.
 */
export function decide(
  level: AutonomyLevel,
  proposal: RepairProposal,
  state: GuardrailState,
): AutonomyDecision {
  if (level === 'off' || proposal.chosen === null) return 'record-only';
  if (level === 'L3') return 'await-approval';
  return guardrailReasons(proposal, state).length > 0 ? 'await-approval' : 'apply';
}
