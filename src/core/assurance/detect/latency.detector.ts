import type { ArcId } from '../../model/ids';
import { policyKey } from '../observation';
import type { PathRow, ProbeObservation, Signal } from '../observation';

export interface LatencyDetectorOptions {
  /** Time constant of the slow baseline (ms): it follows a diurnal swing with < 0.15 σ lag at 10 min. */
  readonly levelTauMs: number;
  /** Time constant of the robust σ (mean absolute residual × 1.2533, residuals clipped at 5 σ). */
  readonly sigmaTauMs: number;
  /** CUSUM reference (σ per interval subtracted) and decision interval (σ). */
  readonly k: number;
  readonly h: number;
  /** Bar for an arc that only one measured path crosses (no corroboration possible). */
  readonly hSingle: number;
  /** One interval adds at most this many σ: a single spike cannot raise an alarm alone. */
  readonly zClip: number;
  /** Intervals of learning before a path is tested. */
  readonly warmup: number;
  /** Floor of σ (µs): clock resolution and sampling noise below this are not shifts. */
  readonly minSigmaUs: number;
  /** After this long in alarm the new level is accepted as the baseline (a permanent change, not a fault). */
  readonly relearnAfterMs: number;
}

export const DEFAULT_LATENCY_OPTIONS: LatencyDetectorOptions = {
  levelTauMs: 600_000,
  sigmaTauMs: 1_800_000,
  k: 1,
  h: 10,
  hSingle: 20,
  zClip: 4,
  warmup: 30,
  minSigmaUs: 5,
  relearnAfterMs: 1_800_000,
};

interface PathState {
  route: string;
  level: number;
  meanAbs: number;
  samples: number;
  s: number;
  lastMs: number;
  alarmSinceMs: number | null;
  residual: number;
}

/** A path's current delay above its baseline, for the localiser. */
export interface DelayExcess {
  readonly key: string;
  readonly delayExcessUs: number;
  readonly delaySigmaUs: number;
  readonly cusum: number;
}

/**
 * Latency shifts: per path, the residual of the measured delay against a slow EWMA baseline, in units of a
 * robust σ, feeds a one-sided CUSUM (k = 1 σ, h = 10 σ, each interval clipped at 4 σ). An arc alarms only
 * when the shift is **corroborated**: at least two measured paths through it are over h (or, for an arc that
 * only one path crosses, that path is over hSingle = 20). A 3 σ shift adds 2 σ an interval, so it is seen in
 * 5 intervals on corroborated arcs and in 10 alone. Budget: ≤ 1 false incident per day per 1,000 policies;
 * the single-series rate (≈ 0.5/day at h = 12, ml-faults.md §2) is roughly squared by corroboration; measured:
 * 0 episodes in 30 seasonal days × 5 paths with AR(1) noise and spikes, where h = 8/14 gave 6 (ADR 0102). The baseline freezes while a path's CUSUM is above h/2, so a fault is not learned away.
 */
export class LatencyDetector {
  private readonly options: LatencyDetectorOptions;
  private readonly paths = new Map<string, PathState>();
  private sinceMs: number | null = null;

  constructor(options: Partial<LatencyDetectorOptions> = {}) {
    this.options = { ...DEFAULT_LATENCY_OPTIONS, ...options };
  }

  /** Forget a path's baseline (after the app moved it to a new route on purpose). */
  reset(key: string): void {
    this.paths.delete(key);
  }

  excess(): DelayExcess[] {
    return [...this.paths.entries()]
      .filter(([, s]) => s.samples > this.options.warmup)
      .map(([key, s]) => ({ key, delayExcessUs: s.residual, delaySigmaUs: this.sigma(s), cusum: s.s }));
  }

