/** Limits on what the loop may change by itself (issue 9 §6); above them even L4 asks a human. */
export interface GuardrailOptions {
  /** At most this many automatic repairs per `windowMs` (network clock). */
  readonly maxRepairsPerWindow: number;
  readonly windowMs: number;
  /** A repair that would move more intents than this waits for approval. */
  readonly blastRadius: number;
  /** The same suspects opening this many incidents within `flapWindowMs` are damped: no automatic repair. */
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

export type GuardrailVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Guardrail state over the network clock: recent automatic repairs and recent openings per suspect set. */
export class Guardrails {
  private repairs: number[] = [];
  private readonly openings = new Map<string, number[]>();

  constructor(readonly options: GuardrailOptions = DEFAULT_GUARDRAILS) {}

  /** Notes an incident opening on `suspects`; returns how many openings the window holds now. */
  noteOpening(suspects: readonly string[], at: number): number {
    const key = [...suspects].sort().join(',');
    const recent = (this.openings.get(key) ?? []).filter((t) => at - t < this.options.flapWindowMs);
    recent.push(at);
    this.openings.set(key, recent);
    return recent.length;
  }

  flapping(suspects: readonly string[], at: number): boolean {
    const key = [...suspects].sort().join(',');
    const recent = (this.openings.get(key) ?? []).filter((t) => at - t < this.options.flapWindowMs);
    return recent.length >= this.options.flapThreshold;
  }

  /**
   * May the loop act by itself on a repair moving `intents` intents for `suspects` at `at`? `offDownElement`:
   * the repair only moves traffic off elements that are down now (link-down, node-down). Flap damping does
   * not hold such a move — traffic cannot oscillate back onto a dead element, and waiting for a human leaves
   * the intents black-holed, which is worse than acting — while the blast radius and the rate limit still do.
   */
  check(intents: number, suspects: readonly string[], at: number, offDownElement = false): GuardrailVerdict {
    const o = this.options;
    if (intents > o.blastRadius) {
      return { ok: false, reason: `blast radius: ${intents} intents to move, cap ${o.blastRadius}` };
    }
    if (!offDownElement && this.flapping(suspects, at)) {
      return {
        ok: false,
        reason: `flap damping: ${suspects.join(', ')} opened ${o.flapThreshold}+ incidents within ${o.flapWindowMs / 1000} s`,
      };
    }
    this.repairs = this.repairs.filter((t) => at - t < o.windowMs);
    if (this.repairs.length >= o.maxRepairsPerWindow) {
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
