import type { ArcId } from '../../model/ids';
import { policyKey } from '../observation';
import type { LinkObservation, PathRow, ProbeObservation, Signal } from '../observation';
import { ArcSpread, clip, robustMean } from './arc-spread';
import { DelayBaseline } from './delay-baseline';
import { DEFAULT_LATENCY_OPTIONS } from './latency.options';
import { LoadSteps } from './load-steps';
import type { LatencyDetectorOptions } from './latency.options';
import { normalQuantile } from './stats';

/** A path's current delay above its baseline, for the localiser. */
export interface DelayExcess {
  readonly key: string;
  readonly delayExcessUs: number;
  /** σ of that excess (the resolution σ over the evidence window). */
  readonly delaySigmaUs: number;
  /** The arc statistic that last alarmed on the path (0 when none). */
  readonly cusum: number;
}

interface Member {
  readonly key: string;
  readonly s: DelayBaseline;
  readonly f: number;
}

interface ArcAlarm {
  readonly arc: ArcId;
  readonly z: number;
  readonly w: number;
  readonly keys: string[];
}

/**
 * Latency shifts, tested per **arc** on the pooled evidence of the measured paths that cross it (ADR 0130).
 * Per path: residual = delay − level; the level (EWMA, τ 15 intervals, steps up winsorised at 2σ) and σ
 * (1.4826 × the larger median of |Δdelay|/√2 and of |residual| over 120 intervals: robust to level steps and
 * to bursts shorter than a minute, ADR 0160) learn from the sample 5 intervals back and never while the path is in alarm, so a shift
 * under test is not in its baseline. A path first measured far above its stated delay over quiet links is
 * anchored there (`anchorSlackUs`), so a fault present from the start is tested, not learned.
 * z = residual/σ clipped to [−2, 6] (for the significance test the top clip is raised to 1.25·h·spread where
 * that is higher, so an arc whose noise moves together is not blind to gross shifts, ADR 0161). Per arc and window w ∈ {2, 3, 5}: the fraction-weighted mean of its
 * paths' z per interval, averaged over the window without its largest interval (a one-interval event on any
 * number of paths carries nothing), divided by the arc's **learned** spread of the plain mean (95th
 * percentile of its signed value over 900 intervals, ADR 0171, 0172: the test is one-sided, so a level
 * catching up with load that left does not widen it; shared queue noise and autocorrelation do; never below
 * the independent-white √Σf²/Σf/√w). An arc alarms when for some w:
 *   (1) significance: pooled z ≥ h = Φ⁻¹(1 − α), α = 0.1 × budget/day × policies/1000 ÷ tests/day, with
 *       tests/day = intervals/day × arcs × |windows| (Bonferroni, conservative for overlapping windows and
 *       arcs sharing paths; the other 90 % of the budget covers model error: learned σ, heavy tails). Budget:
 *       1 false incident/day/1,000 policies. 1 s intervals: 120 policies over 28 arcs h = 5.9; 1,000 policies
 *       over 2,000 arcs h = 6.3;
 *   (2) materiality: its paths are up by ≥ 2σ on average, σ = max(learned σ, minSigmaUs = 1 µs: PTP-class
 *       timestamping; the simulator's per-interval noise is 0.07–13 µs, median 0.25–4.5 µs by topology);
 *   (3) corroboration: ≥ 2 intervals in which a path is individually up by ≥ 2σ, and no interval of the
 *       window in which the paths' mean z is below 0.5 (a shift persists; spike, quiet, spike does not).
 * A 3σ shift where σ is at the floor (z clipped at 6) clears all three in 2 intervals, on one path or many.
 * Above the floor it needs 3σ·√(n_eff·(w−1)) ≥ h: two independent paths reach it in 3 intervals 40 % of
 * the time, in 5 nearly always; paths whose noise is shared (one busy queue) pool like one. A path whose
 * route changes keeps its σ (never below what its new arcs carry) and is tested after 3 samples seed its
 * level; a new path after 10.
 * After 30 min in alarm the new level is accepted as the baseline (a permanent change).
 * The localiser is told each path's excess (`excess()`): its mean residual over the alarm's window, or, where
 * that window straddles the shift's onset, over the intervals since (paths over one link see the onset in
 * different intervals, ADR 0176); an anchored path's with the anchoring slack as its uncertainty; a path seeded
 * since the current symptom began (a probe, a moved path: its baseline may hold the shift) with what it measures
 * above its stated delay as its uncertainty, or not at all without a stated delay (ADR 0177).
 * An alarm whose shifted paths all cross an arc whose load stepped in the last 15 intervals is queueing (traffic
 * a repair or a reconvergence moved), not a fault of the link (ADR 0162): it is dropped, its paths reseed their
 * level, and the other arcs they alarmed are tested again without them.
 * With `useLinkModel` (off by default: measured, not adopted, ADR 0173) rows carry the twin's link-model delay:
 * a path's offset from it is carried across a move (its reseeded level is capped at model + offset + slack),
 * a load step explains only the queueing the model says it adds, and `unexplained()` tells the app's collateral
 * fold which paths the load does not explain.
 */
