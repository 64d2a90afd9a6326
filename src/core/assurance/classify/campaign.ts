import { arcId, nodeId } from '../../model/ids';
import { prngFor } from '../../topology/generators';
import type { Prng } from '../../topology/generators';
import { INCIDENT_CLASSES } from '../incident';
import type { IncidentClass } from '../incident';
import type { Signal, SignalKind } from '../observation';
import { extractFeatures } from './features';
import type { FeatureContext } from './features';
import type { LabelledRow } from './logistic.model';

/** One synthetic incident: the signals detectors would emit for a fault of class `label`. */
export interface CampaignIncident extends LabelledRow {
  readonly signals: readonly Signal[];
  readonly context: FeatureContext;
}

export interface CampaignOptions {
  readonly seed: number;
  /** Total rows, spread round-robin over the classes. */
  readonly rows: number;
}

/**
 * A seeded synthetic fault campaign: per class, the signals the detectors of `../detect` emit, with the
 * noise and the confusable cases that make classification non-trivial — CRC whose error counters are not
 * reported (looks like gray loss), congestion without discards (looks like latency), a link-down that
 * bounced once (looks like a flap), a node-down first seen as silence (looks like a telemetry gap) and a
 * telemetry gap with one coincidental down neighbour. A simulator-driven campaign may replace it.
 */
export function generateCampaign(options: CampaignOptions): CampaignIncident[] {
  const rng = prngFor(options.seed, 'classify.campaign');
  const out: CampaignIncident[] = [];
  for (let i = 0; i < options.rows; i++) {
    const label = INCIDENT_CLASSES[i % INCIDENT_CLASSES.length]!;
    const { signals, context } = synthesise(label, rng, i);
    out.push({ label, signals, context, features: extractFeatures(signals, context) });
  }
  return out;
}

const logUniform = (r: Prng, lo: number, hi: number): number =>
  10 ** r.between(Math.log10(lo), Math.log10(hi));

class Builder {
  readonly signals: Signal[] = [];
  constructor(
    private readonly r: Prng,
    private readonly at: number,
    private readonly tag: number,
  ) {}

  arcs(n: number): string[] {
    const base = this.r.int(500);
    return Array.from({ length: n }, (_, i) => `l${this.tag}-${base + i}:ab`);
  }
  policies(n: number): string[] {
    return Array.from({ length: n }, (_, i) => `pe${this.r.int(40)}/p${this.tag}-${i}`);
  }
  add(
    kind: SignalKind,
    evidence: Record<string, number>,
    scope: { arcs?: string[]; nodes?: string[]; policies?: string[] },
  ) {
    this.signals.push({
      kind,
      atMs: this.at,
      ...(scope.arcs ? { arcs: scope.arcs.map(arcId) } : {}),
      ...(scope.nodes ? { nodes: scope.nodes.map(nodeId) } : {}),
      ...(scope.policies ? { policies: scope.policies } : {}),
      score: this.r.between(3, 30),
      detail: `synthetic ${kind}`,
      evidence,
    });
  }
  loss(lo: number, hi: number, arcs: string[], policies = this.policies(1 + this.r.int(6))) {
    this.add('loss', { lossRate: logUniform(this.r, lo, hi) }, { arcs, policies });
  }
  latency(loMs: number, hiMs: number, policies = this.policies(1 + this.r.int(6))) {
    this.add('latency', { shiftUs: logUniform(this.r, loMs, hiMs) * 1000 }, { policies });
  }
}

function synthesise(
  label: IncidentClass,
  r: Prng,
  i: number,
): { signals: Signal[]; context: FeatureContext } {
  const b = new Builder(r, 1_000 * i, i);
  let util = r.between(0.05, 0.75);
  const arcs = b.arcs(1 + r.int(3));
  const node = `n${i}`;
  const degree = 2 + r.int(5);
  switch (label) {
    case 'link-down': {
      const link = b.arcs(r.chance(0.85) ? 2 : 1);
      b.add('link-down', {}, { arcs: link });
      if (r.chance(0.4)) b.loss(0.3, 1, link);
      if (r.chance(0.2)) b.add('flap', { transitions: 1 + r.int(2) }, { arcs: link });
      break;
    }
    case 'node-down': {
      const down = degree - (r.chance(0.3) ? 1 : 0);
      const ev = { facingDown: down, facingUp: degree - down };
      b.add(r.chance(0.25) ? 'telemetry-gap' : 'node-down', ev, { nodes: [node] });
      if (r.chance(0.7)) b.add('link-down', {}, { arcs: b.arcs(down) });
      if (r.chance(0.5)) b.loss(0.3, 1, b.arcs(down));
      break;
    }
    case 'telemetry-gap': {
      const down = r.chance(0.15) ? 1 : 0;
      const view: Record<string, number> = r.chance(0.9) ? { facingDown: down, facingUp: degree - down } : {};
      b.add(down > 0 && r.chance(0.5) ? 'node-down' : 'telemetry-gap', view, { nodes: [node] });
      if (r.chance(0.1)) b.loss(1e-4, 2e-3, arcs);
      break;
    }
    case 'gray-loss':
      b.loss(1e-3, 0.05, arcs);
      if (r.chance(0.05)) b.add('errors', { errorsPs: r.between(0.1, 1) }, { arcs });
      if (r.chance(0.1)) b.latency(0.1, 0.5);
      break;
    case 'crc':
      if (r.chance(0.85)) b.add('errors', { errorsPs: logUniform(r, 3, 1000) }, { arcs });
      if (r.chance(0.8)) b.loss(5e-4, 0.03, arcs);
      break;
    case 'latency':
      b.latency(1, 25);
      if (r.chance(0.15)) util = r.between(0.75, 0.9);
      break;
    case 'congestion':
      util = r.between(0.86, 1);
      if (r.chance(0.8)) b.latency(0.2, 4);
      if (r.chance(0.75)) b.add('discards', { discardsPs: logUniform(r, 1, 1000) }, { arcs });
      if (r.chance(0.3)) b.loss(1e-4, 5e-3, arcs);
      break;
    case 'flap': {
      const link = b.arcs(2);
      b.add('flap', { transitions: 3 + r.int(10) }, { arcs: link });
      if (r.chance(0.5)) b.add('link-down', {}, { arcs: link });
      if (r.chance(0.4)) b.loss(0.01, 0.3, link);
      break;
    }
    case 'drift': {
      const policies = b.policies(1 + r.int(2));
      b.add('drift', {}, { policies, nodes: [node] });
      if (r.chance(0.3)) b.loss(1e-3, 0.2, arcs, policies);
      if (r.chance(0.2)) b.latency(0.5, 10, policies);
      break;
    }
  }
  // Background noise every class can carry: an unrelated small delay wobble.
  if (r.chance(0.08)) b.latency(0.05, 0.4);
  return { signals: b.signals, context: { maxUtilisation: util } };
}
