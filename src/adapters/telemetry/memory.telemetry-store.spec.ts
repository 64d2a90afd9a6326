import fc from 'fast-check';
import type { NodeId } from '../../core/model/ids';
import { seriesKey } from '../../core/telemetry';
import type { TelemetryPoint } from '../../core/telemetry';
import { MemoryTelemetryStore } from './memory.telemetry-store';

const T0 = Date.UTC(2026, 0, 1);
const TIERS = [{ stepMs: 1000, capacity: 10 }];
const RING = 10 * 36;

const node = (ne: string, t: number, fields: Record<string, number> = { cpuPct: 1 }): TelemetryPoint => ({
  measurement: 'node',
  key: seriesKey.node(ne as NodeId),
  ne: ne as NodeId,
  timestampMs: t,
  fields,
});

describe('MemoryTelemetryStore bounds', () => {
  it('creates no series for a point it cannot store (the cap is checked before creating)', () => {
    const store = new MemoryTelemetryStore({ tiers: TIERS, maxBytes: 2 * RING, evictIdleMs: 60_000 });
    for (let i = 0; i < 1000; i++) store.write([node(`N${i}`, T0)]);
    expect(store.keys()).toHaveLength(2);
    expect(store.stats().drops).toMatchObject({ 'memory-cap': 998 });
    expect(store.stats().dropped).toBe(998);
  });

  it('caps the number of series, whatever the byte budget', () => {
    const store = new MemoryTelemetryStore({ tiers: TIERS, maxSeries: 3, evictIdleMs: 60_000 });
    for (let i = 0; i < 10; i++) store.write([node(`N${i}`, T0)]);
    expect(store.keys().map((k) => k.key)).toEqual(
      ['N0', 'N1', 'N2'].map((n) => seriesKey.node(n as NodeId)),
    );
    expect(store.stats().drops).toMatchObject({ 'series-cap': 7 });
  });

  it('evicts the least recently written idle series to make room, and counts the eviction', async () => {
    const store = new MemoryTelemetryStore({ tiers: TIERS, maxSeries: 2, evictIdleMs: 60_000 });
    store.write([node('A', T0), node('B', T0)]);
    store.write([node('A', T0 + 30_000)]); // B is now least recently written
    store.write([node('C', T0 + 61_000)]); // B idle for 61 s: evicted
    expect(
      store
        .keys()
        .map((k) => k.key)
        .sort(),
    ).toEqual([seriesKey.node('A' as NodeId), seriesKey.node('C' as NodeId)]);
    expect(store.stats().evictions).toEqual({ 'idle-series': 1 });
    expect(store.stats().dropped).toBe(0);
    const c = await store.query(
      { key: seriesKey.node('C' as NodeId), field: 'cpuPct' },
      { fromMs: T0, toMs: T0 + 70_000, stepMs: 1000 },
    );
    expect(c.buckets).toHaveLength(1);
  });

  it('with evictIdleMs 0 is a plain LRU: the newest series always gets in', () => {
    const store = new MemoryTelemetryStore({ tiers: TIERS, maxSeries: 2, evictIdleMs: 0 });
    for (let i = 0; i < 5; i++) store.write([node(`N${i}`, T0)]);
    expect(store.keys().map((k) => k.key)).toEqual(['N3', 'N4'].map((n) => seriesKey.node(n as NodeId)));
    expect(store.stats().evictions).toEqual({ 'idle-series': 3 });
  });

  it('caps fields per series and counts late points', () => {
    const store = new MemoryTelemetryStore({ tiers: TIERS, maxFieldsPerSeries: 2 });
    store.write([node('A', T0 + 20_000, { a: 1, b: 2, c: 3 })]);
    store.write([node('A', T0, { a: 1 })]); // older than the ring can still update
    expect(store.keys()[0]!.fields).toEqual(['a', 'b']);
    const s = store.stats();
    expect(s.drops).toEqual({ 'field-cap': 1, late: 1 });
    expect(s.written + s.dropped).toBe(s.accepted);
  });

  it('never holds more rings than the byte budget allows, under any stream of series', () => {
    const store = new MemoryTelemetryStore({ tiers: TIERS, maxBytes: 50 * RING, evictIdleMs: 1000 });
    for (let t = 0; t < 200; t++) {
      const batch = Array.from({ length: 20 }, (_, i) =>
        node(`N${(t * 7 + i) % 500}`, T0 + t * 1000, { x: 1, y: 2 }),
      );
      store.write(batch);
      expect(store.bytes()).toBeLessThanOrEqual(50 * RING);
    }
    const s = store.stats();
    expect(s.written + s.dropped).toBe(s.accepted);
    expect(s.evictions?.['idle-series'] ?? 0).toBeGreaterThan(0);
  });

  it('keeps every bound and accounts for every point, for any stream (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          maxSeries: fc.integer({ min: 1, max: 6 }),
          maxRings: fc.integer({ min: 1, max: 10 }),
          maxFields: fc.integer({ min: 1, max: 3 }),
          idle: fc.constantFrom(0, 5_000, 60_000),
        }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 12 }),
            fc.subarray(['a', 'b', 'c', 'd'], { minLength: 0 }),
            fc.integer({ min: 0, max: 120 }),
          ),
          { maxLength: 150 },
        ),
        (caps, writes) => {
          const store = new MemoryTelemetryStore({
            tiers: TIERS,
            maxBytes: caps.maxRings * RING,
            maxSeries: caps.maxSeries,
            maxFieldsPerSeries: caps.maxFields,
            evictIdleMs: caps.idle,
          });
          for (const [k, fields, sec] of writes) {
            store.write([node(`N${k}`, T0 + sec * 1000, Object.fromEntries(fields.map((f) => [f, 1])))]);
            const keys = store.keys();
            expect(keys.length).toBeLessThanOrEqual(caps.maxSeries);
            expect(keys.reduce((n, x) => n + x.fields.length, 0)).toBeLessThanOrEqual(caps.maxRings);
            for (const x of keys) expect(x.fields.length).toBeLessThanOrEqual(caps.maxFields);
          }
          const st = store.stats();
          expect(st.written + st.dropped).toBe(st.accepted);
          expect(Object.values(st.drops ?? {}).reduce((a, b) => a + b, 0)).toBe(st.dropped);
        },
      ),
    );
  });
});
