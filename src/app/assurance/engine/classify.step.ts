import type { Signal } from '../../../core/assurance';
import { FaultClassifier, plausibleOnPathSymptom } from '../../../core/assurance/classify';
import type { Classification, LogisticModel } from '../../../core/assurance/classify';
import type { ArcId } from '../../../core/model/ids';
import type { IncidentClass } from '../../../ports/event-bus.port';
import type { LocatedFault } from './locate.step';

/** What a finding says about how its class was decided (the incident's evidence; the audit log's "why"). */
export interface ClassEvidence {
  readonly source: 'model' | 'rules';
  readonly class: IncidentClass;
  readonly confidence: number;
  /** The learned model's own verdict, also when it fell below the threshold and the rules decided. */
  readonly model?: { readonly class: IncidentClass; readonly confidence: number };
  readonly threshold: number;
  readonly rule?: string;
  readonly note?: string;
  readonly features: Readonly<Record<string, number>>;
}

/**
 * The loop's fault classifier (ADR 0106): the shipped logistic model's class and confidence, the rules
 * baseline below its confidence threshold or when no model was loaded. Each localised fault is classified on
 * its own signals: the loss/latency symptom restricted to its class (its fitted rate, its paths, its arcs),
 * the counters and flaps on its arcs, and the hottest utilisation among them.
 */
export class FindingClassifier {
  private readonly classifier: FaultClassifier;

  constructor(model: LogisticModel | null, threshold?: number) {
    this.classifier = new FaultClassifier(model, threshold);
    this.hasModel = model !== null;
  }

  readonly hasModel: boolean;

  get threshold(): number {
    return this.classifier.threshold;
  }

  /** Classifies a localised loss/latency fault (symptoms merged when both localised to the same class). */
  classifyFault(
    faults: readonly LocatedFault[],
    symptoms: readonly Signal[],
    signals: readonly Signal[],
    utilisation: (arc: ArcId) => number | undefined,
    arcsAt: (nodes: ReadonlySet<string>) => string[] = () => [],
  ): ClassEvidence {
    const arcs = new Set<string>(faults.flatMap((f) => f.arcs));
    const own: Signal[] = faults.flatMap((f) => {
      const s = symptoms.find((x) => x.kind === f.kind);
      if (!s) return [];
      return [restrict(s, f, arcsAt)];
    });
    for (const s of signals) {
      if (s.kind !== 'errors' && s.kind !== 'discards' && s.kind !== 'flap') continue;
      if ((s.arcs ?? []).some((a) => arcs.has(a))) own.push(s);
    }
    let hottest: number | undefined;
    for (const a of arcs) {
      const u = utilisation(a as ArcId);
      if (u !== undefined) hottest = Math.max(hottest ?? 0, u);
    }
    const c = this.classifier.classify(own, hottest !== undefined ? { maxUtilisation: hottest } : {});
    const plausible = plausibleOnPathSymptom(c.class, (kind) => own.some((s) => s.kind === kind));
    return this.evidence(plausible ? c : this.rulesInstead(own, hottest, c));
  }

  /** Classifies a counter-only finding (errors or discards on arcs no measured path shows a symptom on). */
  classifySignals(signals: readonly Signal[], maxUtilisation?: number): ClassEvidence {
    return this.evidence(
      this.classifier.classify(signals, maxUtilisation !== undefined ? { maxUtilisation } : {}),
    );
  }

  /** The model named a class a path symptom cannot be (telemetry gap, drift): the rules decide. */
  private rulesInstead(
    signals: readonly Signal[],
    hottest: number | undefined,
    c: Classification,
  ): Classification {
    const rules = new FaultClassifier(null).classify(
      signals,
      hottest !== undefined ? { maxUtilisation: hottest } : {},
    );
    return { ...rules, ...(c.model && { model: c.model }) };
  }

  private evidence(c: Classification): ClassEvidence {
    const fellBack = c.source === 'rules' && c.model !== undefined;
    return {
      source: c.source,
      class: c.class,
      confidence: c.confidence,
      ...(c.model && { model: c.model }),
      threshold: this.classifier.threshold,
      ...(c.rule !== undefined && { rule: c.rule }),
      ...(fellBack && {
        note:
          c.model.confidence >= this.classifier.threshold
            ? `model said ${c.model.class}, not a class this symptom and its counters support: rules decided`
            : `model said ${c.model.class} at ${c.model.confidence.toFixed(2)} < ${this.classifier.threshold}: rules decided`,
      }),
      features: c.features,
    };
  }
}

/**
 * The detector's symptom signal narrowed to one localised fault, in the shape the model was trained on (a
 * detector signal: arcs and policies, no nodes; the detector's own rate, not the localiser's fit over the
 * evidence window, which dilutes a fresh fault): its arcs (for a class of nodes, the alarmed arcs at them)
 * and its paths.
 */
function restrict(s: Signal, f: LocatedFault, arcsAt: (nodes: ReadonlySet<string>) => string[]): Signal {
  const paths = new Set(f.paths);
  const policies = (s.policies ?? []).filter((p) => paths.has(p));
  const nodes = new Set<string>(f.nodes);
  const near = (s.arcs ?? []).filter((a) => arcsAt(nodes).includes(a));
  const arcs = f.arcs.length > 0 ? [...f.arcs] : near.length > 0 ? near : [...(s.arcs ?? [])];
  const { nodes: _dropped, ...rest } = s;
  return { ...rest, arcs, policies: policies.length > 0 ? policies : [...(s.policies ?? [])] };
}
