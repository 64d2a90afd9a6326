import type { StoredIntent } from '../../ports/intent-store.port';
import type { LoopObservation } from './assurance-engine';
import type { IncidentRecord } from './incident-book';
import { HARD_DOWN, WATCHED } from './loop.checks';
import type { LoopParts, Tracking } from './loop.tracking';
import { planRepair } from './repair.plan';
import type { RepairProposal } from './repair.plan';
import type { RepairOutcome } from './repair.executor';

/** The repair an incident's class and location call for (see repair.plan.ts). */
export const proposalOf = (parts: LoopParts, r: IncidentRecord): RepairProposal =>
  planRepair(r.class, r.equivalenceClass, r.suspects, r.affectedIntents, parts.store);

/**
 * Intents of `names` that no reroute can take off the suspects: every element of the equivalence class is
 * one of the intent's endpoint nodes (a dead endpoint has no way around). They are not moved (moving them is
 * churn that fails and rolls back the intents that could move). An intent that ends at a node of a larger
 * class (a gray fault on a link or its end node) is still rerouted off the links it can avoid.
 */
/** How `endingAt` starts its reason: an intent ending at the suspects, which no later plan can help. */
const ENDS_AT = 'ends at ';

/**
 * A failed repair worth planning again once other incidents release what they held: some affected intent was
 * left for want of a path (or its fate was lost in a restart), not because it ends at the suspects.
 */
export const retryable = (t: Tracking): boolean =>
  [...t.unrepairable.values()].some((why) => !why.startsWith(ENDS_AT));

export function endingAt(
  parts: LoopParts,
  names: readonly string[],
  equivalenceClass: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  if (equivalenceClass.length === 0) return out;
  for (const name of names) {
    const e = parts.store.getIntent(name)?.spec.endpoints;
    if (e && equivalenceClass.every((x) => x === e.a || x === e.b))
      out.set(name, `${ENDS_AT}${equivalenceClass.join(', ')}`);
  }
  return out;
}

/**
 * After a restart during verification (the tracking that named the intents no reroute could move is lost
 * with the process): the affected intents whose stored plan still crosses an element of the equivalence
 * class were not moved off it, so they are left out of verification again instead of failing the repair of
 * the intents that did move.
 */
export function notMovedOff(parts: LoopParts, r: IncidentRecord): Map<string, string> {
  const out = new Map<string, string>();
  const suspects = new Set(r.equivalenceClass);
  for (const name of r.affectedIntents) {
    const still = parts.store
      .getIntent(name)
      ?.plan?.policies.some((p) =>
        [...(p.candidatePaths[0]?.links ?? []), ...(p.candidatePaths[0]?.nodes ?? [])].some((e) =>
          suspects.has(e),
        ),
      );
    if (still)
      out.set(name, `not moved off ${r.equivalenceClass.join(', ')} before the controller restarted`);
  }
  return out;
}

/** Links a reroute should keep off when it can: down, discarding or erroring in the current interval. */
export function unhealthyLinks(obs: LoopObservation | undefined): string[] {
  const out = new Set<string>();
  for (const l of obs?.links ?? [])
    if (l.status === 'down' || (l.discardsPs ?? 0) > 0 || (l.errorsPs ?? 0) > 0) out.add(l.link);
  return [...out].sort();
}

/**
 * Applies an incident's repair and starts verification: reroute (make-before-break, via the executor),
 * re-push or resync. Intents that cannot be repaired (a dead endpoint, no path around the suspects) are
 * recorded with the reason; when nothing could move, the incident fails at once and says why.
 */
