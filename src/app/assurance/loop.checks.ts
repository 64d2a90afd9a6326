import { IN_SERVICE } from '../../core/intent';
import type { IncidentClass } from '../../ports/event-bus.port';
import type { IntentStoreReader } from '../../ports/intent-store.port';
import type { Finding, LoopObservation, PolicyRound } from './assurance-engine';
import { endsOfPaths, linkEnds, nodal, touches } from './correlation';
import type { IncidentRecord } from './incident-book';

/** The loop's pure checks: which faults count where, what a repair's verification sees, drift. */

/** Faults that hurt traffic on a path (a telemetry gap or drift elsewhere does not fail a repair). */
export const DATA_PLANE: ReadonlySet<IncidentClass> = new Set([
  'link-down',
  'node-down',
  'gray-loss',
  'latency',
  'flap',
  'crc',
  'congestion',
]);

/** Faults that leave an element unusable: a plan is never rolled back onto their suspects. */
/** Classes whose suspects are down now: nothing may be planned across them while the incident is open. */
export const HARD_DOWN: ReadonlySet<IncidentClass> = new Set(['link-down', 'node-down']);
export const HARD: ReadonlySet<IncidentClass> = new Set([...HARD_DOWN, 'flap']);

/** Gray classes: once traffic left the suspects, only probes aimed at them can see the fault clear. */
export const WATCHED: ReadonlySet<IncidentClass> = new Set([
  'gray-loss',
  'latency',
  'crc',
  'flap',
  'congestion',
]);

/**
 * Why the repaired intents are not yet healthy on fresh probes (empty when they are). `skip` names intents
 * the repair could not help (a dead endpoint, no path around the suspects): they are reported as such and
 * never fail the verification of the intents that moved. A path on which the loop finds only other faults
 * (none touching this incident's suspects) fails nothing here: its loss and delay are theirs to repair.
 * `measuredOn`: the end nodes of the paths the incident was measured on (see `touches`).
 */
export function verificationFailures(
  r: IncidentRecord,
  obs: LoopObservation,
  findings: readonly Finding[],
  skip: ReadonlySet<string> = new Set(),
  measuredOn: ReadonlySet<string> = new Set(),
): string[] {
  const mine = new Set(r.affectedIntents.filter((n) => !skip.has(n)));
  const ends = linkEnds(obs);
  const out: string[] = [];
  for (const p of obs.paths) {
    if (p.intent === undefined || !mine.has(p.intent)) continue;
    const found = findings.filter((f) => DATA_PLANE.has(f.class) && f.paths.includes(p.id));
    const again = found.filter((f) =>
      touches(
        f.equivalenceClass,
        r.equivalenceClass,
        ends,
        nodal(f.class, f.suspects) || nodal(r.class, r.suspects),
        { a: endsOfPaths(obs, f.paths), b: measuredOn },
      ),
    );
    // another fault on the new path is another incident's business (rolling back onto this one's
    // suspects would not help), its loss and delay too; only this fault seen again fails the repair
    if (found.length > 0 && again.length === 0) continue;
    if (
      p.probesSent > 0 &&
      p.slo?.maxLossPct !== undefined &&
      (100 * p.probesLost) / p.probesSent > p.slo.maxLossPct
    ) {
      out.push(`${p.id} loss ${((100 * p.probesLost) / p.probesSent).toFixed(2)} % > ${p.slo.maxLossPct} %`);
    }
    if (p.delayUs !== null && p.slo?.maxDelayUs !== undefined && p.delayUs > p.slo.maxDelayUs) {
      out.push(`${p.id} delay ${Math.round(p.delayUs)} µs > ${p.slo.maxDelayUs} µs`);
    }
    for (const f of again) out.push(`${p.id} still in ${f.class} on ${f.equivalenceClass.join('/')}`);
  }
  if (r.class === 'drift')
    for (const d of obs.drift) if (mine.has(d.intent)) out.push(`${d.id} still drifted`);
  return out;
}

/** Intents a finding touches: measured on its paths, crossing its class, or planned across it. */
export function affectedIntents(f: Finding, obs: LoopObservation, store: IntentStoreReader): string[] {
  const byPath = new Map(obs.paths.map((p) => [p.id, p]));
  const names = new Set<string>();
  for (const id of f.paths) {
    const i = byPath.get(id)?.intent;
    if (i !== undefined) names.add(i);
  }
  const suspects = new Set(f.equivalenceClass);
  for (const p of obs.paths)
    if (p.intent !== undefined && p.links.some((l) => suspects.has(l.link))) names.add(p.intent);
  for (const d of obs.drift) if (suspects.has(d.id)) names.add(d.intent);
  // intents whose stored plan (any candidate path) crosses a suspect: a broken primary still counts
  for (const i of store.listIntents()) {
    if (!IN_SERVICE.has(i.status)) continue;
    const hit = i.plan?.policies.some((p) =>
      p.candidatePaths.some(
        (c) => c.links.some((l) => suspects.has(l)) || c.nodes.slice(1, -1).some((n) => suspects.has(n)),
      ),
    );
    if (hit) names.add(i.spec.name);
  }
  return [...names].sort();
}

/**
 * Links and nodes a plan must not be rolled back onto: down now, or suspected by an open hard-fault
 * incident (a node that went down stops reporting, so its links may read `unknown`, not `down`).
 */
