import fc from 'fast-check';
import { counter32, counter64, physAddress, timeTicks } from './if-mib';

describe('IF-MIB value encoding', () => {
  it('Counter32 is the 64-bit counter modulo 2^32', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (v) => {
        expect(BigInt(counter32(v))).toBe(v % (1n << 32n));
      }),
    );
  });

  it('Counter64 is always an 8-byte big-endian Buffer holding the exact value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (v) => {
        const b = counter64(v);
        expect(b).toHaveLength(8);
        expect(b.readBigUInt64BE()).toBe(v);
      }),
    );
  });

  it('TimeTicks are hundredths of a second, never negative, wrapping at 2^32', () => {
    expect(timeTicks(12_345)).toBe(1_234);
    expect(timeTicks(-5)).toBe(0);
    expect(timeTicks(2 ** 32 * 10 + 20)).toBe(2);
  });

  it('MAC addresses are locally administered, stable and distinct per NE and ifIndex', () => {
    const a = physAddress('R1', 1);
    expect(a).toHaveLength(6);
    expect(a[0]! & 0x02).toBe(0x02);
    expect(physAddress('R1', 1)).toEqual(a);
    expect(physAddress('R1', 2)).not.toEqual(a);
    expect(physAddress('R2', 1)).not.toEqual(a);
  });
});
