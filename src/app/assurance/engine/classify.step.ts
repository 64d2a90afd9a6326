import type { Signal } from '../../../core/assurance';
import { FaultClassifier } from '../../../core/assurance/classify';
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
  ): ClassEvidence {
    const arcs = new Set<string>(faults.flatMap((f) => f.arcs));
    const own: Signal[] = faults.flatMap((f) => {
      const s = symptoms.find((x) => x.kind === f.kind);
      if (!s) return [];
      return [restrict(s, f)];
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
    return this.evidence(
      this.classifier.classify(own, hottest !== undefined ? { maxUtilisation: hottest } : {}),
    );
  }

  /** Classifies a counter-only finding (errors or discards on arcs no measured path shows a symptom on). */
  classifySignals(signals: readonly Signal[], maxUtilisation?: number): ClassEvidence {
    return this.evidence(
      this.classifier.classify(signals, maxUtilisation !== undefined ? { maxUtilisation } : {}),
    );
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
        note: `model said ${c.model.class} at ${c.model.confidence.toFixed(2)} < ${this.classifier.threshold}: rules decided`,
      }),
      features: c.features,
    };
  }
}

/** The detector's symptom signal narrowed to one localised fault: its arcs, its paths, its fitted size. */
function restrict(s: Signal, f: LocatedFault): Signal {
  const paths = new Set(f.paths);
  const size: Record<string, number> =
    f.rate <= 0 ? {} : f.kind === 'loss' ? { lossRate: f.rate } : { excessUs: f.rate, shiftUs: f.rate };
  return {
    ...s,
    arcs: [...f.arcs],
    nodes: [...f.nodes],
    policies: (s.policies ?? []).filter((p) => paths.has(p)),
    evidence: { ...s.evidence, ...size },
  };
}
