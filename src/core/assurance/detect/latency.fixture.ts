import type { PathRow, ProbeObservation } from '../observation';
import { gaussian } from './sampling.fixture';

/** Noise of one delay series: white σ, AR(1) φ, and a share of each arc's queue noise the paths over it see. */
export interface DelayNoise {
  readonly sigmaUs: number;
  readonly phi?: number;
  /** Share (0–1) of the variance that comes from per-arc noise common to every path over the arc. */
  readonly shared?: number;
  /** Per path-interval probability of a spike, and its largest size in σ (uniform up to it). */
  readonly spikeRate?: number;
  readonly spikeSigmas?: number;
}

/**
 * Probe delays like the simulator's (simulators/engine/probe.tracker.ts: per-interval mean of 1,000 probes
 * around the path's queueing and propagation delay): per path a base delay, white or AR(1) noise, a part
 * shared by the paths over an arc (a common queue), optional spikes, a slow `level(t)` and per-arc shifts.
 */
export class DelaySeries {
  private readonly ar = new Map<string, number>();
  constructor(
    private readonly rng: () => number,
    readonly noise: DelayNoise,
  ) {}

  probes(
    atMs: number,
    rows: readonly PathRow[],
    shiftOf: (arc: string) => number = () => 0,
    level: (row: PathRow) => number = () => 0,
  ): ProbeObservation[] {
    const { sigmaUs, phi = 0, shared = 0, spikeRate = 0, spikeSigmas = 10 } = this.noise;
    const arcNoise = new Map<string, number>();
    const arcDraw = (arc: string): number => {
      if (!arcNoise.has(arc)) arcNoise.set(arc, gaussian(this.rng));
      return arcNoise.get(arc)!;
    };
    return rows.map((r) => {
      const prev = this.ar.get(r.policy) ?? 0;
      const own = phi * prev + Math.sqrt(1 - phi * phi) * gaussian(this.rng);
      this.ar.set(r.policy, own);
      const common = r.arcs.reduce((a, x) => a + arcDraw(x.arc), 0) / Math.sqrt(r.arcs.length);
      const noise = sigmaUs * (Math.sqrt(1 - shared) * own + Math.sqrt(shared) * common);
      const spike = this.rng() < spikeRate ? spikeSigmas * sigmaUs * this.rng() : 0;
      const shift = r.arcs.reduce((a, x) => a + x.fraction * shiftOf(x.arc), 0);
      return {
        headend: r.headend,
        policy: r.policy,
        atMs,
        probesSent: 1000,
        probesLost: 0,
        delayUs: 500 * r.arcs.length + level(r) + noise + spike + shift,
        jitterUs: 5,
      };
    });
  }
}

/** Runs `count` intervals from `from` (interval length `stepMs`); returns the intervals that raised a signal. */
export function runIntervals(
  update: (atMs: number, probes: ProbeObservation[]) => unknown[],
  series: DelaySeries,
  rows: () => readonly PathRow[],
  from: number,
  count: number,
  stepMs: number,
  shiftOf?: (arc: string) => number,
  level?: (row: PathRow, atMs: number) => number,
): number[] {
  const alarms: number[] = [];
  for (let i = from; i < from + count; i++) {
    const t = i * stepMs;
    const probes = series.probes(t, rows(), shiftOf, level && ((r) => level(r, t)));
    if (update(t, probes).length > 0) alarms.push(i);
  }
  return alarms;
}

/** Separate alarm episodes (runs of consecutive alarmed intervals). */
export const episodes = (alarms: readonly number[]): number =>
  alarms.filter((x, j) => j === 0 || alarms[j - 1] !== x - 1).length;
