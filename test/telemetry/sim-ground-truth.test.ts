/**
 * Ground truth: the in-process simulator engine (the network the controller is tested against) steps in
 * simulated time; its interface counters, read as an NE driver would, go through the ingest pipeline into
 * the memory store. Each link direction's stored utilisation must match what the simulator reports for
 * that interval (carried Mbit/s ÷ capacity, i.e. what out-octets count), and the interface → arc mapping
 * must agree with the simulator's own wiring.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimEngine, simStateReport } from '../../simulators/engine';
import { MemoryTelemetryStore } from '../../src/adapters/telemetry';
import { TelemetryIngest } from '../../src/app/telemetry';
import { FakeTelemetryDriver } from '../../src/app/telemetry/__fixtures__/fake-telemetry.driver';
import type { NodeId } from '../../src/core/model/ids';
import { seriesKey } from '../../src/core/telemetry';
import { parseTopologyDocument, TopologyGraph } from '../../src/core/topology';
import type { TelemetrySample } from '../../src/ports/ne-driver.port';

const topology = TopologyGraph.build(
  parseTopologyDocument(JSON.parse(readFileSync(join(__dirname, '../../topology/abilene.json'), 'utf8'))),
);

function samplesOf(engine: SimEngine): TelemetrySample[] {
  const ts = BigInt(engine.nowMs()) * 1_000_000n;
  const out: TelemetrySample[] = [];
  for (const id of engine.nodeIds()) {
    const node = engine.node(id)!;
    const ne = id as NodeId;
    for (const i of node.interfaces) {
      out.push({
        kind: 'interface-counters',
        ne,
        interface: i.name,
        timestampNs: ts,
        inOctets: i.inOctets,
        outOctets: i.outOctets,
        inPkts: i.inPkts,
        outPkts: i.outPkts,
        inErrors: i.inErrors,
        inDiscards: i.inDiscards,
        outDiscards: i.outDiscards,
      });
    }
    out.push({ kind: 'node-resources', ne, timestampNs: ts, cpuPct: node.cpuPct, memPct: node.memPct });
  }
  return out;
}

describe('pipeline vs the simulator ground truth', () => {
  it('stores, per link direction and interval, the utilisation the simulator reports', async () => {
    const engine = new SimEngine({ topology, seed: 7, tickMs: 1000 });
    const driver = new FakeTelemetryDriver([...topology.nodes()].map((n) => n.id));
    const store = new MemoryTelemetryStore();
    const ingest = new TelemetryIngest(driver, topology, [store], {}, () => engine.nowMs());
    await ingest.start();

    // The simulator's interface wiring agrees with the eth<k> → outArcs(node)[k] map.
    for (const id of engine.nodeIds()) {
      for (const i of engine.node(id)!.interfaces) {
        const arc = ingest.map.lookup(id as NodeId, i.name)?.outArc;
        expect([arc?.link, arc?.to]).toEqual([i.linkId, i.peer]);
      }
    }

    const truth: { t: number; carried: Map<string, number> }[] = [];
    driver.emit(samplesOf(engine));
    for (let k = 0; k < 20; k++) {
      engine.step();
      const report = simStateReport(engine);
      truth.push({
        t: engine.nowMs(),
        carried: new Map(report.links.map((l) => [l.arc, l.carriedMbps / l.capacityMbps])),
      });
      driver.emit(samplesOf(engine));
    }
    await new Promise((r) => setImmediate(r));
    await ingest.stop();

    let compared = 0;
    for (const arc of topology.arcs()) {
      const tx = ingest.map.transmitterOf(arc.id)!;
      const key = seriesKey.interface(tx.ne, tx.interface);
      const r = await store.query(
        { key, field: 'utilisation' },
        { fromMs: truth[0]!.t - 1000, toMs: truth[19]!.t, stepMs: 1000 },
      );
      expect(r.buckets).toHaveLength(20);
      r.buckets.forEach((b, i) => {
        expect(b.t).toBe(truth[i]!.t);
        expect(b.mean).toBeCloseTo(truth[i]!.carried.get(arc.id)!, 6);
        compared++;
      });
    }
    expect(compared).toBe(20 * topology.arcCount);
    expect(ingest.status().normaliser.discontinuities).toBe(0);
  });
});
