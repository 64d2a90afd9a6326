import type { Signal, SignalKind } from '../observation';

/**
 * Incident features for fault classification: which signal kinds fired, loss and delay shape, counters,
 * scope and flapping. Magnitudes are log-scaled so a linear model sees thresholds at sensible places.
 */
export const FEATURE_NAMES = [
  'fired.link-down',
  'fired.node-down',
  'fired.loss',
  'fired.latency',
  'fired.errors',
  'fired.discards',
  'fired.drift',
  'fired.telemetry-gap',
  'fired.flap',
  'loss.log10Rate',
  'loss.blackhole',
  'delay.log1pShiftMs',
  'counters.log1pErrorsPs',
  'counters.log1pDiscardsPs',
  'scope.maxUtilisation',
  'scope.log1pArcs',
  'scope.log1pNodes',
  'scope.log1pPolicies',
  'flap.log1pTransitions',
  'silent.facingDownShare',
  'silent.noNeighbourView',
  'signals.log1pCount',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureVector = readonly number[];

const FIRED: readonly SignalKind[] = [
  'link-down',
  'node-down',
  'loss',
  'latency',
  'errors',
  'discards',
  'drift',
  'telemetry-gap',
  'flap',
];

/** What the detectors do not put on signals but the loop knows: the hottest suspect arc's utilisation. */
export interface FeatureContext {
  readonly maxUtilisation?: number;
}

const num = (v: number | string | undefined): number | undefined => {
  const x = typeof v === 'string' ? Number(v) : v;
  return x !== undefined && Number.isFinite(x) ? x : undefined;
};

function maxOf(signals: readonly Signal[], kind: SignalKind, keys: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const s of signals) {
    if (s.kind !== kind) continue;
    for (const k of keys) {
      const x = num(s.evidence[k]);
      if (x !== undefined) best = best === undefined ? x : Math.max(best, x);
    }
  }
  return best;
}

/**
 * The feature vector of an incident's signals, in FEATURE_NAMES order. Evidence keys read: loss `lossRate`;
 * latency `shiftUs`/`excessUs`; errors and discards `errorsPs`/`discardsPs`/`ratePs`; flap
 * `transitions`; node-down and telemetry-gap `facingDown`/`facingUp`; any signal `utilisation`.
 */
export function extractFeatures(signals: readonly Signal[], context: FeatureContext = {}): number[] {
  const fired = FIRED.map((k) => (signals.some((s) => s.kind === k) ? 1 : 0));
  const lossRate = maxOf(signals, 'loss', ['lossRate']) ?? 0;
  const shiftUs = maxOf(signals, 'latency', ['shiftUs', 'excessUs']) ?? 0;
  const errorsPs = maxOf(signals, 'errors', ['errorsPs', 'ratePs', 'rate']) ?? 0;
  const discardsPs = maxOf(signals, 'discards', ['discardsPs', 'ratePs', 'rate']) ?? 0;
  const transitions = maxOf(signals, 'flap', ['transitions']) ?? 0;
  const facingDown =
    maxOf(signals, 'telemetry-gap', ['facingDown']) ?? maxOf(signals, 'node-down', ['facingDown']);
  const facingUp = maxOf(signals, 'telemetry-gap', ['facingUp']) ?? maxOf(signals, 'node-down', ['facingUp']);
  const seen = (facingDown ?? 0) + (facingUp ?? 0);
  let utilisation = context.maxUtilisation ?? 0;
  for (const s of signals) utilisation = Math.max(utilisation, num(s.evidence.utilisation) ?? 0);
  const arcs = new Set(signals.flatMap((s) => s.arcs ?? []));
  const nodes = new Set(signals.flatMap((s) => s.nodes ?? []));
  const policies = new Set(signals.flatMap((s) => s.policies ?? []));
  return [
    ...fired,
    lossRate > 0 ? Math.log10(Math.min(1, lossRate)) + 5 : 0,
    lossRate >= 0.5 ? 1 : 0,
    Math.log1p(shiftUs / 1000),
    Math.log1p(errorsPs),
    Math.log1p(discardsPs),
    Math.min(1.5, utilisation),
    Math.log1p(arcs.size),
    Math.log1p(nodes.size),
    Math.log1p(policies.size),
    Math.log1p(transitions),
    seen > 0 ? (facingDown ?? 0) / seen : 0,
    facingDown === undefined && facingUp === undefined ? 0 : seen === 0 ? 1 : 0,
    Math.log1p(signals.length),
  ];
}

/** Features by name, for explanations in evidence and the audit log. */
export function namedFeatures(v: FeatureVector): Record<FeatureName, number> {
  return Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, v[i] ?? 0])) as Record<FeatureName, number>;
}