export async function applyRepair(
  parts: LoopParts,
  r: IncidentRecord,
  at: number,
  actor: string,
  only?: readonly string[],
): Promise<void> {
  const all = proposalOf(parts, r);
  const p = only ? { ...all, intents: all.intents.filter((n) => only.includes(n)) } : all;
  const t = parts.track(r);
  if (r.state !== 'repairing') parts.book.move(r.id, 'repairing', at);
  const dead =
    p.kind === 'reroute' ? endingAt(parts, p.intents, r.equivalenceClass) : new Map<string, string>();
  const movable = p.intents.filter((n) => !dead.has(n));
  const outcome = await run(parts, r, p, movable);
  parts.book.act(r.id, {
    at,
    kind: p.kind,
    detail: `${outcome.detail} (by ${actor})`,
    result: outcome.ok ? 'ok' : outcome.previous.length > 0 ? 'partial' : 'failed',
  });
  parts.audit(`incident-${p.kind}`, r.id, {
    actor,
    proposal: p,
    outcome: { ok: outcome.ok, detail: outcome.detail },
  });
  // a dead element no intent crosses yet is kept out of every later plan while its incident is open: another
  // incident's reroute, or intents joining this one, must not be moved onto it
  if (p.kind === 'none' && HARD_DOWN.has(r.class)) parts.repair.reavoid(r.id, p.avoidLinks, p.avoidNodes);
  const moved = new Set(outcome.previous.map((i) => i.spec.name));
  for (const [name, why] of dead) t.unrepairable.set(name, why);
  for (const { name, why } of outcome.notMoved ?? []) t.unrepairable.set(name, `no path: ${why}`);
  for (const name of moved) t.unrepairable.delete(name);
  noteUnrepairable(parts, r, t, at);
  t.previous = keepOldest(t.previous, outcome.previous);
  for (const name of moved) t.installed.set(name, planKey(parts.store.getIntent(name)));
  parts.observer.moved(parts.policyIds([...moved]));
  await watch(parts, r, t, p, at, moved.size > 0);
  // nothing could move and something is known unrepairable: fail now, with the reason above
  const stuck = moved.size === 0 && (dead.size > 0 || (outcome.notMoved?.length ?? 0) > 0);
  if ((!outcome.ok || stuck) && t.previous.length === 0) {
    parts.book.move(r.id, 'failed', at);
    parts.repair.release(r.id);
    parts.audit('incident-repair-failed', r.id, { unrepairable: Object.fromEntries(t.unrepairable) });
    return;
  }
  t.verifyLeft = parts.options.verifyIntervals;
  t.appliedAt = at;
}

function run(
  parts: LoopParts,
  r: IncidentRecord,
  p: RepairProposal,
  movable: readonly string[],
): Promise<RepairOutcome> {
  switch (p.kind) {
    case 'repush':
      return parts.repair.repush(p.intents);
    case 'resync':
      return parts.repair.resync(p.nes);
    case 'reroute': {
      const prefer = unhealthyLinks(parts.last());
      return parts.repair.reroute(r.id, movable, { links: p.avoidLinks, nodes: p.avoidNodes, prefer });
    }
    case 'none':
      return Promise.resolve({
        ok: true,
        detail: 'nothing to move: no intent crosses the suspects',
        previous: [],
      });
  }
}

/** One action listing the intents no reroute can repair (they stay degraded; the others are verified). */
function noteUnrepairable(parts: LoopParts, r: IncidentRecord, t: Tracking, at: number): void {
  if (t.unrepairable.size === 0) return;
  const list = [...t.unrepairable].map(([n, why]) => `${n}: ${why}`);
  parts.book.act(r.id, {
    at,
    kind: 'assess',
    detail: `not repairable by rerouting around ${r.equivalenceClass.join(', ')}: ${list.join('; ')}`,
    result: 'unrepairable',
  });
  for (const name of t.unrepairable.keys()) parts.repair.live(name, 'degraded', `unrepairable (${r.id})`);
}

/** The previous plans to roll back to: an intent moved twice keeps the plan it had before the first move. */
export function keepOldest(kept: readonly StoredIntent[], now: readonly StoredIntent[]): StoredIntent[] {
  const names = new Set(kept.map((i) => i.spec.name));
  return [...kept, ...now.filter((i) => !names.has(i.spec.name))];
}

/** What identifies the plan an intent holds now: its policies as planned (status and reasons left out). */
export const planKey = (i: StoredIntent | undefined): string => JSON.stringify(i?.plan?.policies ?? null);

/** Watch probes over a gray fault's suspects, once traffic moved off them (they tell when it clears). */
async function watch(
  parts: LoopParts,
  r: IncidentRecord,
  t: Tracking,
  p: RepairProposal,
  at: number,
  moved: boolean,
): Promise<void> {
  const watched = [...p.avoidLinks, ...p.avoidNodes];
  if (p.kind !== 'reroute' || !WATCHED.has(r.class) || watched.length === 0) return;
  if (parts.probes.of(r.id).length > 0) {
    // installed by an earlier attempt that moved nothing (a failed repair tried again): watch them now
    if (moved && t.watch === undefined) t.watch = { intervals: 0, sent: 0, lost: 0 };
    return;
  }
  const w = await parts.probes.watch(r.id, p.avoidLinks, p.avoidNodes);
  parts.book.act(r.id, {
    at,
    kind: 'probe',
    detail: `watch probes over ${watched.join(', ')} until the fault clears`,
    result: w.errors.length === 0 ? `installed ${w.installed.length}` : w.errors.join('; '),
  });
  if (w.installed.length > 0 && moved) t.watch = { intervals: 0, sent: 0, lost: 0 };
}