export function brokenElements(obs: LoopObservation, active: readonly IncidentRecord[]): Set<string> {
  const out = new Set<string>();
  for (const l of obs.links) if (l.status === 'down') out.add(l.link);
  for (const n of obs.nodes) if (n.status === 'down') out.add(n.id);
  for (const r of active) if (HARD.has(r.class)) for (const e of r.equivalenceClass) out.add(e);
  return out;
}

export const asObject = (x: unknown): Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : { detail: x };

/** Deployed policies a reporting headend holds differently or not at all (in-flight ones skipped). */
export function driftOf(round: PolicyRound): LoopObservation['drift'] {
  const reported = new Set(round.reported);
  const skip = new Set(round.inFlight);
  const held = new Map(round.held.map((p) => [`${p.headend}/${p.name}`, p.fingerprint]));
  return round.deployed
    .filter((p) => reported.has(p.headend))
    .map((p) => ({ id: `${p.headend}/${p.name}`, headend: p.headend, fingerprint: p.fingerprint }))
    .filter((p) => !skip.has(p.id) && held.get(p.id) !== p.fingerprint)
    .map((p) => ({ id: p.id, headend: p.headend, intent: round.owners[p.id] ?? '' }));
}

/**
 * When the watch probes over a repaired gray fault's suspects count as healthy: delay within `slackUs` (or
 * `jitterTimes` × the probe's jitter, if larger) of the suspects' nominal propagation delay, and loss under
 * `lossPct` over at least `minProbes` probes (when probes report counts). Both compare against the pre-fault
 * expectation, never against a baseline learned while the fault was active. Queueing under load adds delay
 * and, with it, delay variation (jitter): the jitter allowance keeps a busy but healthy link from reading
 * faulty (6 × jitter covers the queueing of two hops in quadrature, a node watch probe).
 */
export const WATCH_HEALTH = { slackUs: 20, jitterTimes: 6, lossPct: 0.3, minProbes: 1000 } as const;

/** One interval of an incident's watch probes: healthy, faulty (and why), or nothing fresh measured. */
export type WatchVerdict =
  | { readonly kind: 'healthy'; readonly sent: number; readonly lost: number }
  | { readonly kind: 'faulty'; readonly why: string }
  | { readonly kind: 'unmeasured' };

export function watchVerdict(
  r: IncidentRecord,
  obs: LoopObservation,
  probes: readonly { readonly id: string; readonly nominalUs: number }[],
): WatchVerdict {
  const byId = new Map(obs.paths.map((p) => [p.id, p]));
  const suspects = new Set(r.equivalenceClass);
  for (const l of obs.links) {
    if (!suspects.has(l.link)) continue;
    if (l.status === 'down') return { kind: 'faulty', why: `${l.link} down` };
    if (r.class === 'crc' && (l.errorsPs ?? 0) > 0) return { kind: 'faulty', why: `${l.arc} errors` };
    if (r.class === 'congestion' && (l.discardsPs ?? 0) > 0)
      return { kind: 'faulty', why: `${l.arc} discards` };
  }
  let sent = 0;
  let lost = 0;
  for (const { id, nominalUs } of probes) {
    const p = byId.get(id);
    if (!p || (p.probesSent === 0 && p.delayUs === null)) return { kind: 'unmeasured' };
    if (p.probesSent > 0 && p.probesLost >= p.probesSent) return { kind: 'faulty', why: `${id} all lost` };
    const slack = Math.max(WATCH_HEALTH.slackUs, WATCH_HEALTH.jitterTimes * (p.jitterUs ?? 0));
    if (p.delayUs !== null && p.delayUs > nominalUs + slack)
      return {
        kind: 'faulty',
        why: `${id} delay ${Math.round(p.delayUs)} µs > nominal ${Math.round(nominalUs)} µs`,
      };
    sent += p.probesSent;
    lost += p.probesLost;
  }
  if (probes.length === 0) return { kind: 'unmeasured' };
  if (sent >= WATCH_HEALTH.minProbes && (100 * lost) / sent > WATCH_HEALTH.lossPct)
    return { kind: 'faulty', why: `loss ${((100 * lost) / sent).toFixed(2)} % > ${WATCH_HEALTH.lossPct} %` };
  return { kind: 'healthy', sent, lost };
}

/** Healthy watch intervals since the last faulty one, and the probes they sent and lost. */
export interface WatchStreak {
  intervals: number;
  sent: number;
  lost: number;
}

/** Folds one verdict into the streak (a faulty interval, or too much loss over enough probes, restarts it). */
export function foldWatch(s: WatchStreak, v: WatchVerdict): WatchStreak {
  if (v.kind === 'unmeasured') return s;
  if (v.kind === 'faulty') return { intervals: 0, sent: 0, lost: 0 };
  const next = { intervals: s.intervals + 1, sent: s.sent + v.sent, lost: s.lost + v.lost };
  const lossy = next.sent >= WATCH_HEALTH.minProbes && (100 * next.lost) / next.sent > WATCH_HEALTH.lossPct;
  return lossy ? { intervals: 0, sent: 0, lost: 0 } : next;
}

/** The suspects proved healthy: `clearIntervals` healthy intervals, with enough probes when they count. */
export const watchClear = (s: WatchStreak, clearIntervals: number): boolean =>
  s.intervals >= clearIntervals && (s.sent === 0 || s.sent >= WATCH_HEALTH.minProbes);
