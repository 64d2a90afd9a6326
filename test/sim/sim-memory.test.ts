import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SimEngine, generateTopology, FAULT_HISTORY_LIMIT } from '../../simulators/engine';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

describe('simulator memory', () => {
  it('stays bounded over 10,000 accelerated ticks on 100 NEs with faults coming and going', () => {
    const e = new SimEngine({
      topology: generateTopology({ nodes: 100, degree: 4, seed: 1 }),
      seed: 9,
      tickMs: 1000,
    });
    const links = e.net.linkIds;
    const nodes = e.net.nodeIds;
    const kinds = [
      'link-down',
      'gray-loss',
      'latency',
      'crc',
      'congestion',
      'flap',
      'node-down',
      'telemetry-gap',
    ] as const;
    const params: Record<(typeof kinds)[number], object> = {
      'link-down': {},
      'gray-loss': { percent: 5 },
      latency: { us: 2000 },
      crc: { rate: 0.001 },
      congestion: { factor: 3 },
      flap: { periodMs: 4000 },
      'node-down': {},
      'telemetry-gap': {},
    };
    const unsubscribe = e.onOperStatus(() => undefined);
    let mid = 0;
    for (let t = 0; t < 10_000; t++) {
      if (t % 10 === 0) {
        const type = kinds[(t / 10) % kinds.length]!;
        const onNode = type === 'node-down' || type === 'telemetry-gap';
        const target = onNode ? nodes[(t * 7) % nodes.length]! : links[(t * 13) % links.length]!;
        e.addFault({ type, target, params: params[type], durationMs: 5_000 + (t % 7) * 1000 });
      }
      e.step();
      if (t === 2_000) mid = heapMb();
    }
    unsubscribe();
    const end = heapMb();
    expect(e.ticks).toBe(10_000);
    expect(e.listFaults().length).toBeLessThanOrEqual(FAULT_HISTORY_LIMIT + 20);
    expect(end - mid).toBeLessThan(8);
  });
});