export class LatencyDetector {
  private readonly options: LatencyDetectorOptions;
  private readonly paths = new Map<string, DelayBaseline>();
  private readonly spreads = new Map<ArcId, ArcSpread>();
  /** Per arc, the smallest σ of a path over it (an upper bound of the arc's own noise). */
  private readonly arcSigma = new Map<ArcId, number>();
  private readonly lastZ = new Map<string, number>();
  private sinceMs: number | null = null;
  private readonly load: LoadSteps;

  constructor(options: Partial<LatencyDetectorOptions> = {}) {
    this.options = { ...DEFAULT_LATENCY_OPTIONS, ...options };
    this.load = new LoadSteps(this.options);
  }

  /**
   * Whether rows should carry the link model's delay (`PathRow.modelUs`): the anchor reads it (ADR 0175), the
   * carry across moves too when `useLinkModel` (ADR 0173); with both off, nothing reads it.
   */
  get usesLinkModel(): boolean {
    return this.options.useLinkModel || this.options.anchorOnModel;
  }

  /** The pooled-z bar for the current scale (number of policies and arcs under test). */
  threshold(policies: number, arcs: number): number {
    const o = this.options;
    const perDay = (86_400_000 / o.intervalMs) * Math.max(1, arcs) * o.windows.length;
    const budget = (o.budgetShare * o.falseIncidentsPerDayPer1000 * Math.max(1, policies)) / 1000;
    return normalQuantile(1 - Math.min(0.5, budget / perDay));
  }

  /** Forget a path's baseline (after the app moved it to a new route on purpose). */
  reset(key: string): void {
    this.paths.delete(key);
  }

  /**
   * Paths whose delay over the last 3 intervals is up by `minShiftSigmas` σ more than the link model and
   * their learned offset predict (ADR 0173): a shift that the load on their links does not explain. Empty
   * unless `useLinkModel`.
   */
  unexplained(): Set<string> {
    const out = new Set<string>();
    if (!this.options.useLinkModel) return out;
    for (const [key, s] of this.paths) {
      const x = s.modelExcess(3);
      if (Number.isFinite(x) && x >= this.options.minShiftSigmas * this.modelTolerance(s)) out.add(key);
    }
    return out;
  }

