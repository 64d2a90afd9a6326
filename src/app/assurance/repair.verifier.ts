import type { Finding, LoopObservation } from './assurance-engine';
import type { IncidentRecord } from './incident-book';
import { endsOfPaths } from './correlation';
import { brokenElements, verificationFailures } from './loop.checks';
import type { StoredIntent } from '../../ports/intent-store.port';
import type { LoopParts, Tracking } from './loop.tracking';
import { applyRepair, endingAt, planKey } from './repair.applier';

/**
 * Intents the repair cannot help, and why: those recorded at apply time, and — for a reroute — any affected
 * intent whose endpoints are the whole suspect class (it may have joined the incident after the repair was
 * applied). A resync or re-push moves nothing, so an intent ending at its NE is verified like any other: a
 * silent headend's intents are exactly what the resync is for.
 */
function unrepairable(parts: LoopParts, r: IncidentRecord, t: Tracking): Map<string, string> {
  if (!rerouted(r)) return new Map(t.unrepairable);
  return new Map([...t.unrepairable, ...endingAt(parts, r.affectedIntents, r.equivalenceClass)]);
}

/** The incident's repair was a reroute (or an empty one), not a re-push or resync. */
const rerouted = (r: IncidentRecord): boolean =>
  r.actions.some((a) => a.kind === 'reroute' || a.kind === 'none');

/** How many times one incident's repair may be extended to intents that joined it late (no churn). */
const MAX_REAPPLY = 2;

/** Affected intents a reroute (or an empty repair) never handled: they joined the incident after it. */
function joinedLate(r: IncidentRecord, t: Tracking, skip: ReadonlyMap<string, string>): string[] {
  if (!rerouted(r)) return [];
  const tried = new Set(t.previous.map((i) => i.spec.name));
  return r.affectedIntents.filter((n) => !tried.has(n) && !skip.has(n));
}

/**
 * One interval of a repair's verification on fresh probes (only intervals after the change count, and only
 * once every moved policy was measured again): after `verifyIntervals` clean intervals it is `repaired`;
 * a failure rolls the moved intents back to their previous plans, unless those cross an element that is
 * down now (never worse than doing nothing: the new plan is kept and the incident fails); a repair that
 * moved nothing has nothing to roll back and fails. Intents the repair could not help are left out: when
 * they are all the incident touches, it fails and says why.
 */
export async function verifyStep(
  parts: LoopParts,
  r: IncidentRecord,
  obs: LoopObservation,
  findings: readonly Finding[],
): Promise<void> {
  const t = parts.track(r);
  if (r.state !== 'repairing' || t.verifyLeft <= 0 || obs.at <= t.appliedAt) return;
  // intents another change moved since this repair are that change's to verify (see takeBack)
  const others = new Set(movedSince(parts, t));
  // moved policies count only on fresh probes that all postdate the change (see ObservationBuilder.moved)
  const moved = new Set(parts.policyIds(t.previous.map((i) => i.spec.name).filter((n) => !others.has(n))));
  if (!obs.paths.every((p) => !moved.has(p.id) || p.probesSent > 0 || p.delayUs !== null)) return;
  const skip = unrepairable(parts, r, t);
  const late = joinedLate(r, t, skip);
  // the end nodes of the paths the incident was measured on (see touches in correlation.ts)
  const measuredOn = endsOfPaths(obs, [...t.paths]);
  const failing = verificationFailures(
    r,
    obs,
    findings,
    new Set([...skip.keys(), ...late, ...others]),
    measuredOn,
  );
  if (failing.length === 0 && late.length > 0 && t.reapplied < MAX_REAPPLY) {
    const missed = verificationFailures(r, obs, findings, new Set([...skip.keys(), ...others]), measuredOn);
    if (missed.length > 0) {
      // what the repair moved is fine; intents that reached the fault after it was applied are not:
      // reroute them too (rolling back the moved ones, or failing, would not help them)
      t.reapplied += 1;
      parts.book.act(r.id, {
        at: obs.at,
        kind: 'verify',
        detail: `${late.join(', ')} joined the incident after the repair: ${missed.join('; ')}`,
        result: 'repair extended',
      });
      await applyRepair(parts, r, obs.at, 'assurance (intents joined)', late);
      return;
    }
  }
  if (failing.length > 0 && t.previous.length === 0) {
    // a re-push or resync moved nothing: there is nothing to roll back, the repair did not help
    fail(
      parts,
      r,
      obs.at,
      `verification failed: ${failing.join('; ')}`,
      'failed (nothing moved, nothing to roll back)',
    );
    parts.audit('incident-verify-failed', r.id, { failing, rollback: 'nothing moved' });
  } else if (failing.length > 0) {
    await rollback(parts, r, t, obs, failing, others);
  } else if (t.previous.length === 0 && skip.size > 0 && r.affectedIntents.every((n) => skip.has(n))) {
    const why = [...skip].map(([n, w]) => `${n}: ${w}`).join('; ');
    fail(parts, r, obs.at, `no affected intent can be repaired by rerouting: ${why}`, 'unrepairable');
    parts.audit('incident-verify-failed', r.id, { unrepairable: why });
  } else if ((t.verifyLeft -= 1) === 0) {
    repaired(parts, r, t, obs.at, { skip, others, late });
  }
}

