import type { DirectionInput, TopologyInput } from './topology-input';

export interface Problem {
  readonly message: string;
  readonly element?: string;
}

const positiveFinite = (x: number): boolean => Number.isFinite(x) && x > 0;

function checkDirection(where: string, d: DirectionInput, out: Problem[]): void {
  if (!positiveFinite(d.capacityMbps)) {
    out.push({ element: where, message: `${where}: capacity must be > 0 Mbit/s, got ${d.capacityMbps}` });
  }
  if (!Number.isFinite(d.delayUs) || d.delayUs < 0) {
    out.push({ element: where, message: `${where}: delay must be >= 0 µs, got ${d.delayUs}` });
  }
  if (!Number.isInteger(d.igpMetric) || d.igpMetric < 1) {
    out.push({ element: where, message: `${where}: IGP metric must be an integer >= 1, got ${d.igpMetric}` });
  }
  if (d.teMetric !== undefined && (!Number.isInteger(d.teMetric) || d.teMetric < 1)) {
    out.push({ element: where, message: `${where}: TE metric must be an integer >= 1, got ${d.teMetric}` });
  }
}

/** Every broken invariant of a topology, all at once (an empty list means it is sound). */
export function checkInvariants(input: TopologyInput): Problem[] {
  const out: Problem[] = [];
  const nodes = new Set<string>();
  const locators = new Map<number, string>();
  for (const n of input.nodes) {
    if (!n.id) out.push({ message: 'a node has an empty id' });
    else if (nodes.has(n.id)) out.push({ element: n.id, message: `duplicate node id '${n.id}'` });
    nodes.add(n.id);
    if (n.geo && (!(Math.abs(n.geo.lat) <= 90) || !(Math.abs(n.geo.lon) <= 180))) {
      out.push({
        element: n.id,
        message: `node '${n.id}': coordinates out of range (${n.geo.lat}, ${n.geo.lon})`,
      });
    }
    if (n.locatorNode !== undefined) {
      const other = locators.get(n.locatorNode);
      if (!Number.isInteger(n.locatorNode) || n.locatorNode < 1) {
        out.push({ element: n.id, message: `node '${n.id}': locator node number must be an integer >= 1` });
      } else if (other !== undefined) {
        out.push({
          element: n.id,
          message: `node '${n.id}': locator node number ${n.locatorNode} is also '${other}'s`,
        });
      } else locators.set(n.locatorNode, n.id);
    }
  }
  const links = new Set<string>();
  for (const l of input.links) {
    const where = `link '${l.id}'`;
    if (!l.id) out.push({ message: `a link between '${l.a}' and '${l.b}' has an empty id` });
    else if (links.has(l.id)) out.push({ element: l.id, message: `duplicate link id '${l.id}'` });
    links.add(l.id);
    for (const end of [l.a, l.b]) {
      if (!nodes.has(end)) out.push({ element: l.id, message: `${where}: endpoint '${end}' is not a node` });
    }
    if (l.a === l.b) out.push({ element: l.id, message: `${where}: self-loop on '${l.a}'` });
    checkDirection(`${where} ${l.a}→${l.b}`, l.ab, out);
    if (l.ba) checkDirection(`${where} ${l.b}→${l.a}`, l.ba, out);
    for (const s of l.srlgs ?? []) {
      if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) {
        out.push({ element: l.id, message: `${where}: SRLG ${s} is not a 32-bit unsigned integer` });
      }
    }
  }
  for (const [i, d] of (input.demands ?? []).entries()) {
    const where = `demand #${i} (${d.from}→${d.to})`;
    if (!nodes.has(d.from)) out.push({ element: where, message: `${where}: unknown node '${d.from}'` });
    if (!nodes.has(d.to)) out.push({ element: where, message: `${where}: unknown node '${d.to}'` });
    if (!(Number.isFinite(d.mbps) && d.mbps >= 0)) {
      out.push({ element: where, message: `${where}: rate must be >= 0 Mbit/s, got ${d.mbps}` });
    }
  }
  return out;
}
