import { uniform4 } from './sim-rng';

/** Module-level aliases: global lookups are slow inside vm contexts (jest), and these run per arc per tick. */
const { cos } = Math;

export const DAY_MS = 86_400_000;

export interface TrafficOptions {
  /** Relative amplitude of the daily sinusoid (default 0.3: peak 1.3 × mean, trough 0.7 × mean). */
  readonly diurnalAmplitude?: number;
  /** Local hour of the daily peak (default 20). */
  readonly peakHour?: number;
  /** Relative amplitude of the uniform per-tick noise (default 0.1). */
  readonly noise?: number;
  /**
   * Benign busy hours: demands are scaled so the busiest link peaks at this utilisation in the daily busy hour
   * (with no faults and IGP routing). Default 0.75 for generated (gravity-model) demands; given demands are
   * only scaled when this is set.
   */
  readonly peakUtilisation?: number;
}

/**
 * Offered traffic over time: each demand's mean rate × a daily sinusoid in the source node's local time
 * (from its longitude when known) × seeded noise that depends only on (seed, demand, tick).
 */
export class TrafficModel {
  private readonly amplitude: number;
  private readonly peakHour: number;
  private readonly noise: number;
  private readonly nodeDiurnal: Float64Array;

  constructor(
    private readonly seed: number,
    private readonly nodeLonDeg: Float64Array,
    options: TrafficOptions = {},
  ) {
    this.amplitude = options.diurnalAmplitude ?? 0.3;
    this.peakHour = options.peakHour ?? 20;
    this.noise = options.noise ?? 0.1;
    this.nodeDiurnal = new Float64Array(nodeLonDeg.length);
  }

  /** The most a demand's rate can exceed its mean: daily peak × largest noise. */
  peakFactor(): number {
    return (1 + this.amplitude) * (1 + this.noise);
  }

  /** The daily factor of a node at simulated time t. */
  diurnal(node: number, tMs: number): number {
    const localHour = (((tMs % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000 + this.nodeLonDeg[node]! / 15;
    return 1 + this.amplitude * cos((2 * Math.PI * (localHour - this.peakHour)) / 24);
  }

  /** Fills `out` with every demand's rate (Mbit/s) for the tick starting at tMs. */
  rates(
    tick: number,
    tMs: number,
    src: Int32Array,
    base: Float64Array,
    surge: Float64Array,
    srcUp: Uint8Array,
    out: Float64Array,
  ): void {
    for (let v = 0; v < this.nodeDiurnal.length; v++) this.nodeDiurnal[v] = this.diurnal(v, tMs);
    const amp = 2 * this.noise;
    for (let d = 0; d < base.length; d++) {
      const s = src[d]!;
      if (!srcUp[s]) {
        out[d] = 0;
        continue;
      }
      const n = 1 + amp * (uniform4(this.seed, d, tick, 0x7a) - 0.5);
      out[d] = base[d]! * this.nodeDiurnal[s]! * n * surge[d]!;
    }
  }
}
