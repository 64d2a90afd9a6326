import type { PathMeasurement } from '../../../core/assurance';
import type { LatencyDetector } from '../../../core/assurance/detect';
import type { ArcId } from '../../../core/model/ids';
import type { TopologyGraph } from '../../../core/topology';
import type { LoopObservation } from '../assurance-engine';

/** Slack of a fresh probe's delay over its nominal (µs): the watch probes' (loop.checks WATCH_HEALTH). */
const NOMINAL_SLACK_US = 20;

/**
 * What the latency localiser is told: each path's delay above its learned baseline, and — for probe-only
 * paths too new to have one (the localiser's own disambiguation probes) — above the nominal delay of the
 * arcs they cross, with σ a third of the watch probes' slack (20 µs or 6 × jitter), when the symptom is
 * at least 10 × that slack: a shift of milliseconds is placed in the interval the probes first answer,
 * while for µs shifts the probes stay out (queueing on a busy healthy link would look like the fault).
 */
export function delayMeasurements(
  latency: LatencyDetector,
  topology: TopologyGraph,
  obs: LoopObservation,
  measured: ReadonlySet<string>,
): PathMeasurement[] {
  const learned = latency.excess().filter((m) => measured.has(m.key));
  const known = new Set(learned.map((m) => m.key));
  // only a shift far above queueing noise can be read against a nominal delay (µs shifts cannot)
  const large = learned.some((m) => m.delayExcessUs >= 10 * NOMINAL_SLACK_US);
  const fresh = obs.paths
    .filter(
      (p) => large && p.probeOnly && !known.has(p.id) && p.delayUs !== null && p.probesSent > p.probesLost,
    )
    .map((p) => {
      const nominal = p.links.reduce((sum, h) => sum + h.share * topology.arc(h.arc as ArcId).delayUs, 0);
      const slack = Math.max(NOMINAL_SLACK_US, 6 * (p.jitterUs ?? 0));
      return { key: p.id, delayExcessUs: Math.max(0, p.delayUs! - nominal), delaySigmaUs: slack / 3 };
    });
  return [...learned, ...fresh].map((m) => ({
    key: m.key,
    sent: 0,
    lost: 0,
    delayExcessUs: m.delayExcessUs,
    delaySigmaUs: m.delaySigmaUs,
  }));
}
