import { formatIpv6, parseIpv6 } from '../model/ipv6';
import { DEFAULT_SRV6_PLAN } from '../model/srv6';

/** Lengths (bits) of the SID block and of one compressed SID (C-SID), RFC 9800 NEXT-C-SID flavour. */
export interface UsidFormat {
  readonly blockLength: number;
  readonly csidLength: number;
}

export const DEFAULT_USID_FORMAT: UsidFormat = {
  blockLength: DEFAULT_SRV6_PLAN.structure.blockLength,
  csidLength: DEFAULT_SRV6_PLAN.structure.nodeLength,
};

/** A SID of a segment list as uSID packing sees it (PathSegment fits). */
export interface UsidSegment {
  readonly sid: string;
  readonly behavior: 'End' | 'End.X';
}

export type UsidPacking = { ok: true; containers: string[] } | { ok: false; reason: string };
export type UsidUnpacking = { ok: true; segments: UsidSegment[] } | { ok: false; reason: string };

/** One SID cut into its block and C-SIDs: End = [node] (uN), End.X = [node, function] (uN + local uA). */
interface Cut {
  readonly block: bigint;
  readonly csids: readonly bigint[];
}

/**
 * uSID packing (RFC 9800, NEXT-C-SID): each container is a 128-bit SID made of the block followed by up to
 * (128 − block) / C-SID C-SIDs, unused slots zero (end of carrier). An End SID takes one C-SID (its node,
 * function 0); an End.X takes two, node then function, kept in the same container. C-SIDs in the top eighth
 * of the C-SID space are local (functions, e.g. 0xE000–0xFFFF for 16 bits), the others global (nodes), which
 * is how unpacking tells them apart. Containers are filled greedily in order, which is minimal for an
 * order-preserving packing; a new container starts when the block changes.
 */
export function packUsid(
  segments: readonly UsidSegment[],
  format: UsidFormat = DEFAULT_USID_FORMAT,
): UsidPacking {
  const bad = checkFormat(format);
  if (bad) return { ok: false, reason: bad };
  const slots = Math.floor((128 - format.blockLength) / format.csidLength);
  const containers: string[] = [];
  let block: bigint | undefined;
  let csids: bigint[] = [];
  const flush = (): void => {
    if (block !== undefined && csids.length > 0) containers.push(formatIpv6(container(block, csids, format)));
    csids = [];
  };
  for (const [i, seg] of segments.entries()) {
    const cut = cutSid(seg, format);
    if (typeof cut === 'string') return { ok: false, reason: `usid: segment ${i} (${seg.sid}): ${cut}` };
    if (cut.block !== block || csids.length + cut.csids.length > slots) flush();
    block = cut.block;
    csids.push(...cut.csids);
  }
  flush();
  return { ok: true, containers };
}

/** The segment list back from its containers (the inverse of `packUsid`). */
export function unpackUsid(
  containers: readonly string[],
  format: UsidFormat = DEFAULT_USID_FORMAT,
): UsidUnpacking {
  const bad = checkFormat(format);
  if (bad) return { ok: false, reason: bad };
  const { blockLength: B, csidLength: C } = format;
  const mask = (1n << BigInt(C)) - 1n;
  const segments: UsidSegment[] = [];
  for (const [i, text] of containers.entries()) {
    let value: bigint;
    try {
      value = parseIpv6(text);
    } catch {
      return { ok: false, reason: `usid: container ${i} '${text}' is not an IPv6 address` };
    }
    const block = value >> BigInt(128 - B);
    const csids: bigint[] = [];
    for (let s = 0; s < Math.floor((128 - B) / C); s++)
      csids.push((value >> BigInt(128 - B - (s + 1) * C)) & mask);
    const end = csids.indexOf(0n);
    const used = end < 0 ? csids : csids.slice(0, end);
    if (used.length === 0) return { ok: false, reason: `usid: container ${i} '${text}' carries no C-SID` };
    for (let s = 0; s < used.length; s++) {
      const node = used[s]!;
      if (isLocal(node, C))
        return { ok: false, reason: `usid: container ${i}: local C-SID without a node before it` };
      const fn = used[s + 1];
      const isX = fn !== undefined && isLocal(fn, C);
      const sid = sidValue(block, node, isX ? fn : 0n, format);
      segments.push({ sid: formatIpv6(sid), behavior: isX ? 'End.X' : 'End' });
      if (isX) s++;
    }
  }
  return { ok: true, segments };
}

function checkFormat({ blockLength: B, csidLength: C }: UsidFormat): string | undefined {
  if (!Number.isInteger(B) || !Number.isInteger(C) || B < 1 || C < 4 || B + 2 * C > 128) {
    return `usid: block ${B} and C-SID ${C} bits must leave room for two C-SIDs in 128 bits`;
  }
  return undefined;
}

const isLocal = (csid: bigint, C: number): boolean => csid >= (7n << BigInt(C)) / 8n;

function cutSid(seg: UsidSegment, format: UsidFormat): Cut | string {
  const { blockLength: B, csidLength: C } = format;
  let value: bigint;
  try {
    value = parseIpv6(seg.sid);
  } catch {
    return 'not an IPv6 address';
  }
  const mask = (1n << BigInt(C)) - 1n;
  const node = (value >> BigInt(128 - B - C)) & mask;
  const fn = (value >> BigInt(128 - B - 2 * C)) & mask;
  if ((value & ((1n << BigInt(128 - B - 2 * C)) - 1n)) !== 0n) return 'has bits set after node and function';
  if (node === 0n || isLocal(node, C)) return `node C-SID ${node} is not in the global range`;
  const block = value >> BigInt(128 - B);
  if (seg.behavior === 'End') return fn === 0n ? { block, csids: [node] } : `End SID with function ${fn}`;
  return isLocal(fn, C) ? { block, csids: [node, fn] } : `End.X function ${fn} is not in the local range`;
}

function container(
  block: bigint,
  csids: readonly bigint[],
  { blockLength: B, csidLength: C }: UsidFormat,
): bigint {
  let value = block << BigInt(128 - B);
  csids.forEach((c, s) => (value |= c << BigInt(128 - B - (s + 1) * C)));
  return value;
}

function sidValue(
  block: bigint,
  node: bigint,
  fn: bigint,
  { blockLength: B, csidLength: C }: UsidFormat,
): bigint {
  return (block << BigInt(128 - B)) | (node << BigInt(128 - B - C)) | (fn << BigInt(128 - B - 2 * C));
}
