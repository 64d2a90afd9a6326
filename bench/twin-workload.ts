import type { NodeId } from '../src/core/model/ids';
import { SidTable, TopologyGraph } from '../src/core/topology';
import { Prng, generateTopology } from '../src/core/topology/generators';
import { TwinIndex, predictWhatIf, whatIfBase } from '../src/core/twin';
import type { DemandEntry, TwinPolicy, WhatIfBase } from '../src/core/twin';

export interface TwinWorkload {
  readonly topo: TopologyGraph;
  readonly index: TwinIndex;
  readonly base: WhatIfBase;
  readonly policies: number;
  readonly demands: number;
}

/**
 * A generated ISP topology with `policies` SR policies between random node pairs, each with two candidate
 * paths (via a random waypoint with End SIDs, or via one of the headend's adjacencies with an End.X SID, then
 * the endpoint; and a fallback straight to the endpoint), a steered demand per policy and `igpDemands` more
 * IGP-routed demands, scaled so the busiest link is at `peak` utilisation. Seeded: the same arguments give the same workload.
 */
export function twinWorkload(
  nodes: number,
  policies: number,
  igpDemands: number,
  seed = 1,
  peak = 0.7,
): TwinWorkload {
  const topo = TopologyGraph.build(generateTopology('isp', { nodes, seed }));
  const sids = SidTable.allocate(topo);
  const index = TwinIndex.of(topo, sids);
  const rng = new Prng(seed * 7919 + 1);
  const ids = [...topo.nodes()].map((n) => n.id);
  const pick = (): NodeId => ids[rng.int(ids.length)]!;
  const pols: TwinPolicy[] = [];
  const demands: DemandEntry[] = [];
  for (let i = 0; i < policies; i++) {
    const headend = pick();
    let endpoint = pick();
    while (endpoint === headend) endpoint = pick();
    const out = topo.outArcs(headend);
    const first =
      rng.next() < 0.3 && out.length > 0
        ? sids.endXSid(out[rng.int(out.length)]!.id).sid
        : sids.endSid(pick()).sid;
    const end = sids.endSid(endpoint).sid;
    pols.push({
      headend,
      endpoint,
      name: `p${i}`,
      intent: `i${i}`,
      color: 100 + (i % 50),
      candidatePaths: [
        { preference: 200, segmentLists: [{ weight: 1, sids: [first, end] }] },
        { preference: 100, segmentLists: [{ weight: 1, sids: [end] }] },
      ],
      slo: { maxDelayUs: 60_000, maxLossPct: 1 },
    });
    demands.push({
      from: headend,
      to: endpoint,
      mbps: 1 + rng.next() * 20,
      policy: { headend, name: `p${i}` },
      estimated: false,
    });
  }
  for (let i = 0; i < igpDemands; i++) {
    const from = pick();
    let to = pick();
    while (to === from) to = pick();
    demands.push({ from, to, mbps: 1 + rng.next() * 50, estimated: false });
  }
  // Scale the matrix so the busiest link runs at `peak` utilisation: a loaded but healthy network.
  const mlu = predictWhatIf(index, whatIfBase(index, { policies: pols, demands }), {}).maxUtilisation;
  const scaled = demands.map((d) => ({ ...d, mbps: (d.mbps * peak) / mlu }));
  return {
    topo,
    index,
    base: whatIfBase(index, { policies: pols, demands: scaled }),
    policies,
    demands: demands.length,
  };
}