  excess(): DelayExcess[] {
    const out: DelayExcess[] = [];
    // the current symptom began up to the longest window before its first alarm
    const onset =
      this.sinceMs === null
        ? null
        : this.sinceMs - Math.max(...this.options.windows) * this.options.intervalMs;
    for (const [key, s] of this.paths) {
      if (!s.ready || s.recent.length === 0) continue;
      const w = Math.min(s.recent.length, s.alarmWindow > 0 ? s.alarmWindow : 3);
      const sigma = this.sigmaEff(s);
      // the shift since its onset where the window straddles one (ADR 0176)
      const now = s.currentShift(w, this.options.minShiftSigmas * sigma, sigma, this.options.onsetStepSigmas);
      // a level seeded since the symptom began may hold the shift: what the path measures above its stated
      // delay is then all it can say, so the shift lies between the residual and the residual + that much;
      // without a stated delay it says nothing (ADR 0177: a probe installed to narrow a class cleared the link
      // at fault, which its baseline already held)
      const held = onset !== null && s.seededFromMs !== null && s.seededFromMs >= onset;
      const unknown = held ? Math.max(0, s.level - s.nominalUs) : 0;
      if (Number.isNaN(unknown)) continue;
      // an anchored level sits the anchoring slack above what the twin expects the path to measure, which is
      // itself known only to about that slack: the shift lies between the residual and the residual + slack
      const slack = Math.max(s.anchored ? this.options.anchorSlackUs : 0, unknown);
      out.push({
        key,
        delayExcessUs: now.meanUs + slack / 2,
        delaySigmaUs: Math.max(sigma / Math.sqrt(now.n), slack / 2),
        cusum: this.lastZ.get(key) ?? 0,
      });
    }
    return out;
  }

  /** `links` (utilisation per arc) lets a path be anchored to its nominal delay (`anchorSlackUs`). */
  update(
    atMs: number,
    rows: readonly PathRow[],
    probes: readonly ProbeObservation[],
    links: readonly LinkObservation[] = [],
  ): Signal[] {
    const obs = new Map(probes.map((p) => [policyKey(p.headend, p.policy), p]));
    const util = new Map(links.map((l) => [l.arc, l.utilisation]));
    const byArc = new Map<ArcId, Member[]>();
    const live: DelayBaseline[] = [];
    /** Per measured path, the arcs it crosses in this interval's routing. */
    const arcsOf = new Map<string, ArcId[]>();
    this.load.observe(links);
    for (const row of rows) {
      const key = policyKey(row.headend, row.policy);
      const o = obs.get(key);
      if (!o || o.probesSent <= 0 || o.probesLost >= o.probesSent || !Number.isFinite(o.delayUs)) continue;
      const arcSigma = this.maxArcSigma(row.arcs.map((a) => a.arc));
      const s = this.baseline(key, row, arcSigma);
      arcsOf.set(
        key,
        row.arcs.filter((a) => a.fraction > 0).map((a) => a.arc),
      );
      const modelUs = this.trustedModel(row, util);
      const model =
        modelUs === null
          ? null
          : {
              us: modelUs,
              slackUs: this.options.carrySlackSigmas * Math.max(this.modelTolerance(s), arcSigma),
            };
      // the ceiling caps only a level being seeded: not worked out for the paths already seeded
      const ceiling = s.ready ? null : this.ceiling(row, util);
      if (!s.ready) s.nominalUs = row.nominalUs ?? NaN;
      if (s.observe(atMs, o.delayUs, arcSigma, ceiling, model) === null) continue;
      live.push(s);
      for (const { arc, fraction } of row.arcs) {
        if (fraction <= 0) continue;
        const list = byArc.get(arc) ?? [];
        list.push({ key, s, f: Math.min(1, fraction) });
        byArc.set(arc, list);
      }
    }
    const h = this.threshold(live.length, byArc.size);
    const pooledByArc = new Map<ArcId, (number | null)[]>();
    const raised: ArcAlarm[] = [];
    for (const [arc, members] of byArc) {
      const { alarm, pooled } = this.testArc(arc, members, h);
      pooledByArc.set(arc, pooled);
      if (alarm) raised.push(alarm);
    }
    const { alarmed, away, unlearned } = this.explainAway(raised, byArc, arcsOf, h);
    this.reseed(away, alarmed, arcsOf);
    const signals = this.signal(atMs, alarmed, h);
    this.learn(atMs, byArc, alarmed, pooledByArc, unlearned);
    return signals;
  }

