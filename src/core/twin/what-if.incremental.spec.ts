import fc from 'fast-check';
import type { LinkId, NodeId } from '../model/ids';
import { SidTable, TopologyGraph } from '../topology';
import { Prng, generateTopology } from '../topology/generators';
import { TwinIndex } from './twin-index';
import { predictWhatIf, scanN1 } from './what-if.engine';
import { whatIfBase } from './what-if-base';
import type { DemandEntry, TwinPolicy } from './twin-types';

/**
 * The incremental path (SPF repair, inherited next hops, reused legs, load deltas, arc-major SLO deltas)
 * must equal a from-scratch computation on a base in which the same links are already down.
 */
describe('incremental what-if equals recomputation from scratch', () => {
  it('on generated ISP networks with policies, for random link and node failures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (seed, pickA, pickB, node) => {
          const topo = TopologyGraph.build(generateTopology('isp', { nodes: 40, seed }));
          const sids = SidTable.allocate(topo);
          const index = TwinIndex.of(topo, sids);
          const rng = new Prng(seed);
          const ids = [...topo.nodes()].map((n) => n.id);
          const pick = (): NodeId => ids[rng.int(ids.length)]!;
          const policies: TwinPolicy[] = [];
          const demands: DemandEntry[] = [];
          for (let i = 0; i < 60; i++) {
            const headend = pick();
            const endpoint = pick();
            if (headend === endpoint) continue;
            const name = `p${i}`;
            policies.push({
              headend,
              endpoint,
              name,
              color: 1,
              candidatePaths: [
                {
                  preference: 2,
                  segmentLists: [{ weight: 1, sids: [sids.endSid(pick()).sid, sids.endSid(endpoint).sid] }],
                },
                { preference: 1, segmentLists: [{ weight: 1, sids: [sids.endSid(endpoint).sid] }] },
              ],
              slo: { maxDelayUs: 20_000 },
            });
            demands.push({
              from: headend,
              to: endpoint,
              mbps: 50 + rng.int(500),
              policy: { headend, name },
              estimated: false,
            });
            demands.push({ from: pick(), to: pick(), mbps: rng.int(300), estimated: false });
          }
          const g = index.g;
          const failLinks = [
            g.linkIds[pickA % g.linkIds.length]!,
            g.linkIds[pickB % g.linkIds.length]!,
          ] as LinkId[];
          const failNodes = node ? [g.nodeIds[pickA % g.n]!] : [];
          const base = whatIfBase(index, { policies, demands });
          const incremental = predictWhatIf(index, base, { failLinks, failNodes });
          const arcUp = new Uint8Array(g.m).fill(1);
          for (const l of failLinks) for (const a of index.arcsOfLink(g.link(l)!)) arcUp[a] = 0;
          const nodeUp = new Uint8Array(g.n).fill(1);
          for (const v of failNodes) nodeUp[g.node(v)!] = 0;
          const scratch = predictWhatIf(index, whatIfBase(index, { policies, demands, arcUp, nodeUp }), {});
          incremental.links.forEach((l, a) => {
            expect(l.status).toBe(scratch.links[a]!.status);
            expect(l.loadMbps).toBeCloseTo(scratch.links[a]!.loadMbps, 6);
          });
          incremental.intents.forEach((p, i) => {
            const q = scratch.intents[i]!;
            expect([p.activePath, p.sloOk]).toEqual([q.activePath, q.sloOk]);
            if (p.delayUs === null) expect(q.delayUs).toBeNull();
            else expect(p.delayUs).toBeCloseTo(q.delayUs!, 3);
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('scanN1', () => {
  it('reports, per link, exactly the intents a single what-if of that failure finds broken', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 1, max: 1.2, noNaN: true }),
        (seed, tight) => {
          const topo = TopologyGraph.build(generateTopology('isp', { nodes: 30, seed }));
          const sids = SidTable.allocate(topo);
          const index = TwinIndex.of(topo, sids);
          const rng = new Prng(seed);
          const ids = [...topo.nodes()].map((n) => n.id);
          const pick = (): NodeId => ids[rng.int(ids.length)]!;
          const raw: TwinPolicy[] = [];
          const demands: DemandEntry[] = [];
          for (let i = 0; i < 40; i++) {
            const headend = pick();
            const endpoint = pick();
            if (headend === endpoint) continue;
            const name = `p${i}`;
            raw.push({
              headend,
              endpoint,
              name,
              intent: `i${i % 25}`,
              color: 1,
              candidatePaths: [
                {
                  preference: 2,
                  segmentLists: [{ weight: 1, sids: [sids.endSid(pick()).sid, sids.endSid(endpoint).sid] }],
                },
              ],
            });
            demands.push({
              from: headend,
              to: endpoint,
              mbps: 100 + rng.int(2000),
              policy: { headend, name },
              estimated: false,
            });
          }
          // Delay bounds near each policy's base delay, so failures flip some verdicts both ways.
          const before = predictWhatIf(index, whatIfBase(index, { policies: raw, demands }), {});
          const policies = raw.map((p, i) => ({
            ...p,
            slo: { maxDelayUs: (before.intents[i]!.delayUs ?? 1000) * tight * (0.9 + 0.2 * rng.next()) },
          }));
          const base = whatIfBase(index, { policies, demands });
          for (const o of scanN1(index, base)) {
            const r = predictWhatIf(index, base, { failLinks: [o.link] });
            const broken = [...new Set(r.intents.filter((x) => !x.sloOk).map((x) => x.name))].sort();
            expect(o.brokenIntents).toEqual(broken);
            expect(o.maxUtilisation).toBeCloseTo(r.maxUtilisation, 9);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
