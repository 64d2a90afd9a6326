import { SidSpaceExhaustedError, UnknownLinkError, UnknownNodeError } from '../errors';
import type { ArcId, NodeId } from '../model/ids';
import { formatIpv6, formatIpv6Prefix, parseIpv6Prefix } from '../model/ipv6';
import { DEFAULT_SRV6_PLAN, END_FUNCTION } from '../model/srv6';
import type { Locator, Sid, Srv6Plan } from '../model/srv6';
import type { TopologyGraph } from './topology-graph';

/**
 * Deterministic SRv6 addressing of a whole topology (RFC 8986): one locator per node inside the SID block,
 * an End SID per node (the locator with function 0, which is also the uSID uN form) and an End.X SID per
 * adjacency (function 0xE000 + i for a 16-bit function, i counting the node's outgoing arcs in arc-id order).
 *
 * Nodes that carry a locator node number keep it; the others get the lowest free numbers in node-id order.
 * So the same topology always yields the same SIDs, whatever order its file lists things in.
 */
export class SidTable {
  private constructor(
    readonly plan: Srv6Plan,
    private readonly locators: ReadonlyMap<NodeId, Locator>,
    private readonly ends: ReadonlyMap<NodeId, Sid>,
    private readonly endXs: ReadonlyMap<ArcId, Sid>,
    private readonly bySid: ReadonlyMap<string, Sid>,
  ) {}

  static allocate(topology: TopologyGraph, plan: Srv6Plan = DEFAULT_SRV6_PLAN): SidTable {
    const block = parseIpv6Prefix(plan.block);
    const { blockLength, nodeLength, functionLength, argumentLength } = plan.structure;
    if (block.length !== blockLength) {
      throw new RangeError(
        `srv6: block ${plan.block} is /${block.length} but the SID structure says /${blockLength}`,
      );
    }
    if (
      blockLength + nodeLength + functionLength + argumentLength > 128 ||
      nodeLength < 1 ||
      functionLength < 2
    ) {
      throw new RangeError('srv6: SID structure lengths must be positive and add up to at most 128');
    }
    const nodeShift = BigInt(128 - blockLength - nodeLength);
    const funcShift = BigInt(128 - blockLength - nodeLength - functionLength);
    const maxNode = 2 ** nodeLength - 1;
    const endXBase = (2 ** functionLength / 8) * 7;
    const endXMax = 2 ** functionLength - 1 - endXBase;

    const numbers = assignNodeNumbers(topology, maxNode);
    const locators = new Map<NodeId, Locator>();
    const ends = new Map<NodeId, Sid>();
    const endXs = new Map<ArcId, Sid>();
    const bySid = new Map<string, Sid>();
    const add = (s: Sid): void => {
      bySid.set(s.sid, s);
    };

    for (const node of topology.nodes()) {
      const nodeNumber = numbers.get(node.id)!;
      const locValue = block.address | (BigInt(nodeNumber) << nodeShift);
      locators.set(node.id, {
        node: node.id,
        nodeNumber,
        prefix: formatIpv6Prefix({ address: locValue, length: blockLength + nodeLength }),
      });
      const endValue = locValue | (BigInt(END_FUNCTION) << funcShift);
      const end: Sid = { sid: formatIpv6(endValue), value: endValue, behavior: 'End', node: node.id };
      ends.set(node.id, end);
      add(end);
      const out = topology.outArcs(node.id);
      if (out.length - 1 > endXMax) {
        throw new SidSpaceExhaustedError(
          `srv6: node '${node.id}' has ${out.length} adjacencies but a ${functionLength}-bit function has room for ${endXMax + 1} End.X SIDs`,
          { element: node.id },
        );
      }
      out.forEach((arc, i) => {
        const value = locValue | (BigInt(endXBase + i) << funcShift);
        const sid: Sid = {
          sid: formatIpv6(value),
          value,
          behavior: 'End.X',
          node: node.id,
          arc: arc.id,
          link: arc.link,
        };
        endXs.set(arc.id, sid);
        add(sid);
      });
    }
    return new SidTable(plan, locators, ends, endXs, bySid);
  }

  get size(): number {
    return this.bySid.size;
  }

  locator(node: NodeId): Locator {
    const l = this.locators.get(node);
    if (!l) throw new UnknownNodeError(node, 'srv6');
    return l;
  }

  endSid(node: NodeId): Sid {
    const s = this.ends.get(node);
    if (!s) throw new UnknownNodeError(node, 'srv6');
    return s;
  }

  endXSid(arc: ArcId): Sid {
    const s = this.endXs.get(arc);
    if (!s) throw new UnknownLinkError(arc, 'srv6');
    return s;
  }

  /** The SID with this text (any IPv6 spelling is accepted only in canonical RFC 5952 form). */
  resolve(sid: string): Sid | undefined {
    return this.bySid.get(sid);
  }

  all(): IterableIterator<Sid> {
    return this.bySid.values();
  }
}

function assignNodeNumbers(topology: TopologyGraph, maxNode: number): Map<NodeId, number> {
  const numbers = new Map<NodeId, number>();
  const taken = new Set<number>();
  for (const node of topology.nodes()) {
    if (node.locatorNode === undefined) continue;
    if (node.locatorNode > maxNode) {
      throw new SidSpaceExhaustedError(
        `srv6: node '${node.id}' asks for locator ${node.locatorNode} > ${maxNode}`,
        {
          element: node.id,
        },
      );
    }
    numbers.set(node.id, node.locatorNode);
    taken.add(node.locatorNode);
  }
  const rest = [...topology.nodes()]
    .filter((n) => n.locatorNode === undefined)
    .map((n) => n.id)
    .sort();
  let next = 1;
  for (const id of rest) {
    while (taken.has(next)) next++;
    if (next > maxNode) {
      throw new SidSpaceExhaustedError(`srv6: ${topology.nodeCount} nodes do not fit ${maxNode} locators`, {
        element: id,
      });
    }
    numbers.set(id, next++);
  }
  return numbers;
}