  /**
   * Sorts the raised alarms into those a load step explains and those that stand. A path whose shift a load
   * step explains is no evidence of a fault elsewhere: the arcs it alarmed are tested again without it (the
   * same for every order of the arcs). `away`: the paths explained. `unlearned`: arcs whose pooled value this
   * interval carries a shift, from which their spread must not learn.
   */
  private explainAway(
    raised: readonly ArcAlarm[],
    byArc: ReadonlyMap<ArcId, Member[]>,
    arcsOf: ReadonlyMap<string, readonly ArcId[]>,
    h: number,
  ): { alarmed: ArcAlarm[]; away: Set<string>; unlearned: Set<ArcId> } {
    const parts = raised.map((a) => ({ a, ex: this.explainedByLoad(a, arcsOf) }));
    const away = new Set(parts.flatMap((p) => p.ex));
    // an alarm all of whose shifted paths are explained is explained (its arc is not tested again)
    const unlearned = new Set(parts.filter((p) => p.ex.length === p.a.keys.length).map((p) => p.a.arc));
    const alarmed: ArcAlarm[] = [];
    for (const a of raised) {
      if (unlearned.has(a.arc)) continue;
      const again = a.keys.some((k) => away.has(k))
        ? this.testArc(
            a.arc,
            byArc.get(a.arc)!.filter((m) => !away.has(m.key)),
            h,
          ).alarm
        : a;
      if (again) alarmed.push(again);
      else unlearned.add(a.arc);
    }
    return { alarmed, away, unlearned };
  }

  /**
   * The shifted paths of an alarm that a load step explains: when they all cross an arc whose load stepped
   * within the last `loadLookback` intervals, it is queueing, not a fault of the link (ADR 0162) — but where
   * the link model knows a path, only as far as the model says the load adds (ADR 0173): a path up by
   * `minShiftSigmas` more than that is not explained, and the arc is tested again on such paths alone.
   */
  private explainedByLoad(alarm: ArcAlarm, arcsOf: ReadonlyMap<string, readonly ArcId[]>): string[] {
    if (!this.options.explainByLoad) return [];
    // the step must be on an arc every shifted path crosses: one queue that moved them all
    const shared = alarm.keys
      .map((k) => arcsOf.get(k) ?? [])
      .reduce((a, b) => a.filter((x) => b.includes(x)));
    if (!this.load.stepped(shared)) return [];
    return alarm.keys.filter((k) => {
      const s = this.paths.get(k)!;
      const excess = s.modelExcess(alarm.w);
      return !Number.isFinite(excess) || excess < this.options.minShiftSigmas * this.modelTolerance(s);
    });
  }

  /** The explained paths, unless an alarm still stands on them, reseed their level at the new load. */
  private reseed(
    away: ReadonlySet<string>,
    standing: readonly ArcAlarm[],
    arcsOf: ReadonlyMap<string, readonly ArcId[]>,
  ): void {
    const keep = new Set(standing.flatMap((a) => a.keys));
    for (const k of away) {
      const s = this.paths.get(k)!;
      if (keep.has(k) || !s.ready) continue;
      s.move(s.route, this.maxArcSigma(arcsOf.get(k) ?? []));
    }
  }

  private signal(atMs: number, alarmed: ArcAlarm[], h: number): Signal[] {
    if (alarmed.length === 0) {
      this.sinceMs = null;
      return [];
    }
    this.sinceMs ??= atMs;
    alarmed.sort((a, b) => b.z - a.z || (a.arc < b.arc ? -1 : 1));
    const top = alarmed[0]!;
    const keys = [...new Set(alarmed.flatMap((a) => a.keys))].sort();
    const worst = keys
      .map((k) => this.paths.get(k)!)
      .reduce((a, b) => (b.meanResidual(top.w) > a.meanResidual(top.w) ? b : a));
    const excessUs = worst.meanResidual(top.w);
    const sigmaUs = this.sigmaEff(worst);
    return [
      {
        kind: 'latency',
        atMs,
        arcs: alarmed.map((a) => a.arc),
        policies: keys,
        score: top.z,
        detail: `delay shift on ${keys.length} path(s) through ${top.arc}: +${excessUs.toFixed(1)} µs (${(excessUs / sigmaUs).toFixed(1)} σ), pooled z ${top.z.toFixed(1)} ≥ ${h.toFixed(1)} over ${top.w} intervals`,
        evidence: { excessUs, sigmaUs, cusum: top.z, threshold: h, window: top.w, sinceMs: this.sinceMs },
      },
    ];
  }

