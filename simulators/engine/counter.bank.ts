/** Module-level aliases: global lookups are slow inside vm contexts (jest), and these run per arc per tick. */
const { floor } = Math;

/** Interface counters, in the order of SimInterfaceState's counter fields. */
export const COUNTER_KINDS = [
  'inOctets',
  'outOctets',
  'inPkts',
  'outPkts',
  'inErrors',
  'outErrors',
  'inDiscards',
  'outDiscards',
  'inFcsErrors',
] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];
export const K = Object.fromEntries(COUNTER_KINDS.map((k, i) => [k, i])) as Record<CounterKind, number>;

const CARRY = 2 ** 44;

/**
 * 64-bit counters for many interfaces without a bigint per update: each counter is a float64 running value
 * (fractions of a unit carry over, so rates × tick add up exactly over time) whose integer part moves into a
 * BigUint64 base before it loses precision. A bigint is only built when a counter is read; it never decreases.
 */
export class CounterBank {
  private readonly value: Float64Array;
  private readonly base: BigUint64Array;

  constructor(readonly size: number) {
    this.value = new Float64Array(size * COUNTER_KINDS.length);
    this.base = new BigUint64Array(size * COUNTER_KINDS.length);
  }

  add(i: number, kind: number, amount: number): void {
    const ix = i * COUNTER_KINDS.length + kind;
    const v = this.value[ix]! + amount;
    if (v < CARRY) {
      this.value[ix] = v;
      return;
    }
    const whole = floor(v);
    this.base[ix] = BigInt.asUintN(64, this.base[ix]! + BigInt(whole));
    this.value[ix] = v - whole;
  }

  read(i: number, kind: number): bigint {
    const ix = i * COUNTER_KINDS.length + kind;
    return BigInt.asUintN(64, this.base[ix]! + BigInt(floor(this.value[ix]!)));
  }
}
