import type { PathMeasurement, Signal } from '../../../core/assurance';
import { DEFAULT_LOSS_OPTIONS, excessLossLlr } from '../../../core/assurance/detect';
import type { LossDetector } from '../../../core/assurance/detect';
import type { LoopObservation } from '../assurance-engine';

/**
 * The localiser's loss input. A loss one path shows on its own in the alarm's first interval (a fresh, clear
 * fault: that path alone clears the detector's bar) is localised on the counts since that onset, so evidence
 * from before it does not dilute the fault's rate and a clean probe clears what it crosses at full weight; a
 * faint loss pooled over time is localised on the detector's window.
 */
export class LossEvidence {
  /** Counts since the current loss alarm began (cleared when it ends). */
  private onset: {
    strong: boolean;
    counts: Map<string, { route: string; sent: number; lost: number }>;
  } | null = null;

  constructor(
    private readonly detector: LossDetector,
    private readonly margin = DEFAULT_LOSS_OPTIONS.baselineMargin,
  ) {}

  reset(): void {
    this.onset = null;
  }

  measurements(signals: readonly Signal[], obs: LoopObservation): PathMeasurement[] {
    const alarm = signals.find((s) => s.kind === 'loss');
    const bar = Number(alarm?.evidence['threshold'] ?? Infinity);
    this.onset ??= {
      strong: obs.paths.some(
        (p) =>
          p.probesSent > 0 && excessLossLlr(p.probesSent, p.probesLost, this.detector.baseline(p.id)) >= bar,
      ),
      counts: new Map(),
    };
    for (const p of obs.paths) {
      if (p.probesSent <= 0) continue;
      // a rerouted path starts over: what it lost on its old route says nothing about the new one, and the
      // interval of the switch may still count probes sent on the old route, so it is skipped too
      const route = p.links.map((h) => `${h.arc}:${h.share}`).join(',');
      const old = this.onset.counts.get(p.id);
      if (old && old.route !== route) {
        this.onset.counts.set(p.id, { route, sent: 0, lost: 0 });
        continue;
      }
      const c = old ?? { route, sent: 0, lost: 0 };
      this.onset.counts.set(p.id, {
        route,
        sent: c.sent + p.probesSent,
        lost: c.lost + Math.min(p.probesLost, p.probesSent),
      });
    }
    const measured = new Set(obs.paths.map((p) => p.id));
    // healthy loss as the detector tests it (learned baseline × its margin): a slightly underestimated
    // baseline summed over a headend's hundreds of paths must not make the headend a suspect
    const healthy = (key: string): number => Math.min(0.5, this.detector.baseline(key) * this.margin);
    if (!this.onset.strong)
      return this.detector
        .measurements()
        .filter((m) => measured.has(m.key))
        .map((m) => ({ ...m, baselineLoss: healthy(m.key) }));
    return [...this.onset.counts]
      .filter(([key, c]) => measured.has(key) && c.sent > 0)
      .map(([key, c]) => ({ key, sent: c.sent, lost: c.lost, baselineLoss: healthy(key) }));
  }
}
