import type {
  ArcInfo,
  PathMeasurement,
  PathRow,
  ProbeCandidate,
  ProbeDesigner,
  Signal,
} from '../../../core/assurance';
import { locate } from '../../../core/assurance/locate';
import type { LocalisationDetail, LocateOptions } from '../../../core/assurance/locate';
import type { ArcId, NodeId } from '../../../core/model/ids';
import type { ProbeRequest } from '../assurance-engine';

/** One fault of the localiser's top hypothesis: an equivalence class and what the measurements say of it. */
export interface LocatedFault {
  readonly kind: 'loss' | 'latency';
  /** Ids (links and nodes) of the class, sorted; more than one when no measurement separates them. */
  readonly members: readonly string[];
  readonly arcs: readonly ArcId[];
  readonly nodes: readonly NodeId[];
  /** Marginal posterior of each member (link or node), highest first. */
  readonly suspects: readonly { kind: 'link' | 'node'; id: string; probability: number }[];
  /** The fitted parameter of the class: loss rate (loss) or delay excess in µs (latency). */
  readonly rate: number;
  /** Measured paths through the class (`<headend>/<policy>`). */
  readonly paths: readonly string[];
  /** Probe-only policies that would split the class (the localiser's disambiguation design). */
  readonly probes: readonly ProbeRequest[];
  readonly confidence: number;
  readonly crossCheckAgrees: boolean;
}

export interface LocateStepInput {
  readonly kind: 'loss' | 'latency';
  readonly rows: readonly PathRow[];
  readonly arcs: readonly ArcInfo[];
  /** `arcs` by id, when the caller keeps one (built from `arcs` otherwise). */
  readonly info?: ReadonlyMap<ArcId, ArcInfo>;
  readonly measurements: readonly PathMeasurement[];
  /** Counter, event and flap signals of the interval: priors of the elements they name. */
  readonly signals: readonly Signal[];
  readonly options?: Partial<LocateOptions>;
}

/**
 * Runs the core localiser (Flock-style greedy MAP over link and node hypotheses with the NetBouncer-style
 * cross-check, ADR 0103) over the interval's routing matrix and splits its top hypothesis into one
 * `LocatedFault` per equivalence class, each with the disambiguation probes aimed at its members.
 */
export function locateFaults(input: LocateStepInput, linkOf: (arc: ArcId) => string): LocatedFault[] {
  const info = input.info ?? new Map(input.arcs.map((a) => [a.arc, a]));
  const loc = locate({
    kind: input.kind,
    rows: input.rows,
    arcs: input.arcs,
    measurements: input.measurements,
    signals: input.signals,
    designProbes: oneHopDesigner(info),
    ...(input.options && { options: input.options }),
  });
  return splitByClass(loc, input, info, linkOf);
}

/**
 * Probe paths the app can always realise: from an arc's tail over that arc's End.X SID alone (one hop,
 * crossing nothing else), as deTector/NetBouncer do with source routing. `ProbeManager` builds the segment
 * list from the link.
 */
export function oneHopDesigner(info: ReadonlyMap<ArcId, ArcInfo>): ProbeDesigner {
  return (target): ProbeCandidate[] => {
    const a = info.get(target);
    if (!a) return [];
    return [
      {
        headend: a.from,
        segments: [],
        row: {
          policy: `probe:${a.arc}`,
          headend: a.from,
          arcs: [{ arc: a.arc, fraction: 1 }],
          nodes: [a.from, a.to],
        },
      },
    ];
  };
}

function splitByClass(
  loc: LocalisationDetail,
  input: LocateStepInput,
  info: ReadonlyMap<ArcId, ArcInfo>,
  linkOf: (arc: ArcId) => string,
): LocatedFault[] {
  const rowKeys = input.rows.map((r) => `${r.headend}/${r.policy}`);
  const measured = new Set(input.measurements.map((m) => m.key));
  return loc.classes.map((cls, j) => {
    const arcs = [...(loc.classArcs[j] ?? [])];
    const arcSet = new Set<string>(arcs);
    const links = new Set(arcs.map(linkOf));
    const nodes = cls.filter((id) => !links.has(id)) as NodeId[];
    const nodeSet = new Set<string>(nodes);
    const suspects = merge(
      loc.suspects.filter((s) =>
        s.kind === 'link' ? s.arc !== undefined && arcSet.has(s.arc) : nodeSet.has(s.id),
      ),
    );
    // every member is a suspect (the repair avoids links and nodes by kind), even one whose hypotheses fell
    // outside the reported few (its marginal is then below the last reported one: said as 0)
    for (const id of new Set(cls))
      if (!suspects.some((s) => s.id === id))
        suspects.push({ kind: links.has(id) ? 'link' : 'node', id, probability: 0 });
    const paths = input.rows
      .filter((r, i) => measured.has(rowKeys[i]!) && crosses(r, arcSet, nodeSet))
      .map((r) => `${r.headend}/${r.policy}`);
    const probes = loc.disambiguation
      .filter(
        (p) =>
          arcSet.has(p.target) ||
          p.separates.some((a) => arcSet.has(a)) ||
          (arcs.length === 0 && p.row.nodes.some((n) => nodeSet.has(n))),
      )
      .map((p) =>
        toRequest(
          p.headend,
          p.row.arcs.map((h) => h.arc),
          info,
          linkOf,
        ),
      );
    return {
      kind: input.kind,
      members: [...new Set(cls)].sort(),
      arcs,
      nodes,
      suspects,
      rate: loc.classRates[j] ?? 0,
      paths: [...new Set(paths)].sort(),
      probes,
      confidence: loc.confidence,
      crossCheckAgrees: loc.crossCheck.agrees,
    };
  });
}

