import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTopologyFile } from '../cli/sim-files';
import { K } from './counter.bank';
import { SimEngine } from './sim.engine';
import { diamond } from './sim.fixtures';

const dir = join(__dirname, '../../topology');
const shipped = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** One simulated day in 10-minute ticks: the busiest arc's utilisation at peak and trough, and queue drops. */
function day(file: string): { peak: number; trough: number; dropped: number; discards: bigint } {
  const topology = readTopologyFile(join(dir, file));
  const e = new SimEngine({ topology, seed: 1, tickMs: 600_000, probeRatePps: 0 });
  let peak = 0;
  let trough = Infinity;
  let dropped = 0;
  for (let i = 0; i < 144; i++) {
    e.step();
    let m = 0;
    for (let a = 0; a < e.net.arcCount; a++) {
      m = Math.max(m, e.load.offeredMbps[a]! / e.net.arcCapacityMbps[a]!);
      dropped += e.load.queueLoss[a]!;
    }
    peak = Math.max(peak, m);
    trough = Math.min(trough, m);
  }
  let discards = 0n;
  for (let i = 0; i < e.net.interfaceCount; i++) discards += e.interfaces.counters.read(i, K.outDiscards);
  return { peak, trough, dropped, discards };
}

describe('benign busy hours', () => {
  it.each(shipped)(
    '%s: the busiest link peaks near but below capacity, with no queue drops or discards',
    (file) => {
      const r = day(file);
      expect(r.peak).toBeLessThanOrEqual(0.8);
      expect(r.peak).toBeGreaterThan(0.55);
      // A daily cycle, not a flat load: the trough is well below the peak.
      expect(r.trough).toBeLessThan(0.7 * r.peak);
      expect(r.dropped).toBe(0);
      expect(r.discards).toBe(0n);
    },
  );

  it('keeps given demands as they are unless a peak utilisation is asked for', () => {
    const topology = diamond([{ from: 'A', to: 'E', mbps: 100 }]);
    expect(new SimEngine({ topology }).demands[0]!.mbps).toBe(100);
    const scaled = new SimEngine({ topology, traffic: { peakUtilisation: 0.5, noise: 0 } });
    // A→E splits over A-B and A-C (1 Gbit/s each): 0.5 = 1.3 × mbps / 2 / 1000 on each → mbps ≈ 769.
    expect(scaled.demands[0]!.mbps).toBeCloseTo((0.5 * 2 * 1000) / 1.3, 6);
  });
});
