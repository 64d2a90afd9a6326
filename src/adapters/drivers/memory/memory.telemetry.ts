import type { NodeId } from '../../../core/model/ids';
import type { TopologyGraph } from '../../../core/topology';
import type { TelemetrySample, TelemetrySubscription } from '../../../ports/ne-driver.port';

/** Octets per second each interface of the in-process network counts (1 Mbit/s: a synthetic keep-alive load). */
const BYTES_PER_SECOND = 125_000n;

/**
 * Synthetic interface counters for the in-process network: every interface (one per outgoing link of an NE)
 * counts a constant load, as 64-bit bigints, monotonic, sampled every `intervalMs`. There is no traffic model
 * here; the simulator (simulators/) is the network with real traffic and faults.
 */
export class MemoryTelemetry {
  private readonly started = process.hrtime.bigint();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly topology: TopologyGraph) {}

  subscribe(
    targets: readonly NodeId[],
    onSample: (s: TelemetrySample) => void,
    intervalMs = 1000,
  ): TelemetrySubscription {
    const known = targets.filter((t) => this.topology.hasNode(t));
    const tick = (): void => {
      const elapsedNs = process.hrtime.bigint() - this.started;
      const timestampNs = BigInt(Date.now()) * 1_000_000n;
      const octets = (BYTES_PER_SECOND * elapsedNs) / 1_000_000_000n;
      for (const ne of known) {
        for (const arc of this.topology.outArcs(ne)) {
          onSample({
            kind: 'interface-counters',
            ne,
            interface: arc.link,
            timestampNs,
            inOctets: octets,
            outOctets: octets,
          });
        }
      }
    };
    const timer = setInterval(tick, Math.max(10, intervalMs));
    this.timers.add(timer);
    setImmediate(tick);
    return {
      close: () => {
        clearInterval(timer);
        this.timers.delete(timer);
        return Promise.resolve();
      },
    };
  }

  close(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
  }
}
