/**
 * The embedded memory store: the TelemetrySink conformance suite, and end to end from a known synthetic
 * counter stream (normaliser → bounded queue → store) to the utilisation the store returns per arc.
 */
import { MemoryTelemetryStore } from '../../src/adapters/telemetry';
import { BoundedQueue, InterfaceArcMap, SampleNormaliser } from '../../src/core/telemetry';
import type { TelemetryPoint } from '../../src/core/telemetry';
import { ringTopology, syntheticStream } from '../../bench/pipeline-stream';
import { telemetrySinkConformance } from '../conformance/telemetry-store.suite';

telemetrySinkConformance('memory', () => new MemoryTelemetryStore());

describe('MemoryTelemetryStore from a synthetic counter stream', () => {
  it('returns, per arc, the utilisation the counter increments imply', async () => {
    const topology = ringTopology(12);
    const start = Date.UTC(2026, 0, 1);
    const stream = syntheticStream(topology, start, 1000);
    const map = InterfaceArcMap.simulated(topology);
    const normaliser = new SampleNormaliser(map);
    const queue = new BoundedQueue<TelemetryPoint>(256);
    const store = new MemoryTelemetryStore();
    const batch: TelemetryPoint[] = [];
    for (let i = 0; i < 300; i++) {
      for (const s of stream.tick(i)) {
        const p = normaliser.normalise(s);
        if (p && !queue.enqueue(p)) throw new Error('queue full');
      }
      queue.drainInto(batch);
      store.write(batch);
      batch.length = 0;
    }
    expect(store.stats()).toMatchObject({ dropped: 0, accepted: 300 * stream.samplesPerTick });
    for (const [arc, util] of stream.utilisation) {
      const tx = map.transmitterOf(arc as never)!;
      const key = `interface/${tx.ne}/${tx.interface}`;
      const r = await store.query(
        { key, field: 'utilisation' },
        { fromMs: start, toMs: start + 299_000, stepMs: 60_000 },
      );
      expect(r.buckets).toHaveLength(5);
      // The first sample of the stream yields no rate: 59 values in the first minute, 60 in the others.
      expect(r.buckets.map((b) => b.count)).toEqual([59, 60, 60, 60, 60]);
      for (const b of r.buckets) {
        expect(b.mean).toBeCloseTo(util, 9);
        expect(b.max - b.min).toBeLessThan(1e-9);
      }
    }
  });
});

describe('MemoryTelemetryStore memory bound', () => {
  it('stops growing once every ring is full, however long the stream runs', () => {
    const topology = ringTopology(4);
    const stream = syntheticStream(topology, Date.UTC(2026, 0, 1), 1000);
    const normaliser = new SampleNormaliser(InterfaceArcMap.simulated(topology));
    const store = new MemoryTelemetryStore({
      tiers: [
        { stepMs: 1000, capacity: 64 },
        { stepMs: 10_000, capacity: 8 },
      ],
    });
    const feed = (from: number, to: number): void => {
      for (let i = from; i < to; i++) store.write(stream.tick(i).map((s) => normaliser.normalise(s)!));
    };
    feed(0, 200);
    const plateau = store.bytes();
    feed(200, 2000);
    expect(store.bytes()).toBe(plateau);
    expect(plateau).toBeLessThanOrEqual(
      store.keys().reduce((n, k) => n + k.fields.length, 0) * (64 + 8) * 36,
    );
    expect(store.stats().dropped).toBe(0);
  });

  it('drops and counts points of series beyond its byte budget', () => {
    const topology = ringTopology(4);
    const stream = syntheticStream(topology, Date.UTC(2026, 0, 1), 1000);
    const normaliser = new SampleNormaliser(InterfaceArcMap.simulated(topology));
    // Room for 5 full rings; the stream has 8 interfaces × 10 fields + 4 NEs × 2 fields.
    const store = new MemoryTelemetryStore({
      tiers: [{ stepMs: 1000, capacity: 100 }],
      maxBytes: 5 * 100 * 36,
    });
    for (let i = 0; i < 3; i++) store.write(stream.tick(i).map((s) => normaliser.normalise(s)!));
    expect(store.keys().reduce((n, k) => n + k.fields.length, 0)).toBe(5);
    const st = store.stats();
    expect(st.dropped).toBeGreaterThan(0);
    expect(st.written + st.dropped).toBe(st.accepted);
  });
});
