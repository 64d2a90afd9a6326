import type { ArcInfo, PathMeasurement, PathRow, Signal, SignalKind } from '../../core/assurance';
import type { LogisticModel } from '../../core/assurance/classify';
import {
  CounterDetector,
  DriftDetector,
  FlapDetector,
  HardEventDetector,
  LatencyDetector,
  LossDetector,
} from '../../core/assurance/detect';
import type { LocateOptions } from '../../core/assurance/locate';
import type { ArcId, NodeId } from '../../core/model/ids';
import type { TopologyGraph } from '../../core/topology';
import { queueDelayUs } from '../../core/twin';
import type { AssuranceEngine, Finding, LoopObservation } from './assurance-engine';
import { FindingClassifier } from './engine/classify.step';
import { directFinding, driftSignal } from './engine/direct.findings';
import { coreInputs } from './engine/observation.convert';
import { collapseSecondary, locateFaults, uniqueProbes, unlocated } from './engine/locate.step';
import { LossEvidence } from './engine/loss-evidence';
import { delayMeasurements } from './engine/delay-measurements';
import { hardFindings, LinkStability } from './engine/hard.findings';
import { CollateralFold } from './engine/collateral.fold';
import type { CollateralOptions } from './engine/collateral.fold';
import type { LocatedFault } from './engine/locate.step';

export interface CoreEngineOptions {
  /** The learned fault model (models/fault-classifier.json, loaded at start); null or absent: rules only. */
  readonly model?: LogisticModel | null;
  /** Model confidence below which the rules decide (default DEFAULT_CONFIDENCE_THRESHOLD). */
  readonly threshold?: number;
  readonly locate?: Partial<LocateOptions>;
  /** When load symptoms count as collateral of an earlier fault or a move of traffic (ADR 0139). */
  readonly collateral?: CollateralOptions;
}

/** Direct evidence that raises an element's prior in the localiser (ADR 0103). */
const PRIOR_KINDS: ReadonlySet<SignalKind> = new Set([
  'link-down',
  'node-down',
  'flap',
  'errors',
  'discards',
]);

/**
 * The assurance core behind the loop's seam (ADR 0111). The core detectors (hard events, flaps, pooled
 * binomial loss, pooled-window latency, counters, drift) run on the interval's observation. Hard events, drift and
 * telemetry gaps become findings directly. Loss and latency symptoms are localised by the core localiser
 * (greedy MAP over link and node hypotheses on the routing matrix of the measured paths, ECMP shares, priors
 * raised by counters and events): one finding per equivalence class, suspects with posterior marginals, and
 * the disambiguation probes the localiser designs when a class has more than one member. Each localised
 * finding is classified by the learned fault model, or by the rules below its confidence threshold.
 */
export class CoreAssuranceEngine implements AssuranceEngine {
  readonly name = 'core';
  private readonly arcs: ArcInfo[];
  private readonly arcInfo: ReadonlyMap<ArcId, ArcInfo>;
  /** Each arc's stated propagation delay (µs), for the paths' nominal delays. */
  private readonly arcDelay: ReadonlyMap<ArcId, number>;
  /** Per arc, its capacity (Mbit/s): the link model's queueing delay at a measured utilisation (ADR 0173). */
  private readonly arcCapacity: ReadonlyMap<ArcId, number>;
  private readonly hard: HardEventDetector;
  private readonly flap = new FlapDetector();
  private readonly loss: LossDetector;
  private readonly latency: LatencyDetector;
  private readonly counters = new CounterDetector();
  private readonly drift = new DriftDetector();
  private readonly classifier: FindingClassifier;
  private readonly locateOptions: Partial<LocateOptions> | undefined;
  private readonly lossEvidence: LossEvidence;
  private readonly stability = new LinkStability();
  private readonly collateral: CollateralFold;
  /** Node → its links (sorted), for a node whose links all go down at once. */
  private readonly nodeLinks = new Map<string, string[]>();

