import type { TopologyGraph } from '../../src/core/topology';

/**
 * The topology compiled into dense integer indices and typed arrays, the form every per-tick loop of the
 * engine works on. Nodes are indexed in id order, arcs in arc-id order. Each node's interfaces are its
 * adjacencies in arc-id order (the outgoing arc's id, or the incoming one for the far end of a one-way link),
 * named `eth<k>` with ifIndex k+1.
 */
export class SimNetwork {
  readonly nodeIds: readonly string[];
  readonly nodeNames: readonly string[];
  readonly arcIds: readonly string[];
  readonly linkIds: readonly string[];
  readonly arcFrom: Int32Array;
  readonly arcTo: Int32Array;
  readonly arcLink: Int32Array;
  /** The opposite direction of the same link, or -1 for a one-way link. */
  readonly arcReverse: Int32Array;
  readonly arcMetric: Float64Array;
  readonly arcCapacityMbps: Float64Array;
  readonly arcDelayUs: Float64Array;
  /** CSR of outgoing / incoming arcs per node, each in arc-id order. */
  readonly outStart: Int32Array;
  readonly outArcs: Int32Array;
  readonly inStart: Int32Array;
  readonly inArcs: Int32Array;
  /** Interfaces: CSR per node; per interface its node, outgoing arc, incoming arc (-1 if none) and link. */
  readonly ifStart: Int32Array;
  readonly ifNode: Int32Array;
  readonly ifOutArc: Int32Array;
  readonly ifInArc: Int32Array;
  readonly ifLink: Int32Array;
  readonly ifPeer: Int32Array;
  /** Interface at the sending / receiving end of each arc. */
  readonly arcSrcIf: Int32Array;
  readonly arcDstIf: Int32Array;
  private readonly nodeIx = new Map<string, number>();
  private readonly arcIx = new Map<string, number>();
  private readonly linkIx = new Map<string, number>();
  readonly linkArcs: readonly (readonly number[])[];

  constructor(readonly topology: TopologyGraph) {
    const nodes = [...topology.nodes()].sort((a, b) => cmp(a.id, b.id));
    this.nodeIds = nodes.map((n) => n.id);
    this.nodeNames = nodes.map((n) => n.name);
    this.nodeIds.forEach((id, i) => this.nodeIx.set(id, i));
    const arcs = [...topology.arcs()].sort((a, b) => cmp(a.id, b.id));
    this.arcIds = arcs.map((a) => a.id);
    this.arcIds.forEach((id, i) => this.arcIx.set(id, i));
    this.linkIds = [...topology.links()].map((l) => l.id).sort(cmp);
    this.linkIds.forEach((id, i) => this.linkIx.set(id, i));
    const n = arcs.length;
    this.arcFrom = Int32Array.from(arcs, (a) => this.nodeIx.get(a.from)!);
    this.arcTo = Int32Array.from(arcs, (a) => this.nodeIx.get(a.to)!);
    this.arcLink = Int32Array.from(arcs, (a) => this.linkIx.get(a.link)!);
    this.arcMetric = Float64Array.from(arcs, (a) => a.igpMetric);
    this.arcCapacityMbps = Float64Array.from(arcs, (a) => a.capacityMbps);
    this.arcDelayUs = Float64Array.from(arcs, (a) => a.delayUs);
    const linkArcs: number[][] = this.linkIds.map(() => []);
    for (let a = 0; a < n; a++) linkArcs[this.arcLink[a]!]!.push(a);
    this.linkArcs = linkArcs;
    this.arcReverse = new Int32Array(n).fill(-1);
    for (const pair of linkArcs) {
      if (pair.length === 2) {
        this.arcReverse[pair[0]!] = pair[1]!;
        this.arcReverse[pair[1]!] = pair[0]!;
      }
    }
    [this.outStart, this.outArcs] = csr(this.nodeIds.length, this.arcFrom);
    [this.inStart, this.inArcs] = csr(this.nodeIds.length, this.arcTo);
    const ifs = this.buildInterfaces();
    this.ifStart = ifs.start;
    this.ifNode = ifs.node;
    this.ifOutArc = ifs.out;
    this.ifInArc = ifs.inn;
    this.ifLink = Int32Array.from(ifs.out, (a, i) => this.arcLink[a >= 0 ? a : ifs.inn[i]!]!);
    this.ifPeer = Int32Array.from(ifs.out, (a, i) => (a >= 0 ? this.arcTo[a]! : this.arcFrom[ifs.inn[i]!]!));
    this.arcSrcIf = new Int32Array(n).fill(-1);
    this.arcDstIf = new Int32Array(n).fill(-1);
    for (let i = 0; i < this.ifNode.length; i++) {
      if (this.ifOutArc[i]! >= 0) this.arcSrcIf[this.ifOutArc[i]!] = i;
      if (this.ifInArc[i]! >= 0) this.arcDstIf[this.ifInArc[i]!] = i;
    }
  }

  get nodeCount(): number {
    return this.nodeIds.length;
  }
  get arcCount(): number {
    return this.arcIds.length;
  }
  get linkCount(): number {
    return this.linkIds.length;
  }
  get interfaceCount(): number {
    return this.ifNode.length;
  }

  nodeIndex(id: string): number | undefined {
    return this.nodeIx.get(id);
  }
  arcIndex(id: string): number | undefined {
    return this.arcIx.get(id);
  }
  linkIndex(id: string): number | undefined {
    return this.linkIx.get(id);
  }

  interfaceName(ifIx: number): string {
    return `eth${ifIx - this.ifStart[this.ifNode[ifIx]!]!}`;
  }

  /** The interface of a node by name (`eth<k>`), or -1. */
  interfaceByName(node: number, name: string): number {
    const m = /^eth(\d+)$/.exec(name);
    if (!m) return -1;
    const ix = this.ifStart[node]! + Number(m[1]);
    return ix < this.ifStart[node + 1]! ? ix : -1;
  }

  private buildInterfaces(): { start: Int32Array; node: Int32Array; out: Int32Array; inn: Int32Array } {
    const perNode: { key: string; out: number; inn: number }[][] = this.nodeIds.map(() => []);
    for (let a = 0; a < this.arcIds.length; a++) {
      const rev = this.arcReverse[a]!;
      perNode[this.arcFrom[a]!]!.push({ key: this.arcIds[a]!, out: a, inn: rev });
      if (rev < 0) perNode[this.arcTo[a]!]!.push({ key: this.arcIds[a]!, out: -1, inn: a });
    }
    const start = new Int32Array(this.nodeIds.length + 1);
    const node: number[] = [];
    const out: number[] = [];
    const inn: number[] = [];
    perNode.forEach((list, v) => {
      list.sort((x, y) => cmp(x.key, y.key));
      for (const e of list) {
        node.push(v);
        out.push(e.out);
        inn.push(e.inn);
      }
      start[v + 1] = node.length;
    });
    return { start, node: Int32Array.from(node), out: Int32Array.from(out), inn: Int32Array.from(inn) };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compressed sparse rows of arcs grouped by an endpoint; arcs keep their (arc-id) order inside a row. */
function csr(nodeCount: number, endpoint: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(nodeCount + 1);
  for (let a = 0; a < endpoint.length; a++) start[endpoint[a]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, nodeCount);
  const arcs = new Int32Array(endpoint.length);
  for (let a = 0; a < endpoint.length; a++) arcs[fill[endpoint[a]!]!++] = a;
  return [start, arcs];
}
