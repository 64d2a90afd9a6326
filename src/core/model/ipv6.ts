/** IPv6 addresses as 128-bit bigints: parsing and RFC 5952 canonical text. */

const MAX = (1n << 128n) - 1n;

export function parseIpv6(text: string): bigint {
  const s = text.trim().toLowerCase();
  if (!/^[0-9a-f:]+$/.test(s)) throw new RangeError(`ipv6: '${text}' is not an IPv6 address`);
  const halves = s.split('::');
  if (halves.length > 2) throw new RangeError(`ipv6: '${text}' has more than one '::'`);
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) {
    throw new RangeError(`ipv6: '${text}' does not have 8 groups`);
  }
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const g of groups) {
    if (g.length === 0 || g.length > 4) throw new RangeError(`ipv6: '${text}' has a bad group '${g}'`);
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

export function formatIpv6(value: bigint): string {
  if (value < 0n || value > MAX) throw new RangeError('ipv6: value out of range');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (>= 2) of zero groups, the first one on ties.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export interface Ipv6Prefix {
  readonly address: bigint;
  readonly length: number;
}

export function parseIpv6Prefix(text: string): Ipv6Prefix {
  const [addr, len, extra] = text.split('/');
  const length = Number(len);
  if (addr === undefined || extra !== undefined || !Number.isInteger(length) || length < 0 || length > 128) {
    throw new RangeError(`ipv6: '${text}' is not a prefix like fcbb:bb00::/32`);
  }
  const address = parseIpv6(addr);
  const hostBits = BigInt(128 - length);
  if (hostBits > 0n && address & ((1n << hostBits) - 1n)) {
    throw new RangeError(`ipv6: '${text}' has bits set after the prefix length`);
  }
  return { address, length };
}

export const formatIpv6Prefix = (p: Ipv6Prefix): string => `${formatIpv6(p.address)}/${p.length}`;
