import type { ArcId } from '../../model/ids';
import { policyKey } from '../observation';
import type { PathMeasurement, PathRow, ProbeObservation, Signal } from '../observation';
import { binomialLogLik, excessLossLlr, goldenMax, llrThresholdForAlpha } from './stats';

export interface LossDetectorOptions {
  /** Probe interval (ms): sets how many tests a day the budget is spread over. */
  readonly intervalMs: number;
  /** False incidents allowed per day per 1,000 monitored policies (issue 9: 1). */
  readonly falseIncidentsPerDayPer1000: number;
  /** Longer evidence window, in intervals, tested beside the current interval (finds 0.1–0.5 % loss). */
  readonly window: number;
  /** EWMA weight of one healthy interval in a path's baseline loss. */
  readonly baselineAlpha: number;
  /** Prior of the baseline loss before anything is learned, as a rate and a weight in probes. */
  readonly priorLoss: number;
  readonly priorProbes: number;
  /** The baseline is multiplied by this before testing: model error in a learned rate costs no alarm. */
  readonly baselineMargin: number;
  /** An interval with a single-path LLR below this (and no alarm on its arcs) teaches the baseline. */
  readonly learnBelowLlr: number;
}

export const DEFAULT_LOSS_OPTIONS: LossDetectorOptions = {
  intervalMs: 1000,
  falseIncidentsPerDayPer1000: 1,
  window: 10,
  baselineAlpha: 0.01,
  priorLoss: 1e-4,
  priorProbes: 1e4,
  baselineMargin: 2,
  learnBelowLlr: 3,
};

interface PathState {
  route: string;
  lostSum: number;
  sentSum: number;
  recent: { sent: number; lost: number }[];
}

interface Member {
  readonly key: string;
  readonly fraction: number;
  readonly p0: number;
}

/**
 * Gray loss: a binomial excess-loss test of each path's lost/sent probes against the path's learned baseline
 * (EWMA of healthy intervals), **pooled per arc**: for every arc, the generalised likelihood ratio of
 * "this arc drops a share q of what crosses it" over all measured paths through it (fraction-weighted),
 * q profiled out. An arc alarms when the pooled LLR clears a threshold set from the false-alarm budget:
 * per test α = (budget/day · policies/1000) / (tests/day), tests = intervals · arcs · 2 windows, and the LLR
 * bar is z²/2 at that α (one-sided GLR, ½χ²₁). At 1 s intervals, 1,000 policies and 1,000 arcs: α ≈ 5.8e-9,
 * threshold ≈ 16.3 nats. Bonferroni over correlated tests makes this conservative (ADR 0101).
 *
 * Level-triggered: one aggregated `loss` signal per interval while any arc alarms, arcs sorted by LLR.
 */
export class LossDetector {
  private readonly options: LossDetectorOptions;
  private readonly paths = new Map<string, PathState>();
  private readonly alarmedArcs = new Set<ArcId>();
  private sinceMs: number | null = null;

  constructor(options: Partial<LossDetectorOptions> = {}) {
    this.options = { ...DEFAULT_LOSS_OPTIONS, ...options };
  }

  /** Per-test LLR bar for the current scale (number of policies and arcs under test). */
  threshold(policies: number, arcs: number): number {
    const perDay = (86_400_000 / this.options.intervalMs) * Math.max(1, arcs) * 2;
    const budget = (this.options.falseIncidentsPerDayPer1000 * Math.max(1, policies)) / 1000;
    return llrThresholdForAlpha(Math.min(0.5, budget / perDay));
  }

  /** The learned baseline loss rate of a path (before the margin). */
  baseline(key: string): number {
    const s = this.paths.get(key);
    const o = this.options;
    return ((s?.lostSum ?? 0) + o.priorLoss * o.priorProbes) / ((s?.sentSum ?? 0) + o.priorProbes);
  }

  /** Each path's evidence window (summed counts) and learned baseline: the localiser's loss input. */
  measurements(): PathMeasurement[] {
    const out: PathMeasurement[] = [];
    for (const [key, s] of this.paths) {
      if (s.recent.length === 0) continue;
      const sent = s.recent.reduce((a, r) => a + r.sent, 0);
      const lost = s.recent.reduce((a, r) => a + r.lost, 0);
      out.push({ key, sent, lost, baselineLoss: this.baseline(key) });
    }
    return out;
  }

