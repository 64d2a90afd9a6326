/**
 * Counter → delta → rate normalisation with wrap and discontinuity handling (RFC 2863 §3.1.6 semantics).
 * Pure: readings carry their own timestamps; nothing here reads a clock.
 *
 * A counter only ever increases, modulo 2^width. Between two readings:
 * - no decrease: the delta is the difference, unless it exceeds `maxDelta` (implausible: a counter that was
 *   replaced or reset and then grew past its old value) → discontinuity;
 * - a decrease of a 32-bit counter: a wrap, if the wrapped delta is plausible, else a reset;
 * - a decrease of a 64-bit counter: a reset (wrapping 2^64 octets takes > 10 years at 400 Gbit/s);
 * - a reading flagged `discontinuity` (sysUpTime went back, ifCounterDiscontinuityTime changed, session
 *   restarted): no delta across it.
 * A discontinuity is reported, never turned into a huge positive or negative delta.
 */

export type CounterWidth = 32 | 64;

export interface CounterReading {
  readonly value: bigint;
  readonly timestampNs: bigint;
  /** The counter is not continuous with the previous reading (do not compute a delta across it). */
  readonly discontinuity?: boolean;
}

export interface CounterOptions {
  readonly width: CounterWidth;
  /** Largest delta that can be real over the interval (e.g. from the interface speed); unbounded if absent. */
  readonly maxDelta?: bigint;
}

export type DiscontinuityReason = 'flagged' | 'decrease' | 'implausible' | 'out-of-range' | 'time';

export type CounterDelta =
  | { readonly kind: 'delta'; readonly delta: bigint; readonly wrapped: boolean }
  | { readonly kind: 'discontinuity'; readonly reason: DiscontinuityReason };

export type CounterRate =
  | {
      readonly kind: 'rate';
      readonly perSecond: number;
      readonly delta: bigint;
      readonly intervalNs: bigint;
      readonly wrapped: boolean;
    }
  | { readonly kind: 'discontinuity'; readonly reason: DiscontinuityReason };

const MODULUS: Record<CounterWidth, bigint> = { 32: 1n << 32n, 64: 1n << 64n };

export function inCounterRange(value: bigint, width: CounterWidth): boolean {
  return value >= 0n && value < MODULUS[width];
}

/** The increase from `prev` to `curr` of one counter of the given width. */
export function counterDelta(
  prev: bigint,
  curr: bigint,
  options: CounterOptions & { readonly discontinuity?: boolean },
): CounterDelta {
  const { width, maxDelta } = options;
  if (!inCounterRange(prev, width) || !inCounterRange(curr, width)) {
    return { kind: 'discontinuity', reason: 'out-of-range' };
  }
  if (options.discontinuity) return { kind: 'discontinuity', reason: 'flagged' };
  if (curr >= prev) {
    const delta = curr - prev;
    if (maxDelta !== undefined && delta > maxDelta) return { kind: 'discontinuity', reason: 'implausible' };
    return { kind: 'delta', delta, wrapped: false };
  }
  if (width === 64) return { kind: 'discontinuity', reason: 'decrease' };
  const wrappedDelta = curr + MODULUS[width] - prev;
  if (maxDelta !== undefined && wrappedDelta > maxDelta) return { kind: 'discontinuity', reason: 'decrease' };
  return { kind: 'delta', delta: wrappedDelta, wrapped: true };
}

/** Per-second rate between two readings of one counter. */
export function counterRate(
  prev: CounterReading,
  curr: CounterReading,
  options: CounterOptions,
): CounterRate {
  const intervalNs = curr.timestampNs - prev.timestampNs;
  if (intervalNs <= 0n) return { kind: 'discontinuity', reason: 'time' };
  const d = counterDelta(prev.value, curr.value, { ...options, discontinuity: curr.discontinuity === true });
  if (d.kind === 'discontinuity') return d;
  return {
    kind: 'rate',
    perSecond: (Number(d.delta) * 1e9) / Number(intervalNs),
    delta: d.delta,
    intervalNs,
    wrapped: d.wrapped,
  };
}

/**
 * The most octets an interface of `speedBps` can count in `intervalNs`, times `slack` (default 2: polls are
 * not exactly periodic and agents sample counters at slightly different instants). Use as `maxDelta`.
 */
export function maxOctetsDelta(speedBps: bigint, intervalNs: bigint, slack = 2n): bigint {
  return (speedBps * intervalNs * slack) / 8_000_000_000n;
}

/** A 32-bit (or 64-bit) counter series extended to a monotonic 64-bit series, as a poller keeps it. */
export interface ExtendedCounter {
  readonly raw: bigint;
  readonly extended: bigint;
}

/**
 * Fold one raw reading into an extended counter. Wraps are absorbed (the extended value keeps increasing);
 * on a discontinuity the extended value restarts at the raw value and the result says so, so the caller
 * flags the sample instead of emitting a bogus delta.
 */
export function extendCounter(
  prev: ExtendedCounter | undefined,
  raw: bigint,
  options: CounterOptions & { readonly discontinuity?: boolean },
): { readonly counter: ExtendedCounter; readonly discontinuity: boolean } {
  if (prev === undefined) return { counter: { raw, extended: raw }, discontinuity: false };
  const d = counterDelta(prev.raw, raw, options);
  if (d.kind === 'delta')
    return { counter: { raw, extended: prev.extended + d.delta }, discontinuity: false };
  return { counter: { raw, extended: raw }, discontinuity: true };
}
