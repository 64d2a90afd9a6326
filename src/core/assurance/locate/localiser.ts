import type { ArcId } from '../../model/ids';
import { elementArcs } from '../observation';
import type {
  ArcInfo,
  Element,
  Localisation,
  PathMeasurement,
  PathRow,
  ProbeDesigner,
  Signal,
} from '../observation';
import { designProbes } from './disambiguation';
import { greedyMap, HypothesisScorer, prune } from './greedy-map';
import type { Fit } from './greedy-map';
import { arcKey, buildIncidence, nodeKey } from './incidence';
import type { EquivalenceClass, Incidence } from './incidence';
import { netBouncerFit } from './netbouncer';
import { DelayModel, LossModel } from './path-model';
import type { PathModel } from './path-model';
import { expand, neighbourhood, normalise, relatedClasses } from './posterior';

export interface LocateOptions {
  /** Prior probability that a given arc / node is faulty in one window (before signals). */
  readonly arcPrior: number;
  readonly nodePrior: number;
  /** Prior of a fault on both directions of a link at once (one rate both ways), ADR 0163. */
  readonly linkPrior: number;
  /** Complexity cost (nats) of each fault's profiled parameter. */
  readonly penaltyNats: number;
  readonly maxFaults: number;
  /** Healthy loss per arc when a path has no learned baseline. */
  readonly backgroundLossPerArc: number;
  /** Alternatives per class tried around the MAP fit, and hypotheses reported. */
  readonly width: number;
  readonly limit: number;
  /** Log-likelihoods closer than this (nats) cannot be told apart by the data: their classes are reported as one. */
  readonly ambiguityNats: number;
  /** Smallest loss rate that counts as a fault (below it: baseline error spread over many paths). */
  readonly minLossRate: number;
}

export const DEFAULT_LOCATE_OPTIONS: LocateOptions = {
  arcPrior: 1e-3,
  nodePrior: 5e-4,
  linkPrior: 5e-4,
  penaltyNats: 2,
  maxFaults: 5,
  backgroundLossPerArc: 1e-4,
  width: 6,
  limit: 30,
  ambiguityNats: 3,
  minLossRate: 5e-4,
};

/** The localisation with each fault's class spelled out (what the app turns into one finding per fault). */
export interface LocalisationDetail extends Localisation {
  /** Arcs of each class in `classes` (same order). */
  readonly classArcs: readonly (readonly ArcId[])[];
  /** The fitted parameter of each class in `classes`: loss rate, or delay excess in µs. */
  readonly classRates: readonly number[];
}

export interface LocateInput {
  readonly kind: 'loss' | 'latency';
  readonly rows: readonly PathRow[];
  readonly arcs: readonly ArcInfo[];
  readonly measurements: readonly PathMeasurement[];
  /** Counter, event and flap signals of the window: they raise the priors of the elements they name. */
  readonly signals?: readonly Signal[];
  readonly designProbes?: ProbeDesigner;
  readonly options?: Partial<LocateOptions>;
}

/** Prior probabilities raised by direct evidence on an element (the largest applies). */
const SIGNAL_PRIOR: Partial<Record<Signal['kind'], number>> = {
  'link-down': 0.9,
  'node-down': 0.9,
  flap: 0.5,
  errors: 0.3,
  discards: 0.02,
};

/**
 * Tomographic fault localisation (ADR 0103): the routing matrix over the measured paths, equivalence classes
 * of elements (arcs, links both ways as in ADR 0163, nodes) no measurement can tell apart, a Flock-style
 * greedy MAP search over classes with a binomial (loss) or Gaussian (delay excess) likelihood and per-fault
 * parameters profiled out, the normalised posterior over the neighbourhood of the MAP fit expanded to element
 * hypotheses, a NetBouncer-style fit as a cross-check, and probe requests that would split a class of more
 * than one member.
 */