/**
 * The last clean interval: the incident is `repaired`. Its verify action says how many intervals of fresh
 * probes the intents it judged passed, or, when it judged none (an empty repair, every intent left out),
 * that there was no intent to verify and why: it never claims probes it did not judge.
 */
function repaired(
  parts: LoopParts,
  r: IncidentRecord,
  t: Tracking,
  at: number,
  left: { skip: ReadonlyMap<string, string>; others: ReadonlySet<string>; late: readonly string[] },
): void {
  const { skip, others, late } = left;
  const n = parts.options.verifyIntervals;
  // late intents were judged (see `missed` in verifyStep) unless the repair may no longer be extended to them
  const { verified, unjudged } = judged(parts, r, skip, others, t.reapplied < MAX_REAPPLY ? [] : late);
  parts.book.act(r.id, {
    at,
    kind: 'verify',
    detail:
      verified.length === 0
        ? `no intent to verify: ${unjudged.join('; ') || 'the incident affects no intent'}; ${n} intervals passed with nothing to judge on fresh probes`
        : `${n} intervals of fresh probes within SLO` +
          (skip.size > 0 ? `; not repairable and still degraded: ${[...skip.keys()].join(', ')}` : '') +
          (others.size > 0
            ? `; moved since by another change (verified there): ${[...others].join(', ')}`
            : ''),
    result: 'ok',
  });
  parts.book.move(r.id, 'repaired', at);
  parts.audit('incident-repaired', r.id, {
    intents: r.affectedIntents,
    unrepairable: [...skip.keys()],
    verified,
  });
  for (const name of r.affectedIntents)
    if (!skip.has(name) && !others.has(name)) parts.repair.live(name, 'compliant', `repaired ${r.id}`);
}

/**
 * Which affected intents this verification judged on fresh probes, and why each other one was not: left
 * out as unrepairable, moved since by another change, gone from the store, or joined too late to be judged
 * (`tooLate`). A drift on a policy no intent owns names the intent '' (nothing to say about it).
 */
function judged(
  parts: LoopParts,
  r: IncidentRecord,
  skip: ReadonlyMap<string, string>,
  others: ReadonlySet<string>,
  tooLate: readonly string[],
): { verified: string[]; unjudged: string[] } {
  const verified: string[] = [];
  const unjudged: string[] = [];
  for (const n of r.affectedIntents) {
    const why = notJudged(parts, n, skip, others, tooLate);
    if (why === undefined) verified.push(n);
    else if (n !== '') unjudged.push(`${n} ${why}`);
  }
  return { verified, unjudged };
}

function notJudged(
  parts: LoopParts,
  name: string,
  skip: ReadonlyMap<string, string>,
  others: ReadonlySet<string>,
  tooLate: readonly string[],
): string | undefined {
  const unrepairable = skip.get(name);
  if (unrepairable !== undefined) return `not repairable (${unrepairable})`;
  if (others.has(name)) return 'moved since by another change (verified there)';
  if (parts.store.getIntent(name) === undefined) return 'no longer exists';
  return tooLate.includes(name) ? 'joined the incident after the repair' : undefined;
}

