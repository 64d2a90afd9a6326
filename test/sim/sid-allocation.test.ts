import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { SidTable, TopologyGraph } from '../../src/core/topology';
import type { LinkInput } from '../../src/core/topology';
import { SimNetwork } from '../../simulators/engine/sim-network';
import { SimSidTable } from '../../simulators/engine/sim-sid.table';
import { readTopologyFile } from '../../simulators/cli/sim-files';

/**
 * The simulator resolves SIDs from its own addressing code (simulators/engine/sim-sid.table.ts), the
 * controller allocates them in src/core/topology/sid-table.ts. Both implement the README's plan; this test
 * holds them to the same answer, SID for SID, so a bug in one shows up here instead of hiding in both.
 */
function expectSameSids(topology: TopologyGraph): void {
  const ctl = SidTable.allocate(topology);
  const sim = new SimSidTable(new SimNetwork(topology));
  expect(sim.size).toBe(ctl.size);
  for (const node of topology.nodes()) {
    expect(sim.endSid(node.id).sid).toBe(ctl.endSid(node.id).sid);
    for (const arc of topology.outArcs(node.id)) {
      const s = sim.resolve(ctl.endXSid(arc.id).sid);
      expect(s && { node: s.node, arc: s.arc }).toEqual({
        node: sim.endSid(arc.from).node,
        arc: sim.endXSid(arc.id).arc,
      });
      expect(sim.endXSid(arc.id).sid).toBe(ctl.endXSid(arc.id).sid);
    }
  }
}

const dir = { capacityMbps: 1000, delayUs: 100, igpMetric: 10 };
const topologies = join(__dirname, '../../topology');
const shipped = readdirSync(topologies).filter((f) => f.endsWith('.json'));

describe('SID allocation: simulator and controller agree', () => {
  it('ships topologies to check', () => expect(shipped.length).toBeGreaterThanOrEqual(3));

  it.each(shipped)('on %s', (file) => expectSameSids(readTopologyFile(join(topologies, file))));

  it('on random topologies with some explicit locator numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { minLength: 1, maxLength: 30 }),
        fc.array(fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }), {
          minLength: 12,
          maxLength: 12,
        }),
        (n, pairs, locs) => {
          const used = new Set<number>();
          const nodes = Array.from({ length: n }, (_, i) => {
            const l = locs[i];
            const free = l !== undefined && !used.has(l);
            if (free) used.add(l);
            return {
              id: `n${String.fromCharCode(97 + ((i * 7) % 26))}${i}`,
              ...(free && { locatorNode: l }),
            };
          });
          const links = pairs
            .filter(([a, b]) => a % n !== b % n)
            .map(([a, b], k): LinkInput => ({
              id: `L${k}`,
              a: nodes[a % n]!.id,
              b: nodes[b % n]!.id,
              ab: dir,
              ba: k % 3 === 0 ? null : dir,
            }));
          expectSameSids(TopologyGraph.build({ name: 't', nodes, links }));
        },
      ),
      { numRuns: 60 },
    );
  });
});