export function locate(input: LocateInput): LocalisationDetail {
  const o = { ...DEFAULT_LOCATE_OPTIONS, ...input.options };
  const byKey = new Map(input.measurements.map((m) => [m.key, m]));
  const usable = new Set(
    input.measurements
      .filter((m) =>
        input.kind === 'loss' ? m.sent > 0 : m.delayExcessUs !== undefined && (m.delaySigmaUs ?? 0) > 0,
      )
      .map((m) => m.key),
  );
  const priors = signalPriors(input.signals ?? []);
  // a link both ways carries the stronger signal of its two arcs, and one fault's prior
  const signalOf = (key: string, e: Element): number =>
    e.kind === 'link' && e.reverse !== undefined
      ? Math.max(priors.get(arcKey(e.arc)) ?? 0, priors.get(arcKey(e.reverse)) ?? 0)
      : (priors.get(key) ?? 0);
  const incidence = buildIncidence(input.rows, input.arcs, usable, (key, e) =>
    Math.max(signalOf(key, e), e.kind === 'node' ? o.nodePrior : e.reverse ? o.linkPrior : o.arcPrior),
  );
  const model = pathModel(input, incidence, byKey, o.backgroundLossPerArc);
  const bad = new Set<number>();
  for (let i = 0; i < model.size; i++) if (model.bad(i)) bad.add(i);
  const candidates = incidence.classes.filter((c) => c.paths.some((p) => bad.has(p))).map((c) => c.index);
  const scorer = new HypothesisScorer(model, incidence, o.penaltyNats);
  // A fault must be material: a loss rate below `minLossRate` is a baseline learned a little low, summed
  // over the hundreds of paths of a transit node, not a fault.
  const isMaterial = (f: Fit): boolean => input.kind !== 'loss' || f.params.every((x) => x >= o.minLossRate);
  const strip = (f: Fit): Fit => {
    if (isMaterial(f)) return f;
    const keep = f.classes.flatMap((c, j) => (f.params[j]! >= o.minLossRate ? [j] : []));
    return scorer.fit(
      keep.map((j) => f.classes[j]!),
      keep.map((j) => f.params[j]!),
    );
  };
  // A link both ways has one rate: where its two directions lose at different rates, two arc faults fit
  // better than the one link, and the likelihood, not the order of the search, should say so.
  const split = (f: Fit): Fit => {
    for (const [j, c] of f.classes.entries()) {
      const both = incidence.classes[c]!.members.find((m) => elementArcs(m.element).length === 2);
      if (!both) continue;
      const ways = elementArcs(both.element).flatMap((a) => incidence.classOf.get(arcKey(a)) ?? []);
      if (ways.length !== 2 || ways.some((w) => w === c || f.classes.includes(w))) continue;
      const x = f.params[j]!;
      const trial = scorer.fit(
        [...f.classes.filter((_, k) => k !== j), ...ways],
        [...f.params.filter((_, k) => k !== j), x, x],
      );
      const pruned = prune(scorer, trial);
      if (pruned.score > f.score) return split(pruned);
    }
    return f;
  };
  let best = strip(split(greedyMap(scorer, candidates, o.maxFaults)));
  // A node that half-explains a link fault wins the first greedy step and cannot be left one class at a time
  // (a link both ways, ADR 0163, is one step now, but the same link at two rates is two): when the fit holds
  // a node, search the link classes on their own too and keep the better.
  let rival: Fit | undefined;
  const hasNode = (c: number): boolean =>
    incidence.classes[c]!.members.some((m) => m.element.kind === 'node');
  if (best.classes.some(hasNode)) {
    const links = candidates.filter((c) =>
      incidence.classes[c]!.members.some((m) => m.element.kind === 'link'),
    );
    const alt = strip(split(greedyMap(scorer, links, o.maxFaults)));
    const other = alt.score > best.score ? best : alt;
    if (alt.score > best.score) best = alt;
    // The measurements fit both equally (a node, or its links both ways): for one fault, report the
    // union as the class, so the probes split it and the incident narrows instead of jumping.
    if (
      best.classes.length === 1 &&
      other.classes.length > 0 &&
      Math.abs(other.logLik - best.logLik) < o.ambiguityNats
    )
      rival = other;
  }
  const related = relatedClasses(incidence, candidates);
  const around = (f: Fit): Fit[] =>
    neighbourhood(scorer, f, candidates, o.width, related).filter((x) => x === f || isMaterial(x));
  let fits = around(best);
  // Greedy can stop in a local optimum (a node that half-explains two link faults): move to a better
  // neighbour and look again, a few times at most.
  for (let round = 0; round < 3 && fits[0]!.score > best.score + 1e-9; round++) {
    best = fits[0]!;
    fits = around(best);
  }
  best = fits[0]!;
  if (best.classes.length === 0) return nothing(input.kind);
  const weights = normalise(fits);
  const { hypotheses, suspects } = expand(fits, weights, incidence, o.limit);
  const topClasses = best.classes.map((c) => incidence.classes[c]!);
  if (rival)
    topClasses[0] = merged(
      topClasses[0]!,
      rival.classes.map((c) => incidence.classes[c]!),
    );
  const classes = topClasses.map((c) => unique(c.members.map((m) => m.element.id)));
  const nbArcs = netBouncerFit(
    model,
    incidence.classes
      .filter((c) => candidates.includes(c.index))
      // per arc: a link both ways would be a second unknown on the same paths
      .flatMap((c) => c.members.filter((m) => m.element.kind === 'link' && m.element.reverse === undefined)),
  );
  const material = best.classes.filter((_, j) => model.faulty(best.params[j]!));
  const nbKeys = nbArcs.map((c) => c.key);
  const agrees = crossCheckAgrees(nbKeys, best.classes, material, incidence, input.arcs);
  const confidence = weights[0]! * (agrees ? 1 : 0.7);
  return {
    kind: input.kind,
    hypotheses,
    equivalenceClass: unique(classes.flat()),
    equivalenceArcs: unique(topClasses.flatMap((c) => c.members.flatMap((m) => elementArcs(m.element)))),
    classes,
    suspects,
    disambiguation: designProbes(topClasses, input.designProbes, input.arcs),
    confidence,
    crossCheck: { faultyArcs: nbArcs.flatMap((c) => elementArcs(c.element)), agrees },
    classArcs: topClasses.map((c) => unique(c.members.flatMap((m) => elementArcs(m.element)))),
    classRates: [...best.params],
  };
}