/**
 * Watch probes over a gray incident's suspects again after a restart (read back with its traffic moved off
 * them), so it resolves only when they are healthy, not on the quiet intent paths.
 */
export async function rewatch(parts: LoopParts, r: IncidentRecord, t: Tracking, at: number): Promise<void> {
  const w = t.rewatch;
  if (!w) return;
  delete t.rewatch;
  const res = await parts.probes.watch(r.id, w.links, w.nodes);
  parts.book.act(r.id, {
    at,
    kind: 'probe',
    detail: `controller restarted: watch probes over ${[...w.links, ...w.nodes].join(', ')} again until the fault clears`,
    result: res.errors.length === 0 ? `installed ${res.installed.length}` : res.errors.join('; '),
  });
  if (res.installed.length > 0) t.watch = { intervals: 0, sent: 0, lost: 0 };
}

/** Incident states from which a renamed fault's repair is applied again around its new suspects. */
const REAPPLY = new Set(['repairing', 'repaired', 'failed', 'rolled-back']);

/**
 * A fault renamed to a more specific class on other elements after its repair was applied (a link-down
 * seen, an interval later, to be its node down): the repair covered only the first suspects, so it is
 * applied again around the new ones at L4 (the plans kept for rollback stay the oldest), and verification
 * starts over. Below L4 the new proposal is recorded for the operator.
 */
export async function reapplyAfterRename(
  parts: LoopParts,
  r: IncidentRecord,
  before: readonly string[],
  at: number,
): Promise<void> {
  const same =
    before.length === r.equivalenceClass.length && before.every((e) => r.equivalenceClass.includes(e));
  if (same || !REAPPLY.has(r.state) || !r.actions.some((a) => a.kind === 'reroute' || a.kind === 'none'))
    return;
  const p = proposalOf(parts, r);
  if (p.kind === 'reroute' && (r.state === 'repairing' || r.state === 'repaired') && clearOf(parts, p)) {
    // the applied repair already keeps every affected intent off the new suspects (a gray loss renamed crc on
    // the same link), at any autonomy level: planning and deploying again changes no path, restarting
    // verification would only delay the repair by its length, and a proposal would say the repair falls short.
    // The new suspects are held out of later plans all the same.
    parts.repair.reavoid(r.id, p.avoidLinks, p.avoidNodes);
    parts.book.act(r.id, {
      at,
      kind: 'assess',
      detail: `renamed ${r.class}: the repair in place already keeps ${p.intents.join(', ')} off ${[...p.avoidLinks, ...p.avoidNodes].join(', ')}; it stands`,
      result: 'ok',
    });
    // as a reapply would: a class watched until healthy (a link-down renamed flap) gets its watch probes
    await watch(parts, r, parts.track(r), p, at, true);
    return;
  }
  if (parts.options.autonomy !== 'L4') {
    parts.book.act(r.id, {
      at,
      kind: 'proposal',
      detail: p.summary,
      result: `renamed ${r.class}: the applied repair covers ${before.join(', ')} only`,
    });
    return;
  }
  parts.audit('incident-reapply', r.id, { from: before, to: r.equivalenceClass });
  await applyRepair(parts, r, at, 'assurance (fault renamed)');
}

/** Every intent of a reroute proposal is planned (on every candidate path) clear of what it would avoid. */
function clearOf(parts: LoopParts, p: RepairProposal): boolean {
  const links = new Set<string>(p.avoidLinks);
  const nodes = new Set<string>(p.avoidNodes);
  return p.intents.every((name) => {
    const plan = parts.store.getIntent(name)?.plan;
    return (
      plan !== undefined &&
      plan.policies.every((q) =>
        q.candidatePaths.every(
          (c) => !c.links.some((l) => links.has(l)) && !c.nodes.some((n) => nodes.has(n)),
        ),
      )
    );
  });
}
