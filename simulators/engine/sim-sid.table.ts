import { formatIpv6 } from '../../src/core/model/ipv6';
import type { SimNetwork } from './sim-network';

/**
 * The simulated network's own SRv6 addressing (RFC 8986), computed from its own node and arc indices so that
 * it never borrows the controller's SID allocation (a bug there must show up as a SID the network rejects,
 * not hide in both). The addressing plan is the one the README describes under "Topologies":
 * - block fcbb:bb00::/32, one /48 locator per node: node number n → fcbb:bb00:<n>::/48;
 * - nodes with an explicit `locatorNode` keep it, the others take the lowest free numbers in node-id order;
 * - End = the locator address itself (function 0);
 * - End.X of a node's i-th outgoing arc (arc-id order) = locator | (0xE000 + i) << 64.
 */

export const SIM_SID_BLOCK = 0xfcbbbb00n << 96n;
const NODE_SHIFT = 80n;
const FUNCTION_SHIFT = 64n;
const MAX_NODE = 0xffff;
const END_X_BASE = 0xe000;
const MAX_END_X = 0xffff - END_X_BASE;

/** What a SID addresses: a node (End) or a node and the arc it crosses (End.X). */
export interface SimSid {
  readonly sid: string;
  readonly node: number;
  /** The arc an End.X SID crosses, -1 for End. */
  readonly arc: number;
}

export class SimSidTable {
  private readonly ends: SimSid[];
  private readonly endXs: SimSid[];
  private readonly bySid = new Map<string, SimSid>();

  constructor(private readonly net: SimNetwork) {
    const numbers = nodeNumbers(net);
    this.ends = numbers.map((n, v) => ({ sid: formatIpv6(locator(n)), node: v, arc: -1 }));
    this.endXs = new Array<SimSid>(net.arcCount);
    for (let v = 0; v < net.nodeCount; v++) {
      const start = net.outStart[v]!;
      const count = net.outStart[v + 1]! - start;
      if (count - 1 > MAX_END_X)
        throw new RangeError(
          `sim-sids: node '${net.nodeIds[v]}' has ${count} adjacencies, too many End.X SIDs`,
        );
      for (let i = 0; i < count; i++) {
        const a = net.outArcs[start + i]!;
        const value = locator(numbers[v]!) | (BigInt(END_X_BASE + i) << FUNCTION_SHIFT);
        this.endXs[a] = { sid: formatIpv6(value), node: v, arc: a };
      }
    }
    for (const s of [...this.ends, ...this.endXs]) this.bySid.set(s.sid, s);
  }

  get size(): number {
    return this.bySid.size;
  }

  /** End SID of a node by id (throws on an unknown node). */
  endSid(node: string): SimSid {
    const v = this.net.nodeIndex(node);
    if (v === undefined) throw new RangeError(`sim-sids: unknown node '${node}'`);
    return this.ends[v]!;
  }

  /** End.X SID of an arc by id (throws on an unknown arc). */
  endXSid(arc: string): SimSid {
    const a = this.net.arcIndex(arc);
    if (a === undefined) throw new RangeError(`sim-sids: unknown arc '${arc}'`);
    return this.endXs[a]!;
  }

  /** The SID with this canonical (RFC 5952) text, if the network has it. */
  resolve(sid: string): SimSid | undefined {
    return this.bySid.get(sid);
  }

  all(): IterableIterator<SimSid> {
    return this.bySid.values();
  }
}

function locator(nodeNumber: number): bigint {
  return SIM_SID_BLOCK | (BigInt(nodeNumber) << NODE_SHIFT);
}

/** Per node index its locator node number: explicit ones kept, the rest lowest free in node-id order. */
function nodeNumbers(net: SimNetwork): number[] {
  const out = new Array<number>(net.nodeCount).fill(-1);
  const taken = new Set<number>();
  for (let v = 0; v < net.nodeCount; v++) {
    const explicit = net.topology.node(net.nodeIds[v]!).locatorNode;
    if (explicit === undefined) continue;
    if (explicit > MAX_NODE)
      throw new RangeError(`sim-sids: locator ${explicit} of '${net.nodeIds[v]}' > ${MAX_NODE}`);
    out[v] = explicit;
    taken.add(explicit);
  }
  let next = 1;
  for (let v = 0; v < net.nodeCount; v++) {
    if (out[v]! >= 0) continue;
    while (taken.has(next)) next++;
    if (next > MAX_NODE) throw new RangeError(`sim-sids: ${net.nodeCount} nodes do not fit the locators`);
    out[v] = next++;
  }
  return out;
}
