/**
 * Conformance suite every TelemetrySink passes (and, for sinks that are TelemetryStores, the query contract).
 * Call `telemetrySinkConformance(name, factory)` inside a test file; the factory makes a fresh sink per test.
 */
import type { NodeId } from '../../src/core/model/ids';
import { seriesKey } from '../../src/core/telemetry';
import type { TelemetryPoint } from '../../src/core/telemetry';
import type { TelemetrySink, TelemetryStore } from '../../src/ports/telemetry-store.port';

export type SinkFactory = () => Promise<TelemetrySink> | TelemetrySink;

const T0 = Date.UTC(2026, 0, 1);

/** `n` node points of one NE, one per second, cpu = i. */
function nodePoints(ne: string, n: number, startMs = T0): TelemetryPoint[] {
  const key = seriesKey.node(ne as NodeId);
  return Array.from({ length: n }, (_, i) => ({
    measurement: 'node' as const,
    key,
    ne: ne as NodeId,
    timestampMs: startMs + i * 1000,
    fields: { cpuPct: i, memPct: 50 },
  }));
}

const isStore = (s: TelemetrySink): s is TelemetryStore =>
  typeof (s as Partial<TelemetryStore>).query === 'function';

export function telemetrySinkConformance(name: string, factory: SinkFactory): void {
  describe(`TelemetrySink conformance: ${name}`, () => {
    let sink: TelemetrySink;
    beforeEach(async () => {
      sink = await factory();
    });
    afterEach(async () => {
      await sink.close();
    });

    it('accounts for every accepted point after flush: accepted = written + dropped, nothing buffered', async () => {
      sink.write(nodePoints('N1', 1500));
      sink.write([]);
      sink.write(nodePoints('N2', 10));
      await sink.flush();
      const s = sink.stats();
      expect(s.accepted).toBe(1510);
      expect(s.buffered).toBe(0);
      expect(s.written + s.dropped).toBe(s.accepted);
      expect(s.written).toBe(1510);
    });

    it('takes interface points with counters but no rates (a first sample) and all three measurements', async () => {
      const ne = 'N1' as NodeId;
      sink.write([
        {
          measurement: 'interface',
          key: seriesKey.interface(ne, 'eth0'),
          ne,
          interface: 'eth0',
          timestampMs: T0,
          fields: {},
          counters: { inOctets: 1n, outOctets: 2n },
        },
        {
          measurement: 'policy',
          key: seriesKey.policy(ne, 'p'),
          ne,
          policy: 'p',
          timestampMs: T0,
          fields: { delayUs: 1, jitterUs: 0, lossPct: 0, probesSent: 1000, probesLost: 3 },
        },
        {
          measurement: 'policy',
          key: seriesKey.policy(ne, 'p'),
          ne,
          policy: 'p',
          timestampMs: T0 + 1,
          fields: { trafficBps: 1.5e6 },
        },
        {
          measurement: 'demand',
          key: seriesKey.demand(ne, 'N2' as NodeId),
          ne,
          destination: 'N2' as NodeId,
          timestampMs: T0,
          fields: { trafficBps: 2.5e6 },
        },
      ]);
      await sink.flush();
      expect(sink.stats()).toMatchObject({ accepted: 4, written: 4, dropped: 0 });
    });

    it('never throws after close; later writes are counted as dropped; close is idempotent', async () => {
      sink.write(nodePoints('N1', 3));
      await sink.close();
      expect(() => sink.write(nodePoints('N1', 2, T0 + 10_000))).not.toThrow();
      await sink.close();
      const s = sink.stats();
      expect(s.accepted).toBe(5);
      expect(s.written).toBe(3);
      expect(s.dropped).toBe(2);
    });

    it('answers range queries with per-step means (stores only)', async () => {
      if (!isStore(sink)) return;
      sink.write(nodePoints('N1', 120));
      await sink.flush();
      const key = seriesKey.node('N1' as NodeId);
      const r = await sink.query(
        { key, field: 'cpuPct' },
        { fromMs: T0, toMs: T0 + 119_000, stepMs: 10_000 },
      );
      expect(r.stepMs).toBe(10_000);
      expect(r.buckets.map((b) => b.mean)).toEqual(Array.from({ length: 12 }, (_, k) => k * 10 + 4.5));
      expect(r.buckets.every((b) => b.count === 10)).toBe(true);
      const sub = await sink.query(
        { key, field: 'cpuPct' },
        { fromMs: T0 + 30_000, toMs: T0 + 39_000, stepMs: 1 },
      );
      expect(sub.stepMs).toBeGreaterThanOrEqual(1);
      expect(sub.buckets.reduce((a, b) => a + b.count, 0)).toBe(10);
      const none = await sink.query(
        { key: 'node/none', field: 'cpuPct' },
        { fromMs: T0, toMs: T0 + 1, stepMs: 1000 },
      );
      expect(none.buckets).toEqual([]);
    });
  });
}