/** One suspect per link or node (a link's two arcs add up), highest probability first. */
function merge(
  xs: readonly { kind: 'link' | 'node'; id: string; probability: number }[],
): { kind: 'link' | 'node'; id: string; probability: number }[] {
  const by = new Map<string, { kind: 'link' | 'node'; id: string; probability: number }>();
  for (const s of xs) {
    const key = `${s.kind}:${s.id}`;
    const cur = by.get(key);
    by.set(key, {
      kind: s.kind,
      id: s.id,
      probability: Math.min(1, (cur?.probability ?? 0) + s.probability),
    });
  }
  return [...by.values()].sort((a, b) => b.probability - a.probability || (a.id < b.id ? -1 : 1));
}

function crosses(r: PathRow, arcs: ReadonlySet<string>, nodes: ReadonlySet<string>): boolean {
  return r.arcs.some((h) => h.fraction > 0 && arcs.has(h.arc)) || r.nodes.some((n) => nodes.has(n));
}

function toRequest(
  headend: NodeId,
  arcs: readonly ArcId[],
  info: ReadonlyMap<ArcId, ArcInfo>,
  linkOf: (arc: ArcId) => string,
): ProbeRequest {
  return { headend, links: arcs.filter((a) => info.has(a)).map(linkOf) };
}

/**
 * A symptom the detector confirmed (pooled over many paths) that the localiser's per-path likelihood could
 * not place, e.g. a faint loss spread thin: reported on the detector's alarmed arcs as one class, mass split
 * evenly, with one-hop probes on each so the next intervals can place it. Never dropped: detection stands.
 */
export function unlocated(
  s: Signal,
  info: ReadonlyMap<ArcId, ArcInfo>,
  linkOf: (arc: ArcId) => string,
): LocatedFault {
  const arcs = (s.arcs ?? []).filter((a) => info.has(a));
  const links = [...new Set(arcs.map(linkOf))].sort();
  const rate = Number(s.evidence[s.kind === 'loss' ? 'lossRate' : 'excessUs'] ?? 0);
  return {
    kind: s.kind === 'loss' ? 'loss' : 'latency',
    members: links,
    arcs,
    nodes: [],
    suspects: links.map((id) => ({ kind: 'link' as const, id, probability: 1 / links.length })),
    rate: Number.isFinite(rate) ? rate : 0,
    paths: [...(s.policies ?? [])].sort(),
    probes: arcs.map((a) => ({ headend: info.get(a)!.from, links: [linkOf(a)] })),
    confidence: 0,
    crossCheckAgrees: false,
  };
}

/** Probes once each (the two directions of a link may ask for the same one). */
export function uniqueProbes(probes: readonly ProbeRequest[]): ProbeRequest[] {
  const seen = new Set<string>();
  return probes.filter((p) => {
    const key = [p.headend, ...p.links].join('>');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One symptom, one finding: the localiser's top hypothesis may add classes that only fit the spread of a
 * single fault's loss across the paths over it (congestion drops unevenly; ECMP shares differ). A class is
 * its own fault only when it explains alarmed paths (`alarmed`, the detector's; all crossing paths when it
 * names none) that no class already kept crosses. Classes are taken most alarmed paths first, then highest
 * rate; the first is always kept. Returns the kept classes and the ones folded into them.
 */
export function collapseSecondary(
  found: readonly LocatedFault[],
  alarmed: ReadonlySet<string>,
): { kept: LocatedFault[]; folded: LocatedFault[] } {
  const symptomatic = (f: LocatedFault): string[] =>
    alarmed.size > 0 ? f.paths.filter((p) => alarmed.has(p)) : [...f.paths];
  const order = [...found].sort((a, b) => symptomatic(b).length - symptomatic(a).length || b.rate - a.rate);
  const covered = new Set<string>();
  const kept: LocatedFault[] = [];
  const folded: LocatedFault[] = [];
  for (const f of order) {
    const own = symptomatic(f).filter((p) => !covered.has(p));
    if (kept.length > 0 && own.length === 0) {
      folded.push(f);
      continue;
    }
    kept.push(f);
    for (const p of symptomatic(f)) covered.add(p);
  }
  return { kept, folded };
}