  constructor(
    private readonly topology: TopologyGraph,
    intervalMs: number,
    options: CoreEngineOptions = {},
  ) {
    this.arcs = [...topology.arcs()].map((a) => ({ arc: a.id, link: a.link, from: a.from, to: a.to }));
    this.arcInfo = new Map(this.arcs.map((a) => [a.arc, a]));
    this.arcDelay = new Map([...topology.arcs()].map((a) => [a.id, a.delayUs]));
    this.arcCapacity = new Map([...topology.arcs()].map((a) => [a.id, a.capacityMbps]));
    for (const a of this.arcs) {
      const ls = this.nodeLinks.get(a.from) ?? [];
      if (!ls.includes(a.link)) this.nodeLinks.set(a.from, [...ls, a.link].sort());
    }
    this.hard = new HardEventDetector(this.arcs);
    this.loss = new LossDetector({ intervalMs });
    this.lossEvidence = new LossEvidence(this.loss);
    this.latency = new LatencyDetector();
    this.classifier = new FindingClassifier(options.model ?? null, options.threshold);
    this.locateOptions = options.locate;
    this.collateral = new CollateralFold(options.collateral);
  }

  analyse(obs: LoopObservation): Finding[] {
    const at = obs.at;
    const { links, nodes, rows, probes } = coreInputs(
      obs,
      (arc) => this.arcDelay.get(arc),
      // the link model's delay per row when the detector reads it: its anchor (ADR 0175), its carry (ADR 0173, off)
      this.latency.usesLinkModel ? (arc, u) => this.queueUs(arc, u) : undefined,
    );
    const signals: Signal[] = [
      ...this.hard.update(at, links, nodes),
      ...this.flap.update(at, links),
      ...this.loss.update(at, rows, probes),
      ...this.latency.update(
        at,
        rows,
        probes.filter((p) => p.delayUs > 0),
        links,
      ),
      ...this.counters.update(at, links),
    ];
    const r = obs.policyRound;
    if (r) {
      signals.push(
        ...this.drift.update(at, r.deployed as never, r.held as never, r.reported as NodeId[], r.inFlight),
      );
    } else {
      // between read-back rounds the last confirmed drift stands
      for (const d of obs.drift) signals.push(driftSignal(at, d.id, d.headend));
    }
    return this.findings(signals, obs, rows);
  }

  private findings(all: readonly Signal[], obs: LoopObservation, rows: readonly PathRow[]): Finding[] {
    const { out, hard, signals } = hardFindings(all, obs, this.stability, this.nodeLinks, (arcs) =>
      this.linksOf(arcs),
    );
    const { groups: located, folded } = this.locateAll(signals, obs, rows);
    const faults = located.filter((g) => !g.some((f) => f.members.some((m) => hard.has(m))));
    const explained = new Set<string>([...located.flat(), ...folded].flatMap((f) => f.arcs));
    for (const group of faults) out.push(this.localised(group, signals, obs));
    out.push(...this.counterOnly(signals, explained, obs));
    return this.collateral.apply(out, obs, this.latency.unexplained());
  }

  /**
   * Loss and latency symptoms localised by the core localiser over the interval's routing matrix (measured
   * paths, ECMP shares; link and node hypotheses); a latency class that overlaps a loss class is the same
   * fault seen twice and joins it. Classes that only fit the spread of a kept class's symptom on the paths
   * over it are folded into it (`collapseSecondary`): one symptom, one finding.
   */
  private locateAll(
    signals: readonly Signal[],
    obs: LoopObservation,
    rows: readonly PathRow[],
  ): { groups: LocatedFault[][]; folded: LocatedFault[] } {
    const symptoms = new Set(signals.map((s) => s.kind));
    if (!symptoms.has('loss')) this.lossEvidence.reset();
    if (!symptoms.has('loss') && !symptoms.has('latency')) return { groups: [], folded: [] };
    const measured = new Set(obs.paths.map((p) => p.id));
    const priors = signals.filter((s) => PRIOR_KINDS.has(s.kind));
    const linkOf = (a: ArcId): string => this.topology.arc(a).link;
    const run = (kind: 'loss' | 'latency', measurements: PathMeasurement[]): LocatedFault[] =>
      locateFaults(
        {
          kind,
          rows,
          arcs: this.arcs,
          info: this.arcInfo,
          measurements,
          signals: priors,
          ...(this.locateOptions && { options: this.locateOptions }),
        },
        linkOf,
      );
    const lossAll = symptoms.has('loss') ? run('loss', this.lossEvidence.measurements(signals, obs)) : [];
    const delayAll = symptoms.has('latency')
      ? run('latency', delayMeasurements(this.latency, this.topology, obs, measured))
      : [];
    for (const [kind, found] of [
      ['loss', lossAll],
      ['latency', delayAll],
    ] as const) {
      const s = signals.find((x) => x.kind === kind);
      if (s && found.length === 0) found.push(unlocated(s, this.arcInfo, linkOf));
    }
    const alarmedBy = (kind: SignalKind) =>
      new Set(signals.filter((s) => s.kind === kind).flatMap((s) => s.policies ?? []));
    const lossSplit = collapseSecondary(lossAll, alarmedBy('loss'));
    const delaySplit = collapseSecondary(delayAll, alarmedBy('latency'));
    const loss = lossSplit.kept;
    const delay = delaySplit.kept;
    // a link lossy both ways is two arc classes with the same links: one fault, one finding
    const groups: LocatedFault[][] = [];
    for (const f of loss) {
      const g = groups.find((x) => x[0]!.members.join() === f.members.join());
      if (g) g.push(f);
      else groups.push([f]);
    }
    for (const d of delay) {
      const g = groups.find((x) => x[0]!.members.some((m) => d.members.includes(m)));
      if (g) g.push(d);
      else groups.push([d]);
    }
    return { groups, folded: [...lossSplit.folded, ...delaySplit.folded] };
  }