  /**
   * The highest level a path may be seeded at: what the twin expects it to measure plus the anchoring slack,
   * when it has a nominal delay and every link it crosses reports a utilisation at most `anchorMaxUtilisation`;
   * null when it cannot be judged so. What the twin expects is the link model's delay (`modelUs`: propagation
   * plus queueing at the measured utilisations) where the row carries it, else the nominal delay: on a path of
   * twenty hops of 1 Gbit/s links at 30–60 %, bursty queueing adds milliseconds, and a ceiling at
   * nominal + slack anchored healthy paths below what they measure — a standing alarm (ADR 0175).
   */
  private ceiling(row: PathRow, util: ReadonlyMap<ArcId, number | null>): number | null {
    const o = this.options;
    if (row.nominalUs === undefined || !atMost(row, util, o.anchorMaxUtilisation)) return null;
    // modelUs is the nominal delay plus queueing, so never below it
    const expected = o.anchorOnModel ? (row.modelUs ?? row.nominalUs) : row.nominalUs;
    return expected + o.anchorSlackUs;
  }

  /**
   * The row's model delay where the link model can be trusted: every arc reports a utilisation at most
   * `modelMaxUtilisation`.
   */
  private trustedModel(row: PathRow, util: ReadonlyMap<ArcId, number | null>): number | null {
    const o = this.options;
    if (!o.useLinkModel || row.modelUs === undefined || !atMost(row, util, o.modelMaxUtilisation))
      return null;
    return row.modelUs;
  }

  /** σ a model excess is measured in: the path's own, or the model's error on it where that is larger. */
  private modelTolerance(s: DelayBaseline): number {
    return Math.max(this.sigmaEff(s), s.modelSigmaUs);
  }

  private sigmaEff(s: DelayBaseline): number {
    return Math.max(this.options.minSigmaUs, s.sigmaUs);
  }

  /** The largest σ known on any of `arcs` (what a path moved onto them is assumed to carry at least). */
  private maxArcSigma(arcs: readonly ArcId[]): number {
    return Math.max(0, ...arcs.map((a) => this.arcSigma.get(a) ?? 0));
  }

  private baseline(key: string, row: PathRow, arcSigma: number): DelayBaseline {
    const route = row.arcs.map((a) => a.arc).join(',');
    let s = this.paths.get(key);
    if (!s) {
      s = new DelayBaseline(route, this.options, null);
      this.paths.set(key, s);
    } else if (s.route !== route) s.move(route, arcSigma);
    return s;
  }