function fail(parts: LoopParts, r: IncidentRecord, at: number, detail: string, result: string): void {
  parts.book.act(r.id, { at, kind: 'verify', detail, result });
  parts.book.move(r.id, 'failed', at);
}

async function rollback(
  parts: LoopParts,
  r: IncidentRecord,
  t: Tracking,
  obs: LoopObservation,
  failing: readonly string[],
  others: ReadonlySet<string>,
): Promise<void> {
  const { restore, handed } = takeBack(parts, r, t, others);
  const broken = brokenElements(obs, parts.book.active());
  const deadEnd = restore.some((p) =>
    p.plan?.policies.some(
      (q) =>
        q.candidatePaths[0]?.links.some((l) => broken.has(l)) ||
        q.candidatePaths[0]?.nodes.some((n) => broken.has(n)),
    ),
  );
  const kept =
    handed.length > 0 ? `; kept ${handed.map((h) => `${h.name} (moved since by ${h.by})`).join(', ')}` : '';
  if (deadEnd) {
    // never worse than doing nothing: the previous plan crosses a link that is down now
    parts.book.act(r.id, {
      at: obs.at,
      kind: 'rollback',
      detail: `verification failed: ${failing.join('; ')}; previous plan crosses a link or node that is down, new plan kept`,
      result: 'skipped',
    });
    parts.book.move(r.id, 'failed', obs.at);
    parts.audit('incident-verify-failed', r.id, {
      failing,
      rollback: 'skipped: previous plan crosses a down link',
    });
  } else {
    const back = await parts.repair.rollback(r.id, restore);
    parts.observer.moved(parts.policyIds(restore.map((i) => i.spec.name)));
    parts.book.act(r.id, {
      at: obs.at,
      kind: 'rollback',
      detail: `verification failed: ${failing.join('; ')}${kept}`,
      result: back.ok ? 'ok' : back.detail,
    });
    parts.book.move(r.id, 'rolled-back', obs.at);
    parts.audit('incident-rollback', r.id, { failing, outcome: back, kept: handed });
  }
  t.previous = [];
  t.installed.clear();
}

/** Intents this repair moved that are on another plan now: another incident (or an operator) moved them since. */
function movedSince(parts: LoopParts, t: Tracking): string[] {
  return t.previous
    .map((i) => i.spec.name)
    .filter((n) => {
      const mine = t.installed.get(n);
      return mine !== undefined && mine !== planKey(parts.store.getIntent(n));
    });
}

/**
 * Which of the repair's moves a rollback may undo: an intent still on the plan this repair installed goes
 * back to its previous plan. One that another open incident moved since stays where that incident put it
 * (undoing this move would undo that one, and put the intent back on whatever it avoids); that incident's
 * own rollback then takes it to the plan from before both moves, not to this failed repair's. `others`: the
 * intents moved since, as verification found them this interval (see `movedSince`).
 */
function takeBack(
  parts: LoopParts,
  r: IncidentRecord,
  t: Tracking,
  others: ReadonlySet<string>,
): { restore: StoredIntent[]; handed: { name: string; by: string }[] } {
  const restore: StoredIntent[] = [];
  const handed: { name: string; by: string }[] = [];
  for (const old of t.previous) {
    const name = old.spec.name;
    if (!others.has(name)) {
      restore.push(old);
      continue;
    }
    const mine = t.installed.get(name)!;
    const by = parts.book
      .active()
      .filter((o) => o.id !== r.id)
      .find((o) => {
        const ot = parts.track(o);
        return ot.previous.some((p) => p.spec.name === name && planKey(p) === mine);
      });
    if (by === undefined) {
      // moved since by something other than an open incident's repair (one that resolved since, an operator's
      // update): left alone
      handed.push({ name, by: 'another change' });
      continue;
    }
    const ot = parts.track(by);
    ot.previous = ot.previous.map((p) => (p.spec.name === name ? old : p));
    handed.push({ name, by: by.id });
  }
  return { restore, handed };
}
