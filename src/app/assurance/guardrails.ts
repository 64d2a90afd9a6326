import type { RepairProposal } from './repair.plan';

/** Limits on what the loop may change by itself (issue 9 §6); above them even L4 asks a human. */
export interface GuardrailOptions {
  /** At most this many automatic repairs per `windowMs` (network clock). */
  readonly maxRepairsPerWindow: number;
  readonly windowMs: number;
  /** A repair that would move more intents than this waits for approval. */
  readonly blastRadius: number;
  /**
   * Flap damping: the repair that would be the loop's `flapThreshold`-th change around the same suspects
   * within `flapWindowMs` waits for a human (incidents it did not act on do not count).
   */
  readonly flapThreshold: number;
  readonly flapWindowMs: number;
}

export const DEFAULT_GUARDRAILS: GuardrailOptions = {
  maxRepairsPerWindow: 10,
  windowMs: 60_000,
  blastRadius: 25,
  flapThreshold: 3,
  flapWindowMs: 600_000,
};

/** What a repair does besides changing paths, for the guardrails: see `Guardrails.check`. */
export type ChangeKind = 'change' | 'off-down' | 'restore';

/** The kind of a repair for the guardrails: off a dead element (`hardDown`), a drift re-push, or a change. */
export const changeKind = (hardDown: boolean, repair: RepairProposal['kind']): ChangeKind =>
  hardDown ? 'off-down' : repair === 'repush' ? 'restore' : 'change';

/** The damping key of a suspect set: the same elements in any order. */
const keyOf = (suspects: readonly string[]): string => [...suspects].sort().join(',');

export type GuardrailVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Guardrail state over the network clock: recent automatic repairs, overall and per suspect set. */
export class Guardrails {
  private repairs: number[] = [];
  private readonly acted = new Map<string, number[]>();

  constructor(readonly options: GuardrailOptions = DEFAULT_GUARDRAILS) {}

  /**
   * Notes an automatic change to the network around `suspects` (a reroute or re-push); returns how many the
   * window holds now. Incidents the loop opens but does not act on (collateral of another fault, nothing to
   * move) are not noted: damping is there to stop the loop's own oscillation, not to hold a link because
   * other faults' traffic kept passing over it.
   */
  noteActed(suspects: readonly string[], at: number): number {
    const recent = [...this.changes(suspects, at), at];
    this.acted.set(keyOf(suspects), recent);
    return recent.length;
  }

  /** Times of the automatic changes noted around `suspects` within the damping window before `at`. */
  private changes(suspects: readonly string[], at: number): number[] {
    return (this.acted.get(keyOf(suspects)) ?? []).filter((t) => at - t < this.options.flapWindowMs);
  }

  /**
   * May the loop act by itself on a repair moving `intents` intents for `suspects` at `at`? `kind` says what
   * the repair does besides changing paths:
   * - `off-down`: it only moves traffic off elements that are down now (link-down, node-down). Neither flap
   *   damping nor the rate limit holds it — traffic cannot oscillate back onto a dead element, and waiting for
   *   a human leaves the intents black-holed, which is worse than acting — while the blast radius still does.
   * - `restore`: it re-pushes what the controller deployed and the operator approved (drift). The rate limit
   *   does not hold it (it adds no new state to the network); damping does, so a push war with whoever keeps
   *   changing the headend stops after `flapThreshold` rounds.
   * Exempt repairs still count against the rate limit of the others (`noteRepair`).
   */
  check(
    intents: number,
    suspects: readonly string[],
    at: number,
    kind: ChangeKind = 'change',
  ): GuardrailVerdict {
    const o = this.options;
    if (intents > o.blastRadius) {
      return { ok: false, reason: `blast radius: ${intents} intents to move, cap ${o.blastRadius}` };
    }
    // damped when this change would be the flapThreshold-th around the same suspects within the window
    const done = this.changes(suspects, at).length;
    if (kind !== 'off-down' && done + 1 >= o.flapThreshold) {
      return {
        ok: false,
        reason: `flap damping: the loop already changed paths around ${suspects.join(', ')} ${done} time(s) within ${o.flapWindowMs / 1000} s (at most ${o.flapThreshold - 1} without a human)`,
      };
    }
    this.repairs = this.repairs.filter((t) => at - t < o.windowMs);
    if (kind === 'change' && this.repairs.length >= o.maxRepairsPerWindow) {
      return {
        ok: false,
        reason: `rate limit: ${this.repairs.length} automatic repairs within ${o.windowMs / 1000} s (max ${o.maxRepairsPerWindow})`,
      };
    }
    return { ok: true };
  }

  noteRepair(at: number): void {
    this.repairs.push(at);
  }
}
