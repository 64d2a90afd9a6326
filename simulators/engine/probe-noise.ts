import { uniform4 } from './sim-rng';

/** Module-level aliases: global lookups are slow inside vm contexts (jest). */
const { sqrt, log, log1p, cos, floor, round, max, min, PI } = Math;

/**
 * Seeded draws for honest probe results. Every draw is a pure function of (seed, stream, tick, k), so a run
 * is deterministic per seed whatever order policies are probed in.
 */
export class ProbeNoise {
  private k = 0;

  constructor(
    private readonly seed: number,
    private readonly stream: number,
    private readonly tick: number,
  ) {}

  /** Uniform in (0, 1). */
  uniform(): number {
    return (uniform4(this.seed, this.stream, this.tick, this.k++) * 4294967295 + 0.5) / 4294967296;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    return sqrt(-2 * log(this.uniform())) * cos(2 * PI * this.uniform());
  }

  /**
   * Binomial(n, p): the number of lost probes among n sent when each is lost with probability p. Exact
   * (geometric gaps between losses, O(n·p) draws) while the expected count of the rarer outcome is small,
   * the normal approximation with continuity correction beyond (n·p·(1−p) > 30, where it is within 1 %).
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || !(p > 0)) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    const variance = n * p * (1 - p);
    if (variance > 30) {
      const x = round(n * p + sqrt(variance) * this.normal());
      return max(0, min(n, x));
    }
    const lq = log1p(-p);
    let count = 0;
    let pos = 0;
    for (;;) {
      pos += floor(log(this.uniform()) / lq) + 1;
      if (pos > n) return count;
      count++;
    }
  }
}
