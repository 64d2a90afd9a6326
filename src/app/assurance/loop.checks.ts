import { IN_SERVICE } from '../../core/intent';
import type { IncidentClass } from '../../ports/event-bus.port';
import type { IntentStoreReader } from '../../ports/intent-store.port';
import type { Finding, LoopObservation, PolicyRound } from './assurance-engine';
import { linkEnds, nodal, touches } from './correlation';
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
export const HARD: ReadonlySet<IncidentClass> = new Set(['link-down', 'node-down', 'flap']);

/** Gray classes: once traffic left the suspects, only probes aimed at them can see the fault clear. */
export const WATCHED: ReadonlySet<IncidentClass> = new Set([
  'gray-loss',
  'latency',
  'crc',
  'flap',
  'congestion',
]);

/** Why the repaired intents are not yet healthy on fresh probes (empty when they are). */
export function verificationFailures(
  r: IncidentRecord,
  obs: LoopObservation,
  findings: readonly Finding[],
): string[] {
  const mine = new Set(r.affectedIntents);
  const ends = linkEnds(obs);
  const out: string[] = [];
  for (const p of obs.paths) {
    if (p.intent === undefined || !mine.has(p.intent)) continue;
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
    // another fault on the new path is another incident's business (rolling back onto this one's
    // suspects would not help); only this fault seen again fails the repair
    for (const f of findings)
      if (
        DATA_PLANE.has(f.class) &&
        f.paths.includes(p.id) &&
        touches(
          f.equivalenceClass,
          r.equivalenceClass,
          ends,
          nodal(f.class, f.suspects) || nodal(r.class, r.suspects),
        )
      )
        out.push(`${p.id} still in ${f.class} on ${f.equivalenceClass.join('/')}`);
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