  update(atMs: number, rows: readonly PathRow[], probes: readonly ProbeObservation[]): Signal[] {
    const obs = new Map(probes.map((p) => [policyKey(p.headend, p.policy), p]));
    const byArc = new Map<ArcId, string[]>();
    for (const row of rows) {
      const key = policyKey(row.headend, row.policy);
      const o = obs.get(key);
      if (!o || o.probesSent <= 0 || o.probesLost >= o.probesSent || !Number.isFinite(o.delayUs)) continue;
      const s = this.step(key, row, atMs, o.delayUs);
      if (s.samples <= this.options.warmup) continue;
      for (const { arc, fraction } of row.arcs) {
        if (fraction <= 0) continue;
        const list = byArc.get(arc) ?? [];
        list.push(key);
        byArc.set(arc, list);
      }
    }
    const { h, hSingle } = this.options;
    const alarmed: { arc: ArcId; score: number; keys: string[] }[] = [];
    for (const [arc, keys] of byArc) {
      const over = keys.filter((k) => this.paths.get(k)!.s >= h);
      const top = Math.max(0, ...over.map((k) => this.paths.get(k)!.s));
      const ok = keys.length >= 2 ? over.length >= 2 : top >= hSingle;
      if (ok) alarmed.push({ arc, score: top, keys: over });
    }
    if (alarmed.length === 0) {
      this.sinceMs = null;
      return [];
    }
    this.sinceMs ??= atMs;
    alarmed.sort((a, b) => b.score - a.score || (a.arc < b.arc ? -1 : 1));
    const keys = [...new Set(alarmed.flatMap((a) => a.keys))].sort();
    const worst = keys.map((k) => this.paths.get(k)!).reduce((a, b) => (b.residual > a.residual ? b : a));
    return [
      {
        kind: 'latency',
        atMs,
        arcs: alarmed.map((a) => a.arc),
        policies: keys,
        score: alarmed[0]!.score,
        detail: `delay shift on ${keys.length} path(s) through ${alarmed[0]!.arc}: +${worst.residual.toFixed(0)} µs (${(worst.residual / this.sigma(worst)).toFixed(1)} σ)`,
        evidence: {
          excessUs: worst.residual,
          sigmaUs: this.sigma(worst),
          cusum: alarmed[0]!.score,
          sinceMs: this.sinceMs,
        },
      },
    ];
  }

  private sigma(s: PathState): number {
    return Math.max(this.options.minSigmaUs, 1.2533 * s.meanAbs);
  }

  private step(key: string, row: PathRow, atMs: number, delayUs: number): PathState {
    const o = this.options;
    const route = row.arcs.map((a) => a.arc).join(',');
    let s = this.paths.get(key);
    if (!s || s.route !== route) {
      s = {
        route,
        level: delayUs,
        meanAbs: 0,
        samples: 0,
        s: 0,
        lastMs: atMs,
        alarmSinceMs: null,
        residual: 0,
      };
      this.paths.set(key, s);
    }
    const dt = Math.max(1, atMs - s.lastMs);
    s.lastMs = atMs;
    s.samples++;
    const r = delayUs - s.level;
    s.residual = r;
    const sigma = this.sigma(s);
    const warm = s.samples <= o.warmup;
    if (!warm) {
      const z = Math.max(-o.zClip, Math.min(o.zClip, r / sigma));
      s.s = Math.max(0, s.s + z - o.k);
    }
    if (s.s >= o.h) s.alarmSinceMs ??= atMs;
    else s.alarmSinceMs = null;
    if (s.alarmSinceMs !== null && atMs - s.alarmSinceMs >= o.relearnAfterMs) {
      s.level = delayUs;
      s.s = 0;
      s.alarmSinceMs = null;
      return s;
    }
    if (warm || s.s < o.h / 2) {
      const wl = warm ? 1 / s.samples : Math.min(1, dt / o.levelTauMs);
      const ws = warm ? 1 / s.samples : Math.min(1, dt / o.sigmaTauMs);
      const clipped = warm || s.meanAbs === 0 ? Math.abs(r) : Math.min(Math.abs(r), 5 * sigma);
      s.meanAbs += ws * (clipped - s.meanAbs);
      s.level += wl * r;
    }
    return s;
  }
}
