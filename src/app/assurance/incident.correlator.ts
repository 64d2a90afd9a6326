import type { Finding, LoopObservation } from './assurance-engine';
import { endsOfPaths, linkEnds, nodal, rankOf, sameFault, touches } from './correlation';
import type { IncidentRecord } from './incident-book';
import { affectedIntents, asObject } from './loop.checks';
import type { LoopParts } from './loop.tracking';
import { keepOldest, planKey, reapplyAfterRename } from './repair.applier';

/**
 * Matches a finding to the open incidents of the same fault (same class sharing a suspect, or a class of
 * another rank on the same elements: see correlation.ts), or opens one. A more specific class renames the
 * incident (and, when that moves its suspects, its repair is applied again around them); further matching
 * incidents merge into it. Returns the incident's id.
 */
export async function correlate(
  parts: LoopParts,
  engine: string,
  f: Finding,
  obs: LoopObservation,
): Promise<string> {
  const { book } = parts;
  const ends = linkEnds(obs);
  const pathEnds = endsOfPaths(obs, f.paths);
  const matches = book
    .active()
    .filter(
      (r) =>
        sameFault(r.class, f.class) &&
        touches(
          r.equivalenceClass,
          f.equivalenceClass,
          ends,
          nodal(r.class, r.suspects) || nodal(f.class, f.suspects),
          { a: endsOfPaths(obs, [...parts.track(r).paths]), b: pathEnds },
        ),
    )
    // the most specific incident keeps the fault (a congestion is never folded into a latency), then the
    // one of the finding's class, then the oldest
    .sort(
      (a, b) =>
        (rankOf(b.class) ?? 0) - (rankOf(a.class) ?? 0) ||
        Number(b.class === f.class) - Number(a.class === f.class) ||
        a.detectedAt - b.detectedAt,
    );
  const affected = affectedIntents(f, obs, parts.store);
  const match = matches[0];
  if (!match) return open(parts, engine, f, obs, affected);
  const t = parts.track(match);
  t.lastSeen = obs.at;
  for (const p of f.paths) t.paths.add(p);
  for (const other of matches.slice(1)) await merge(parts, other, match, obs.at);
  const intents = [...new Set([...match.affectedIntents, ...affected])].sort();
  if ((rankOf(f.class) ?? 0) > (rankOf(match.class) ?? 0)) {
    const before = [...match.equivalenceClass];
    book.relocate(
      match.id,
      {
        class: f.class,
        suspects: [...f.suspects],
        equivalenceClass: [...f.equivalenceClass],
        confidence: f.confidence,
        affectedIntents: intents,
      },
      { at: obs.at, reclassified: { from: match.class, to: f.class }, evidence: f.evidence },
    );
    parts.audit('incident-reclassified', match.id, { class: f.class, suspects: f.suspects });
    await reapplyAfterRename(parts, match, before, obs.at);
    return match.id;
  }
  // intents that reached the fault since it opened (moved onto it, deployed across it) join the incident
  const grew = intents.length > match.affectedIntents.length;
  const within = f.equivalenceClass.every((e) => match.equivalenceClass.includes(e));
  const narrowed = within && f.equivalenceClass.length < match.equivalenceClass.length;
  if (match.class !== f.class || !(narrowed || f.confidence !== match.confidence)) {
    // the same fault, seen again or through a less specific signal
    if (grew) book.relocate(match.id, { affectedIntents: intents });
  } else {
    book.relocate(
      match.id,
      {
        suspects: [...f.suspects],
        equivalenceClass: [...f.equivalenceClass],
        confidence: f.confidence,
        affectedIntents: intents,
      },
      narrowed
        ? { at: obs.at, narrowed: f.equivalenceClass, evidence: f.evidence }
        : within
          ? undefined
          : // suspects outside the incident's class: said in its evidence, never done silently
            {
              at: obs.at,
              relocated: { from: match.equivalenceClass, to: f.equivalenceClass },
              evidence: f.evidence,
            },
    );
  }
  return match.id;
}

async function open(
  parts: LoopParts,
  engine: string,
  f: Finding,
  obs: LoopObservation,
  affected: string[],
): Promise<string> {
  const r = parts.book.open({
    class: f.class,
    at: obs.at,
    suspects: f.suspects,
    equivalenceClass: f.equivalenceClass,
    affectedIntents: affected,
    evidence: [{ at: obs.at, classifier: f.classifier, engine, ...asObject(f.evidence) }],
    confidence: f.confidence,
  });
  for (const p of f.paths) parts.track(r).paths.add(p);
  parts.audit('incident-open', r.id, { class: f.class, suspects: f.suspects, evidence: f.evidence });
  for (const name of affected) parts.repair.live(name, 'degraded', `incident ${r.id} (${f.class})`);
  if (f.equivalenceClass.length > 1 && f.probes.length > 0) {
    const { installed, errors } = await parts.probes.install(r.id, f.probes);
    parts.book.act(r.id, {
      at: obs.at,
      kind: 'probe',
      detail: `disambiguation probes over ${f.probes.map((p) => p.links.join('>')).join(', ')}`,
      result:
        `installed ${installed.length}` +
        (installed.length > 0 ? ` (${installed.map((p) => p.id).join(', ')})` : '') +
        (errors.length > 0 ? `; ${errors.join('; ')}` : ''),
    });
  }
  return r.id;
}

/** Folds an incident into another one of the same fault: it resolves, its exclusions live on with `into`. */
async function merge(
  parts: LoopParts,
  from: IncidentRecord,
  into: IncidentRecord,
  at: number,
): Promise<void> {
  await parts.probes.remove(from.id);
  const t = parts.track(into);
  const f = parts.track(from);
  t.merged.push(from.id, ...f.merged);
  // a repair the merged incident applied can still be rolled back, and what it could not repair is known
  t.previous = keepOldest(t.previous, f.previous);
  // both moved an intent: the later move is the one it holds now
  for (const [n, k] of f.installed)
    if (!t.installed.has(n) || k === planKey(parts.store.getIntent(n))) t.installed.set(n, k);
  for (const [n, why] of f.unrepairable) t.unrepairable.set(n, why);
  t.lastSeen = Math.max(t.lastSeen, f.lastSeen);
  parts.book.relocate(into.id, {
    affectedIntents: [...new Set([...into.affectedIntents, ...from.affectedIntents])].sort(),
  });
  parts.book.act(from.id, {
    at,
    kind: 'merge',
    detail: `same fault as ${into.id} (${into.class})`,
    result: 'ok',
  });
  parts.book.move(from.id, 'resolved', at);
  parts.audit('incident-merged', from.id, { into: into.id });
  parts.forget(from.id);
}
