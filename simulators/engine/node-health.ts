import type { LinkLoad } from './link-load';
import { uniform4 } from './sim-rng';
import type { SimNetwork } from './sim-network';
import type { SrPolicyStore } from './sr-policy.store';

/** Module-level aliases: global lookups are slow inside vm contexts (jest), and these run per arc per tick. */
const { min, max } = Math;

/**
 * CPU and memory of each NE: CPU grows with the mean utilisation of its egress ports, jumps while the IGP
 * reconverges and carries seeded noise; memory grows slowly with installed policies. Down NEs report 0.
 */
export class NodeHealth {
  readonly cpuPct: Float64Array;
  readonly memPct: Float64Array;
  private readonly base: Float64Array;
  private readonly sum: Float64Array;

  constructor(
    private readonly net: SimNetwork,
    private readonly seed: number,
  ) {
    this.cpuPct = new Float64Array(net.nodeCount);
    this.memPct = new Float64Array(net.nodeCount);
    this.base = Float64Array.from({ length: net.nodeCount }, (_, v) => 25 + 20 * uniform4(seed, v, 0, 0x3e3));
    this.sum = new Float64Array(net.nodeCount);
  }

  update(load: LinkLoad, nodeUp: Uint8Array, tick: number, rerouted: boolean, store: SrPolicyStore): void {
    const { arcFrom, outStart } = this.net;
    this.sum.fill(0);
    for (let a = 0; a < load.utilisation.length; a++) this.sum[arcFrom[a]!]! += min(1, load.utilisation[a]!);
    for (let v = 0; v < this.cpuPct.length; v++) {
      if (!nodeUp[v]) {
        this.cpuPct[v] = 0;
        this.memPct[v] = 0;
        continue;
      }
      const deg = outStart[v + 1]! - outStart[v]!;
      const util = deg > 0 ? this.sum[v]! / deg : 0;
      const noise = 4 * (uniform4(this.seed, v, tick, 0xc9) - 0.5);
      this.cpuPct[v] = clamp(5 + 60 * util + (rerouted ? 15 : 0) + noise);
      const policies = store.count(v);
      this.memPct[v] = clamp(this.base[v]! + 0.05 * policies + uniform4(this.seed, v, tick >> 6, 0x3e) - 0.5);
    }
  }
}

function clamp(x: number): number {
  return max(0, min(100, x));
}