function pathModel(
  input: LocateInput,
  incidence: Incidence,
  byKey: ReadonlyMap<string, PathMeasurement>,
  perArc: number,
): PathModel {
  if (input.kind === 'latency') {
    return new DelayModel(
      incidence.pathKeys.map((k) => ({
        excessUs: byKey.get(k)!.delayExcessUs!,
        sigmaUs: byKey.get(k)!.delaySigmaUs!,
      })),
    );
  }
  return new LossModel(
    incidence.pathKeys.map((k, i) => {
      const m = byKey.get(k)!;
      let hops = 0;
      for (const a of incidence.rows[i]!.arcs) hops += a.fraction;
      return {
        sent: m.sent,
        lost: Math.min(m.lost, m.sent),
        background: m.baselineLoss ?? 1 - (1 - perArc) ** hops,
      };
    }),
  );
}

function signalPriors(signals: readonly Signal[]): Map<string, number> {
  const out = new Map<string, number>();
  const raise = (key: string, p: number): void => {
    out.set(key, Math.max(out.get(key) ?? 0, p));
  };
  for (const s of signals) {
    const p = SIGNAL_PRIOR[s.kind];
    if (p === undefined) continue;
    if (s.kind === 'node-down') for (const n of s.nodes ?? []) raise(nodeKey(n), p);
    else for (const a of s.arcs ?? []) raise(arcKey(a), p);
  }
  return out;
}

/**
 * The fits agree when every arc the least-squares fit blames lies in (or at a node of) a blamed class, and
 * every blamed class with a material rate (`material`) has such an arc.
 */
function crossCheckAgrees(
  nbKeys: readonly string[],
  blamed: readonly number[],
  material: readonly number[],
  incidence: Incidence,
  arcs: readonly ArcInfo[],
): boolean {
  const info = new Map(arcs.map((a) => [arcKey(a.arc), a]));
  const blamedNodes = new Set(
    blamed.flatMap((c) =>
      incidence.classes[c]!.members.flatMap((m) =>
        m.element.kind === 'node' ? [m.element.id as string] : [],
      ),
    ),
  );
  // the class blaming each arc: its own, or one holding its link both ways
  const blamedOn = new Map<string, number>();
  for (const b of blamed)
    for (const m of incidence.classes[b]!.members)
      for (const a of elementArcs(m.element)) blamedOn.set(arcKey(a), b);
  const covered = new Set<number>();
  for (const key of nbKeys) {
    const c = blamedOn.get(key);
    if (c !== undefined) covered.add(c);
    else {
      const a = info.get(key);
      if (!a || !(blamedNodes.has(a.from) || blamedNodes.has(a.to))) return false;
      for (const b of blamed)
        if (
          incidence.classes[b]!.members.some(
            (m) => m.element.kind === 'node' && (m.element.id === a.from || m.element.id === a.to),
          )
        )
          covered.add(b);
    }
  }
  return material.every((c) => covered.has(c));
}

/** A class with the members of data-equivalent rival classes added (each member once). */
function merged(cls: EquivalenceClass, rivals: readonly EquivalenceClass[]): EquivalenceClass {
  const members = [...cls.members];
  for (const m of rivals.flatMap((r) => r.members))
    if (!members.some((x) => x.key === m.key)) members.push(m);
  return { ...cls, members };
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function nothing(kind: 'loss' | 'latency'): LocalisationDetail {
  return {
    kind,
    hypotheses: [],
    equivalenceClass: [],
    equivalenceArcs: [],
    classes: [],
    suspects: [],
    disambiguation: [],
    confidence: 0,
    crossCheck: { faultyArcs: [], agrees: true },
    classArcs: [],
    classRates: [],
  };
}
