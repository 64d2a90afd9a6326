import { createServer } from 'node:net';
import type { NodeId } from '../../core/model/ids';
import type { TelemetryPoint } from '../../core/telemetry';
import { InfluxTelemetrySink } from './influx.telemetry-sink';

/** A loopback port nobody listens on: every write fails fast with ECONNREFUSED (InfluxDB down). */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const ne = 'N1' as NodeId;
const points = (n: number, from = 0): TelemetryPoint[] =>
  Array.from({ length: n }, (_, i) => ({
    measurement: 'node' as const,
    key: 'node/N1',
    ne,
    timestampMs: 1_000 * (from + i),
    fields: { cpuPct: from + i },
  }));

describe('InfluxTelemetrySink while InfluxDB is down', () => {
  it('holds at most bufferPoints, evicts and counts the oldest beyond it, and never hangs in flush', async () => {
    const sink = new InfluxTelemetrySink({
      url: `http://127.0.0.1:${await deadPort()}`,
      database: 'x',
      batchSize: 10,
      concurrency: 2,
      bufferPoints: 50,
      retryInitialMs: 5,
      retryMaxMs: 10,
    });
    sink.write(points(25));
    await sink.flush(); // returns after the failed attempts instead of waiting for InfluxDB
    expect(sink.stats()).toMatchObject({ accepted: 25, written: 0, buffered: 25, dropped: 0 });
    expect(sink.stats().failedWrites).toBeGreaterThan(0);
    sink.write(points(100, 25));
    const s = sink.stats();
    expect(s.buffered).toBeLessThanOrEqual(50);
    expect(s.buffered + s.dropped).toBe(125);
    await new Promise((r) => setTimeout(r, 50)); // retries run meanwhile; nothing may change the accounting
    const t = sink.stats();
    expect(t.buffered + t.dropped + t.written).toBe(125);
    await sink.close();
    const u = sink.stats();
    expect(u).toMatchObject({ accepted: 125, written: 0, buffered: 0, dropped: 125 });
  });

  it('refuses a bound that cannot hold the batches in flight', () => {
    expect(
      () =>
        new InfluxTelemetrySink({
          url: 'http://127.0.0.1:1',
          database: 'x',
          batchSize: 10,
          concurrency: 2,
          bufferPoints: 20,
        }),
    ).toThrow(RangeError);
  });
});