  update(atMs: number, rows: readonly PathRow[], probes: readonly ProbeObservation[]): Signal[] {
    const obs = new Map(probes.map((p) => [policyKey(p.headend, p.policy), p]));
    const now = new Map<string, { sent: number; lost: number }>();
    const win = new Map<string, { sent: number; lost: number }>();
    const byArc = new Map<ArcId, Member[]>();
    for (const row of rows) {
      const key = policyKey(row.headend, row.policy);
      const o = obs.get(key);
      if (!o || o.probesSent <= 0) continue;
      const s = this.pathState(key, row);
      s.recent.push({ sent: o.probesSent, lost: Math.min(o.probesLost, o.probesSent) });
      if (s.recent.length > this.options.window) s.recent.shift();
      now.set(key, s.recent[s.recent.length - 1]!);
      win.set(
        key,
        s.recent.reduce((a, r) => ({ sent: a.sent + r.sent, lost: a.lost + r.lost }), { sent: 0, lost: 0 }),
      );
      const p0 = Math.min(0.5, this.baseline(key) * this.options.baselineMargin);
      for (const { arc, fraction } of row.arcs) {
        if (fraction <= 0) continue;
        const list = byArc.get(arc) ?? [];
        list.push({ key, fraction, p0 });
        byArc.set(arc, list);
      }
    }
    const bar = this.threshold(now.size, byArc.size);
    const scored: { arc: ArcId; llr: number; q: number; window: 'interval' | 'window' }[] = [];
    for (const [arc, members] of byArc) {
      const a = pooledLlr(members, now, bar);
      const b = pooledLlr(members, win, bar);
      const best =
        b.llr > a.llr ? { ...b, window: 'window' as const } : { ...a, window: 'interval' as const };
      if (best.llr >= bar) scored.push({ arc, ...best });
    }
    scored.sort((x, y) => y.llr - x.llr || (x.arc < y.arc ? -1 : 1));
    this.alarmedArcs.clear();
    for (const s of scored) this.alarmedArcs.add(s.arc);
    this.learn(rows, now);
    if (scored.length === 0) {
      this.sinceMs = null;
      return [];
    }
    this.sinceMs ??= atMs;
    const policies = new Set<string>();
    for (const s of scored)
      for (const m of byArc.get(s.arc) ?? []) if (excess(m, now, win)) policies.add(m.key);
    const top = scored[0]!;
    return [
      {
        kind: 'loss',
        atMs,
        arcs: scored.map((s) => s.arc),
        policies: [...policies].sort(),
        score: top.llr,
        detail: `excess loss through ${top.arc}: pooled LLR ${top.llr.toFixed(1)} ≥ ${bar.toFixed(1)} nats, q≈${(top.q * 100).toFixed(2)} %`,
        evidence: {
          threshold: bar,
          topArc: top.arc,
          lossRate: top.q,
          window: top.window,
          arcs: scored.length,
          sinceMs: this.sinceMs,
        },
      },
    ];
  }

  private pathState(key: string, row: PathRow): PathState {
    const route = row.arcs.map((a) => `${a.arc}:${a.fraction.toFixed(4)}`).join(',');
    let s = this.paths.get(key);
    if (!s) {
      s = { route, lostSum: 0, sentSum: 0, recent: [] };
      this.paths.set(key, s);
    } else if (s.route !== route) {
      // Rerouted: evidence gathered on the old route says nothing about the new arcs.
      s.route = route;
      s.recent = [];
    }
    return s;
  }

  private learn(rows: readonly PathRow[], now: ReadonlyMap<string, { sent: number; lost: number }>): void {
    const decay = 1 - this.options.baselineAlpha;
    for (const row of rows) {
      const key = policyKey(row.headend, row.policy);
      const m = now.get(key);
      const s = this.paths.get(key);
      if (!m || !s) continue;
      if (row.arcs.some((a) => this.alarmedArcs.has(a.arc))) continue;
      if (excessLossLlr(m.sent, m.lost, this.baseline(key)) >= this.options.learnBelowLlr) continue;
      s.lostSum = s.lostSum * decay + m.lost;
      s.sentSum = s.sentSum * decay + m.sent;
    }
  }
}

function excess(m: Member, ...maps: ReadonlyMap<string, { sent: number; lost: number }>[]): boolean {
  return maps.some((map) => {
    const c = map.get(m.key);
    return c !== undefined && c.lost > c.sent * m.p0;
  });
}

/**
 * GLR of "the arc drops a share q" over its paths, q ∈ [0,1] profiled; 0 when no path shows excess.
 * Below `bar` the returned value is only an upper bound (the exact fit is skipped).
 */
export function pooledLlr(
  members: readonly Member[],
  counts: ReadonlyMap<string, { sent: number; lost: number }>,
  bar = 0,
): { llr: number; q: number } {
  const used = members.filter((m) => counts.has(m.key));
  if (!used.some((m) => excess(m, counts))) return { llr: 0, q: 0 };
  // Each path's own best rate bounds its term at the common rate, so the sum bounds the pooled LLR.
  const bound = used.reduce(
    (acc, m) => acc + excessLossLlr(counts.get(m.key)!.sent, counts.get(m.key)!.lost, m.p0),
    0,
  );
  if (bound < bar) return { llr: bound, q: 0 };
  const ll = (q: number): number =>
    used.reduce((acc, m) => {
      const c = counts.get(m.key)!;
      return acc + binomialLogLik(c.sent, c.lost, m.p0 + m.fraction * q * (1 - m.p0));
    }, 0);
  const best = goldenMax(ll, 0, 1, 60);
  return { llr: Math.max(0, best.value - ll(0)), q: best.x };
}
