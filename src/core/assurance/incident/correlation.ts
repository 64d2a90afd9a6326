import type { ArcInfo, Signal } from '../observation';

/** Where an open incident lives in the topology, and when it last saw a signal. */
export interface IncidentScope {
  readonly id: string;
  readonly links: ReadonlySet<string>;
  readonly nodes: ReadonlySet<string>;
  readonly policies: ReadonlySet<string>;
  readonly lastSignalAt: number;
}

export interface CorrelationOptions {
  /** A signal joins an incident only if the incident saw a signal within this many ms. */
  readonly windowMs: number;
  /** Arc → link and ends: arcs of one link and arcs touching a node overlap. Unknown arcs match by id. */
  readonly arcs?: ReadonlyMap<string, ArcInfo>;
}

export interface CorrelationResult {
  /** Signals that join an open incident, by incident id. */
  readonly attached: ReadonlyMap<string, readonly Signal[]>;
  /** Groups of signals that open one new incident each. */
  readonly opened: readonly (readonly Signal[])[];
}

interface Footprint {
  readonly links: Set<string>;
  readonly nodes: Set<string>;
  readonly policies: Set<string>;
}

/**
 * The topology footprint of signals: arcs become their physical link (both directions are one fault) and
 * also mark their end nodes as touched, so a node-down and the link-downs around it overlap.
 */
export function footprint(signals: readonly Signal[], arcs?: ReadonlyMap<string, ArcInfo>): Footprint {
  const f: Footprint = { links: new Set(), nodes: new Set(), policies: new Set() };
  for (const s of signals) {
    for (const a of s.arcs ?? []) {
      const info = arcs?.get(a);
      f.links.add(info ? info.link : a);
      if (info) {
        f.nodes.add(`~${info.from}`);
        f.nodes.add(`~${info.to}`);
      }
    }
    for (const n of s.nodes ?? []) f.nodes.add(n);
    for (const p of s.policies ?? []) f.policies.add(p);
  }
  return f;
}

/** Two footprints overlap on a shared link, policy or node; two link ends ("~n") alone do not overlap. */
function overlaps(
  a: Footprint,
  b: {
    readonly links: ReadonlySet<string>;
    readonly nodes: ReadonlySet<string>;
    readonly policies: ReadonlySet<string>;
  },
): boolean {
  for (const l of a.links) if (b.links.has(l)) return true;
  for (const p of a.policies) if (b.policies.has(p)) return true;
  for (const n of a.nodes) {
    const bare = n.startsWith('~') ? n.slice(1) : n;
    if (!n.startsWith('~') && (b.nodes.has(n) || b.nodes.has(`~${n}`))) return true;
    if (n.startsWith('~') && b.nodes.has(bare)) return true;
  }
  return false;
}

/**
 * Groups this interval's signals: a signal joins the open incident it overlaps (shared link, node or
 * policy) that saw a signal within `windowMs` (the most recent such incident when several do); the rest
 * are merged by overlap among themselves (union–find), each group opening one incident.
 */
export function correlate(
  open: readonly IncidentScope[],
  signals: readonly Signal[],
  atMs: number,
  options: CorrelationOptions,
): CorrelationResult {
  const live = open
    .filter((o) => atMs - o.lastSignalAt <= options.windowMs)
    .sort((a, b) => b.lastSignalAt - a.lastSignalAt || a.id.localeCompare(b.id));
  const attached = new Map<string, Signal[]>();
  const rest: Signal[] = [];
  for (const s of signals) {
    const f = footprint([s], options.arcs);
    const home = live.find((o) => overlaps(f, o));
    if (home) attached.set(home.id, [...(attached.get(home.id) ?? []), s]);
    else rest.push(s);
  }
  return { attached, opened: groupByOverlap(rest, options.arcs) };
}

function groupByOverlap(signals: readonly Signal[], arcs?: ReadonlyMap<string, ArcInfo>): Signal[][] {
  const parent = signals.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const prints = signals.map((s) => footprint([s], arcs));
  for (let i = 0; i < signals.length; i++) {
    for (let j = i + 1; j < signals.length; j++) {
      if (overlaps(prints[i]!, prints[j]!)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, Signal[]>();
  signals.forEach((s, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), s]));
  return [...groups.values()];
}

/** The scope of an incident after `signals` joined it at `atMs` (or a new one when `scope` is undefined). */
export function extendScope(
  id: string,
  scope: IncidentScope | undefined,
  signals: readonly Signal[],
  atMs: number,
  arcs?: ReadonlyMap<string, ArcInfo>,
): IncidentScope {
  const f = footprint(signals, arcs);
  return {
    id,
    links: new Set([...(scope?.links ?? []), ...f.links]),
    nodes: new Set([...(scope?.nodes ?? []), ...f.nodes]),
    policies: new Set([...(scope?.policies ?? []), ...f.policies]),
    lastSignalAt:
      signals.length > 0 ? Math.max(atMs, scope?.lastSignalAt ?? atMs) : (scope?.lastSignalAt ?? atMs),
  };
}

/** Per-incident count of consecutive intervals without a signal. */
export interface ClearState {
  readonly quietIntervals: number;
}

/**
 * One interval of the resolution rule: an incident resolves when none of its signals fired for `k`
 * consecutive intervals; any signal resets the count.
 */
export function advanceClear(
  state: ClearState,
  firedThisInterval: boolean,
  k: number,
): ClearState & { readonly resolved: boolean } {
  const quietIntervals = firedThisInterval ? 0 : state.quietIntervals + 1;
  return { quietIntervals, resolved: quietIntervals >= k };
}