  /** One finding per localised fault: its class, suspects with probabilities, probes when it is ambiguous. */
  private localised(
    group: readonly LocatedFault[],
    signals: readonly Signal[],
    obs: LoopObservation,
  ): Finding {
    const main = group[0]!;
    const symptoms = signals.filter((s) => s.kind === 'loss' || s.kind === 'latency');
    const verdict = this.classifier.classifyFault(
      group,
      symptoms,
      signals,
      (a) => this.utilisation(obs, a),
      (nodes) => this.arcs.filter((a) => nodes.has(a.from) || nodes.has(a.to)).map((a) => a.arc),
    );
    const alarmed = new Set(symptoms.flatMap((s) => s.policies ?? []));
    const crossing = [...new Set(group.flatMap((f) => f.paths))];
    const paths = crossing.filter((p) => alarmed.has(p));
    return {
      class: verdict.class,
      confidence: verdict.confidence,
      classifier: verdict.source,
      suspects: main.suspects,
      equivalenceClass: main.members,
      paths: (paths.length > 0 ? paths : crossing).sort(),
      evidence: {
        signal: group.map((f) => f.kind).join('+'),
        detail: symptoms
          .filter((s) => group.some((f) => f.kind === s.kind))
          .map((s) => s.detail)
          .join('; '),
        localisation: group.map((f) => ({
          kind: f.kind,
          rate: f.rate,
          posterior: f.confidence,
          crossCheckAgrees: f.crossCheckAgrees,
        })),
        classification: verdict,
      },
      probes: main.members.length > 1 ? uniqueProbes(group.flatMap((f) => f.probes)) : [],
    };
  }

  /** Counters with no path symptom: corrupting or congested links no measured path shows yet. */
  private counterOnly(
    signals: readonly Signal[],
    explained: ReadonlySet<string>,
    obs: LoopObservation,
  ): Finding[] {
    const out: Finding[] = [];
    for (const s of signals) {
      if (s.kind !== 'errors' && s.kind !== 'discards') continue;
      const arcs = (s.arcs ?? []).filter((a) => !explained.has(a));
      if (arcs.length === 0) continue;
      const hottest = Math.max(0, ...arcs.map((a) => this.utilisation(obs, a) ?? 0));
      const verdict = this.classifier.classifySignals([{ ...s, arcs }], hottest);
      const f = directFinding(
        verdict.class,
        this.linksOf(arcs).map((id) => ({ kind: 'link' as const, id })),
        s,
        obs.paths,
      );
      out.push({
        ...f,
        confidence: verdict.confidence,
        classifier: verdict.source,
        evidence: { ...(f.evidence as object), classification: verdict },
      });
    }
    return out;
  }

  private queueUs(arc: ArcId, utilisation: number): number | undefined {
    const c = this.arcCapacity.get(arc);
    return c === undefined ? undefined : queueDelayUs(utilisation, c);
  }

  private utilisation(obs: LoopObservation, arc: string): number | undefined {
    return obs.links.find((l) => l.arc === arc)?.utilisation;
  }

  private linksOf(arcs: readonly string[]): string[] {
    return [...new Set(arcs.map((a) => this.topology.arc(a).link as string))].sort();
  }
}
