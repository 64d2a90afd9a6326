import type { ArcInfo, Signal } from '../observation';
import { advanceClear, correlate, extendScope } from './correlation';
import type { IncidentScope } from './correlation';
import { isOpen, openIncident, reduceIncident } from './incident.reducer';
import type { Incident, IncidentClass, IncidentSuspect } from './incident.types';

/** An open incident with what the tracker needs to correlate, classify and resolve it. */
export interface TrackedIncident {
  readonly incident: Incident;
  readonly scope: IncidentScope;
  /** The most recent signals (at most `maxSignals`), the classifier's input. */
  readonly signals: readonly Signal[];
  readonly quietIntervals: number;
}

export interface TrackerState {
  readonly open: readonly TrackedIncident[];
  readonly seq: number;
}

export const EMPTY_TRACKER: TrackerState = { open: [], seq: 0 };

export interface TrackerOptions {
  readonly windowMs: number;
  /** Quiet intervals after which an incident resolves. */
  readonly clearIntervals: number;
  readonly arcs?: ReadonlyMap<string, ArcInfo>;
  readonly maxSignals?: number;
  /** The fault classifier (e.g. `FaultClassifier.classify`), injected to keep incident/ below classify/. */
  readonly classify: (signals: readonly Signal[]) => {
    readonly class: IncidentClass;
    readonly confidence: number;
    readonly evidence?: unknown;
  };
}

export interface TrackerStep {
  readonly state: TrackerState;
  readonly opened: readonly Incident[];
  /** Open incidents that gained signals (re-classified while not yet being repaired). */
  readonly updated: readonly Incident[];
  readonly resolved: readonly Incident[];
}

/** Initial suspects from the signals' own scope, evenly weighted; the localiser replaces them. */
function initialSuspects(signals: readonly Signal[], arcs?: ReadonlyMap<string, ArcInfo>): IncidentSuspect[] {
  const links = new Set(signals.flatMap((s) => (s.arcs ?? []).map((a) => arcs?.get(a)?.link ?? a)));
  const nodes = new Set(signals.flatMap((s) => s.nodes ?? []));
  const policies = new Set(signals.filter((s) => s.kind === 'drift').flatMap((s) => s.policies ?? []));
  const all: IncidentSuspect[] = [
    ...[...nodes].sort().map((id) => ({ kind: 'node' as const, id, probability: 0 })),
    ...[...links].sort().map((id) => ({ kind: 'link' as const, id, probability: 0 })),
    ...[...policies].sort().map((id) => ({ kind: 'policy' as const, id, probability: 0 })),
  ];
  return all.map((s) => ({ ...s, probability: 1 / all.length }));
}

const summary = (signals: readonly Signal[]) => ({
  signals: signals
    .slice(0, 10)
    .map((s) => ({ kind: s.kind, atMs: s.atMs, score: s.score, detail: s.detail })),
});

/**
 * One interval of incident tracking, pure: this interval's signals join the open incidents they overlap
 * or open new ones (classified at once), incidents that gained signals are re-classified while not yet
 * being repaired, and incidents quiet for `clearIntervals` intervals resolve and leave the state.
 */
export function trackSignals(
  state: TrackerState,
  signals: readonly Signal[],
  atMs: number,
  o: TrackerOptions,
): TrackerStep {
  const max = o.maxSignals ?? 64;
  const { attached, opened: groups } = correlate(
    state.open.map((t) => t.scope),
    signals,
    atMs,
    o,
  );
  const updated: Incident[] = [];
  const resolved: Incident[] = [];
  const open: TrackedIncident[] = [];
  for (const t of state.open) {
    const joined = attached.get(t.incident.id);
    if (joined) {
      const all = [...t.signals, ...joined].slice(-max);
      let incident = t.incident;
      if (incident.state === 'detected' || incident.state === 'located') {
        const c = o.classify(all);
        incident = reduceIncident(incident, { type: 'classified', class: c.class, confidence: c.confidence });
      }
      open.push({
        incident,
        scope: extendScope(t.incident.id, t.scope, joined, atMs, o.arcs),
        signals: all,
        quietIntervals: 0,
      });
      updated.push(incident);
      continue;
    }
    const clear = advanceClear(t, false, o.clearIntervals);
    if (clear.resolved && isOpen(t.incident)) {
      resolved.push(
        reduceIncident(t.incident, {
          type: 'resolved',
          at: atMs,
          detail: `no signal for ${clear.quietIntervals} intervals`,
        }),
      );
    } else {
      open.push({ ...t, quietIntervals: clear.quietIntervals });
    }
  }
  let seq = state.seq;
  const opened: Incident[] = [];
  for (const group of groups) {
    seq += 1;
    const id = `inc-${atMs.toString(36)}-${seq}`;
    const c = o.classify(group);
    const incident = openIncident({
      id,
      class: c.class,
      at: atMs,
      confidence: c.confidence,
      suspects: initialSuspects(group, o.arcs),
      evidence: [summary(group), ...(c.evidence === undefined ? [] : [c.evidence])],
    });
    open.push({
      incident,
      scope: extendScope(id, undefined, group, atMs, o.arcs),
      signals: group.slice(-max),
      quietIntervals: 0,
    });
    opened.push(incident);
  }
  return { state: { open, seq }, opened, updated, resolved };
}

/** Replaces a tracked incident after the loop moved it (located, repairing, …) outside the tracker. */
export function withIncident(state: TrackerState, incident: Incident): TrackerState {
  return { ...state, open: state.open.map((t) => (t.incident.id === incident.id ? { ...t, incident } : t)) };
}
