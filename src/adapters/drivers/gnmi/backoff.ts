export interface BackoffOptions {
  /** First retry delay (ms). */
  readonly initialMs: number;
  /** Cap on the delay (ms). */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": half of the exponential delay is fixed, half random, so a fleet
 * of sessions that lost the same collector do not reconnect in lock step, yet none retries instantly.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number): number {
  const exp = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return exp / 2 + random() * (exp / 2);
}
