import type { NodeId } from '../../core/model/ids';
import type { TelemetryPoint } from '../../core/telemetry';
import { TopologyGraph } from '../../core/topology';
import type { TelemetrySample } from '../../ports/ne-driver.port';
import type { SinkStats, TelemetrySink } from '../../ports/telemetry-store.port';
import { FakeTelemetryDriver } from './__fixtures__/fake-telemetry.driver';
import { TelemetryIngest } from './telemetry-ingest';

const d = { capacityMbps: 1000, delayUs: 100, igpMetric: 10 };
const topology = TopologyGraph.build({
  name: 'pair',
  nodes: [{ id: 'A' }, { id: 'B' }],
  links: [{ id: 'L1', a: 'A', b: 'B', ab: d, ba: d }],
});
const [A, B] = ['A' as NodeId, 'B' as NodeId];

class RecordingSink implements TelemetrySink {
  readonly points: TelemetryPoint[] = [];
  constructor(
    readonly name: string,
    private readonly fail = false,
  ) {}
  write(points: readonly TelemetryPoint[]): void {
    if (this.fail) throw new Error('sink down');
    this.points.push(...points);
  }
  flush = (): Promise<void> => Promise.resolve();
  close = (): Promise<void> => Promise.resolve();
  stats(): SinkStats {
    const n = this.points.length;
    return { accepted: n, written: n, buffered: 0, dropped: 0, failedWrites: 0 };
  }
}

const cpu = (ne: NodeId, tMs: number): TelemetrySample => ({
  kind: 'node-resources',
  ne,
  timestampNs: BigInt(tMs) * 1_000_000n,
  cpuPct: 1,
  memPct: 2,
});
const nextTick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('TelemetryIngest', () => {
  it('subscribes for every NE of the topology and fans batches out to all sinks, past a throwing one', async () => {
    const driver = new FakeTelemetryDriver([A, B]);
    const bad = new RecordingSink('bad', true);
    const good = new RecordingSink('good');
    const ingest = new TelemetryIngest(driver, topology, [bad, good], { batchSize: 3 }, () => 10_000);
    await ingest.start();
    expect([...driver.subscribedTargets].sort()).toEqual([A, B]);
    driver.emit([cpu(A, 1000), cpu(B, 2000), cpu(A, 3000), cpu(A, 4000)]);
    await nextTick();
    expect(good.points.map((p) => p.timestampMs)).toEqual([1000, 2000, 3000, 4000]);
    const st = ingest.status();
    expect(st.sinks.find((s) => s.name === 'bad')?.errors).toBe(2);
    const a = st.nes.find((n) => n.ne === A)!;
    expect(a).toMatchObject({
      samples: 3,
      drops: 0,
      lagMs: 6000,
      newestSampleMs: 4000,
      state: 'up',
      protocol: 'fake',
    });
    await ingest.stop();
    expect(driver.closedSubscriptions).toBe(1);
    expect(ingest.status().running).toBe(false);
  });

  it('refuses and counts per NE what does not fit the bounded queue, never more than its capacity', async () => {
    const driver = new FakeTelemetryDriver([A, B]);
    const sink = new RecordingSink('s');
    const ingest = new TelemetryIngest(driver, topology, [sink], { queueCapacity: 10 }, () => 0);
    await ingest.start();
    const burst: TelemetrySample[] = [];
    for (let i = 1; i <= 15; i++) burst.push(cpu(A, i * 1000), cpu(B, i * 1000));
    driver.emit(burst); // 30 samples in one synchronous burst: the drain cannot run in between
    const during = ingest.status();
    expect(during.queue).toEqual({ capacity: 10, depth: 10, dropped: 20 });
    expect(during.nes.map((n) => n.drops).reduce((x, y) => x + y)).toBe(20);
    await nextTick();
    expect(sink.points).toHaveLength(10);
    expect(ingest.status().queue.depth).toBe(0);
    await ingest.stop();
  });

  it('computes samples per second per NE between rate updates', async () => {
    let now = 0;
    const driver = new FakeTelemetryDriver([A, B]);
    const ingest = new TelemetryIngest(driver, topology, [new RecordingSink('s')], {}, () => now);
    await ingest.start();
    driver.emit([cpu(A, 1), cpu(A, 2), cpu(A, 3), cpu(A, 4), cpu(B, 1)]);
    now = 2000;
    ingest.updateRates();
    const st = ingest.status();
    expect(st.nes.find((n) => n.ne === A)?.samplesPerSec).toBe(2);
    expect(st.samplesPerSec).toBe(2.5);
    await ingest.stop();
  });

  it('keeps per-NE counters only for the topology: samples from unknown NEs are counted, not tracked', () => {
    const driver = new FakeTelemetryDriver([A, B]);
    const ingest = new TelemetryIngest(driver, topology, [new RecordingSink('s')], {}, () => 10_000);
    for (let i = 0; i < 500; i++) ingest.accept(cpu(`X${i}` as NodeId, 1000));
    const st = ingest.status();
    expect(st.nes.map((n) => n.ne).sort()).toEqual([A, B]);
    expect(st.unknownNeSamples).toBe(500);
  });
});