  /** The arc's three conditions for each window; the pooled mean z per window (null: no path that long). */
  private testArc(
    arc: ArcId,
    members: readonly Member[],
    h: number,
  ): { alarm: ArcAlarm | null; pooled: (number | null)[] } {
    const o = this.options;
    const spread = this.spreadOf(arc);
    let alarm: ArcAlarm | null = null;
    const pooled = o.windows.map((w, j) => {
      const m = members.filter((x) => x.s.recent.length >= w);
      if (m.length === 0) return null;
      // per interval of the window: the fraction-weighted mean over the paths of z and of the material excess
      const z = new Array<number>(w).fill(0);
      const zTest = new Array<number>(w).fill(0);
      const mat = new Array<number>(w).fill(0);
      const hit = new Array<boolean>(w).fill(false);
      const fSum = m.reduce((a, x) => a + x.f, 0);
      const sd = spread.sigma(j, Math.sqrt(m.reduce((a, x) => a + x.f * x.f, 0)) / fSum);
      // the clip bounds what one path's tail adds, but must leave a gross shift able to reach the bar: where
      // the arc's noise moves together (strongly autocorrelated, one busy queue) its spread passes zClip/h
      const ceiling = Math.max(o.zClip, o.zClipOverBar * h * sd);
      for (const { s, f } of m) {
        const sig = s.sigmaUs;
        const eff = this.sigmaEff(s);
        for (let k = 0; k < w; k++) {
          const r = s.recent[s.recent.length - w + k]!;
          z[k]! += f * clip(r / sig, o.zClip, o.zFloor);
          zTest[k]! += f * clip(r / sig, ceiling, o.zFloor);
          mat[k]! += f * clip(r / eff, o.zClip, o.zFloor);
          if (r >= o.minShiftSigmas * eff) hit[k] = true;
        }
      }
      const mean = z.reduce((a, x) => a + x, 0) / (w * fSum);
      const pooledZ = robustMean(zTest) / fSum / sd;
      // a shift persists: no interval of the window may fall back to the baseline (spike, quiet, spike)
      const persists = z.every((x) => x / fSum >= o.minPersistSigmas);
      const material =
        persists && robustMean(mat) / fSum >= o.minShiftSigmas && hit.filter(Boolean).length >= o.minCells;
      if (pooledZ >= h && material && (!alarm || pooledZ > alarm.z)) {
        const up = m.filter((x) => x.s.meanResidual(w) >= o.minShiftSigmas * this.sigmaEff(x.s));
        // the pooled mean may clear the bar with no single path's window mean up by 2σ: name the highest
        const keys =
          up.length > 0 ? up : [m.reduce((a, b) => (b.s.meanResidual(w) > a.s.meanResidual(w) ? b : a))];
        alarm = { arc, z: pooledZ, w, keys: keys.map((x) => x.key) };
      }
      return mean;
    });
    return { alarm, pooled };
  }

  private spreadOf(arc: ArcId): ArcSpread {
    let s = this.spreads.get(arc);
    if (!s) {
      s = new ArcSpread(this.options.windows, this.options.spreadWindow);
      this.spreads.set(arc, s);
    }
    return s;
  }

  /** Paths over an alarmed arc hold their baseline; the rest learn; healthy arcs learn their spread. */
  private learn(
    atMs: number,
    byArc: ReadonlyMap<ArcId, Member[]>,
    alarmed: readonly ArcAlarm[],
    pooled: ReadonlyMap<ArcId, (number | null)[]>,
    unlearned: ReadonlySet<ArcId>,
  ): void {
    const o = this.options;
    const inAlarm = new Map<string, ArcAlarm>();
    for (const a of alarmed)
      for (const m of byArc.get(a.arc)!) {
        const prev = inAlarm.get(m.key);
        if (!prev || a.z > prev.z) inAlarm.set(m.key, a);
      }
    const seen = new Set<string>();
    for (const members of byArc.values())
      for (const { key, s } of members) {
        if (seen.has(key)) continue;
        seen.add(key);
        const a = inAlarm.get(key);
        if (!a) {
          s.alarmSinceMs = null;
          s.alarmWindow = 0;
          this.lastZ.delete(key);
          s.learn(atMs, o.minShiftSigmas * this.sigmaEff(s), Math.max(...o.windows));
          continue;
        }
        this.lastZ.set(key, a.z);
        s.hold(atMs);
        s.alarmWindow = s.alarmSinceMs === null ? a.w : Math.min(o.keep, s.alarmWindow + 1);
        s.alarmSinceMs ??= atMs;
        if (atMs - s.alarmSinceMs >= o.relearnAfterMs) s.relearn();
      }
    for (const [arc, members] of byArc) {
      const spread = this.spreadOf(arc);
      if (!unlearned.has(arc) && !members.some((m) => inAlarm.has(m.key))) spread.learn(pooled.get(arc)!);
      this.arcSigma.set(arc, Math.min(...members.map((m) => m.s.sigmaUs)));
    }
  }
}

/** Every arc of the row reports a utilisation, none above `max`. */
function atMost(row: PathRow, util: ReadonlyMap<ArcId, number | null>, max: number): boolean {
  return row.arcs.every(({ arc }) => {
    const u = util.get(arc);
    return u !== undefined && u !== null && u <= max;
  });
}
