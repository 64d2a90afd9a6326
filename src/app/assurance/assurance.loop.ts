import { ConflictError } from '../../core/errors';
import { IN_SERVICE } from '../../core/intent';
import type { IncidentView } from '../../ports/event-bus.port';
import type { IntentStore } from '../../ports/intent-store.port';
import type { AssuranceEngine, Finding, LoopObservation, PolicyRound } from './assurance-engine';
import { linkEnds, nodal, rankOf, sameFault, touches } from './correlation';
import {
  affectedIntents,
  asObject,
  brokenElements,
  driftOf,
  foldWatch,
  verificationFailures,
  watchClear,
  WATCHED,
  watchVerdict,
} from './loop.checks';
import type { WatchStreak } from './loop.checks';
import { Guardrails } from './guardrails';
import type { GuardrailOptions } from './guardrails';
import { IncidentBook } from './incident-book';
import type { IncidentRecord } from './incident-book';
import type { ObservationBuilder } from './observation.builder';
import type { ProbeManager } from './probe.manager';
import { planRepair } from './repair.plan';
import type { RepairExecutor } from './repair.executor';

export type AutonomyLevel = 'off' | 'L3' | 'L4';

export interface LoopOptions {
  readonly autonomy: AutonomyLevel;
  /** Telemetry interval on the network clock. */
  readonly intervalMs: number;
  /** Intervals of fresh probes a repair must pass before it is `repaired`. */
  readonly verifyIntervals: number;
  /** Intervals without the incident's signals before it resolves. */
  readonly clearIntervals: number;
  /** Intervals the localiser may spend on disambiguation probes before the incident counts as located. */
  readonly probeIntervals: number;
  /** Compare what the headends hold with the store every this many intervals. */
  readonly driftEveryIntervals: number;
  /** An NE not heard for this many intervals is silent. */
  readonly silentAfterIntervals: number;
  readonly guardrails: GuardrailOptions;
}

/** Per incident, what the loop keeps beside the public record. */
interface Tracking {
  lastSeen: number;
  probeRounds: number;
  verifyLeft: number;
  /** Network time the repair was applied: verification uses only later intervals. */
  appliedAt: number;
  previous: import('../../ports/intent-store.port').StoredIntent[];
  paths: Set<string>;
  declined: boolean;
  /** Incidents merged into this one (their exclusions are released with it). */
  merged: string[];
  /**
   * Set once a reroute moved traffic off a gray fault's suspects and watch probes cover them: the incident
   * resolves only after these probes show the suspects back at their pre-fault expectation.
   */
  watch?: WatchStreak;
  /** Why the suspects were first seen unhealthy after the repair (recorded once, as the reason it waits). */
  held?: string;
}

const ACTOR = 'assurance';

/**
 * One pass of the closed loop per telemetry interval (network clock): observe → detect/locate/classify
 * (engine) → correlate into incidents → disambiguate with probe-only policies → decide by autonomy level and
 * guardrails → apply (reroute / re-push / resync) → verify with fresh probes → repaired or rolled back →
 * resolved when the signals clear — and, for a gray fault whose traffic a reroute moved away, only once the
 * watch probes over the suspects are back at their pre-fault expectation (nominal delay, no loss, quiet
 * counters): until then it stays `repaired` and the suspects stay avoided. Every decision and action goes to
 * the audit log with its evidence.
 */
export class AssuranceLoop {
  readonly book: IncidentBook;
  readonly guardrails: Guardrails;
  private readonly tracking = new Map<string, Tracking>();
  private intervals = 0;
  private drift: LoopObservation['drift'] = [];
  last: LoopObservation | undefined;

  constructor(
    readonly options: LoopOptions,
    private readonly engine: AssuranceEngine,
    private readonly observer: ObservationBuilder,
    private readonly store: IntentStore,
    private readonly repair: RepairExecutor,
    private readonly probes: ProbeManager,
    book: IncidentBook,
    private readonly readBack: () => Promise<PolicyRound | undefined>,
  ) {
    this.book = book;
    this.guardrails = new Guardrails(options.guardrails);
    this.restore();
  }

  /**
   * Open incidents read back after a restart: a reroute's exclusions are held again (later plans keep off
   * the suspects), and one caught verifying is verified again on fresh probes (its rollback state is lost,
   * so a failed verification ends it `failed`).
   */
  private restore(): void {
    for (const r of this.book.active()) {
      const at = Math.max(r.detectedAt, ...r.actions.map((a) => a.at));
      if (r.actions.some((a) => a.kind === 'reroute' && a.result === 'ok')) {
        const kinds = new Map(r.suspects.map((x) => [x.id, x.kind]));
        const nodes = r.equivalenceClass.filter((e) => kinds.get(e) === 'node');
        this.repair.reavoid(
          r.id,
          r.equivalenceClass.filter((e) => (kinds.get(e) ?? 'link') === 'link'),
          nodes,
        );
      }
      if (r.state !== 'repairing') continue;
      const t = this.track(r);
      t.verifyLeft = this.options.verifyIntervals;
      t.appliedAt = at;
      this.book.act(r.id, {
        at,
        kind: 'verify',
        detail: 'controller restarted during verification: verifying again on fresh probes',
        result: 'pending',
      });
    }
  }

  /** Runs one interval at network time `at`. */
  async tick(at: number): Promise<void> {
    const o = this.options;
    const round = this.intervals % o.driftEveryIntervals === 0 ? await this.readBack() : undefined;
    if (round) this.drift = driftOf(round);
    this.intervals += 1;
    const obs = this.observer.build({
      at,
      intervalMs: o.intervalMs,
      silentAfterMs: o.silentAfterIntervals * o.intervalMs,
      drift: this.drift,
      ...(round && { policyRound: round }),
      probes: this.probes.all(),
    });
    this.last = obs;
    const findings = this.engine.analyse(obs);
    const seen = new Set<string>();
    for (const f of findings) seen.add(await this.correlate(f, obs));
    for (const r of this.book.active()) await this.advance(r, obs, findings, seen.has(r.id));
    this.liveStates(findings, obs);
  }

  /** L3: the operator approves the proposed repair. */
  async approve(id: string, actor: string): Promise<IncidentView> {
    const r = this.book.get(id);
    if (r.state !== 'awaiting-approval') {
      throw new ConflictError(`assurance: incident '${id}' is '${r.state}', not awaiting approval`, {
        element: id,
      });
    }
    this.audit('incident-approve', id, { actor, proposal: this.proposal(r) });
    await this.apply(r, this.last?.at ?? r.detectedAt, actor);
    return this.view(id);
  }

  reject(id: string, actor: string): IncidentView {
    const r = this.book.get(id);
    if (r.state !== 'awaiting-approval') {
      throw new ConflictError(`assurance: incident '${id}' is '${r.state}', not awaiting approval`, {
        element: id,
      });
    }
    const at = this.last?.at ?? r.detectedAt;
    this.track(r).declined = true;
    this.book.act(id, { at, kind: 'reject', detail: `rejected by ${actor}`, result: 'declined' });
    this.book.move(id, 'located', at);
    this.audit('incident-reject', id, { actor });
    return this.view(id);
  }

  view(id: string): IncidentView {
    return structuredClone(this.book.get(id));
  }

  /**
   * Matches a finding to the open incidents of the same fault (same class sharing a suspect, or a class of
   * another rank on the same elements: see correlation.ts), or opens one. A more specific class renames the
   * incident; further matching incidents merge into it.
   */
  private async correlate(f: Finding, obs: LoopObservation): Promise<string> {
    const ends = linkEnds(obs);
    const matches = this.book
      .active()
      .filter(
        (r) =>
          sameFault(r.class, f.class) &&
          touches(
            r.equivalenceClass,
            f.equivalenceClass,
            ends,
            nodal(r.class, r.suspects) || nodal(f.class, f.suspects),
          ),
      )
      .sort(
        (a, b) => Number(b.class === f.class) - Number(a.class === f.class) || a.detectedAt - b.detectedAt,
      );
    const affected = affectedIntents(f, obs, this.store);
    const match = matches[0];
    if (match) {
      const t = this.track(match);
      t.lastSeen = obs.at;
      for (const p of f.paths) t.paths.add(p);
      for (const other of matches.slice(1)) await this.merge(other, match, obs.at);
      if ((rankOf(f.class) ?? 0) > (rankOf(match.class) ?? 0)) {
        this.book.relocate(
          match.id,
          {
            class: f.class,
            suspects: [...f.suspects],
            equivalenceClass: [...f.equivalenceClass],
            confidence: f.confidence,
            affectedIntents: [...new Set([...match.affectedIntents, ...affected])].sort(),
          },
          { at: obs.at, reclassified: { from: match.class, to: f.class }, evidence: f.evidence },
        );
        this.audit('incident-reclassified', match.id, { class: f.class, suspects: f.suspects });
        return match.id;
      }
      if (match.class !== f.class) return match.id; // the same fault seen through a less specific signal
      const narrowed = f.equivalenceClass.length < match.equivalenceClass.length;
      if (narrowed || f.confidence !== match.confidence) {
        this.book.relocate(
          match.id,
          {
            suspects: [...f.suspects],
            equivalenceClass: [...f.equivalenceClass],
            confidence: f.confidence,
            affectedIntents: [...new Set([...match.affectedIntents, ...affected])].sort(),
          },
          narrowed ? { at: obs.at, narrowed: f.equivalenceClass, evidence: f.evidence } : undefined,
        );
      }
      return match.id;
    }
    const r = this.book.open({
      class: f.class,
      at: obs.at,
      suspects: f.suspects,
      equivalenceClass: f.equivalenceClass,
      affectedIntents: affected,
      evidence: [{ at: obs.at, classifier: f.classifier, engine: this.engine.name, ...asObject(f.evidence) }],
      confidence: f.confidence,
    });
    this.tracking.set(r.id, {
      lastSeen: obs.at,
      probeRounds: 0,
      verifyLeft: 0,
      appliedAt: 0,
      previous: [],
      paths: new Set(f.paths),
      declined: false,
      merged: [],
    });
    this.guardrails.noteOpening(f.equivalenceClass, obs.at);
    this.audit('incident-open', r.id, { class: f.class, suspects: f.suspects, evidence: f.evidence });
    for (const name of affected) this.repair.live(name, 'degraded', `incident ${r.id} (${f.class})`);
    if (f.equivalenceClass.length > 1 && f.probes.length > 0) {
      const { installed, errors } = await this.probes.install(r.id, f.probes);
      this.book.act(r.id, {
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
  private async merge(from: IncidentRecord, into: IncidentRecord, at: number): Promise<void> {
    await this.probes.remove(from.id);
    const t = this.track(into);
    const f = this.track(from);
    t.merged.push(from.id, ...f.merged);
    t.lastSeen = Math.max(t.lastSeen, f.lastSeen);
    this.book.relocate(into.id, {
      affectedIntents: [...new Set([...into.affectedIntents, ...from.affectedIntents])].sort(),
    });
    this.book.act(from.id, {
      at,
      kind: 'merge',
      detail: `same fault as ${into.id} (${into.class})`,
      result: 'ok',
    });
    this.book.move(from.id, 'resolved', at);
    this.audit('incident-merged', from.id, { into: into.id });
    this.tracking.delete(from.id);
  }

  /** Moves one open incident along its lifecycle for this interval. */
  private async advance(
    r: IncidentRecord,
    obs: LoopObservation,
    findings: readonly Finding[],
    seen: boolean,
  ): Promise<void> {
    const t = this.track(r);
    const o = this.options;
    if (r.state === 'detected') {
      t.probeRounds += 1;
      const done =
        r.equivalenceClass.length <= 1 ||
        this.probes.of(r.id).length === 0 ||
        t.probeRounds > o.probeIntervals;
      if (done) {
        await this.probes.remove(r.id);
        this.book.move(r.id, 'located', obs.at);
        this.audit('incident-located', r.id, { suspects: r.suspects, equivalenceClass: r.equivalenceClass });
      }
    }
    if (r.state === 'located' && !t.declined) await this.decide(r, obs.at);
    const measured = (): boolean => {
      // moved policies count only on fresh probes that all postdate the change (see ObservationBuilder.moved)
      const moved = new Set(this.policyIds(t.previous.map((i) => i.spec.name)));
      return obs.paths.every((p) => !moved.has(p.id) || p.probesSent > 0 || p.delayUs !== null);
    };
    if (r.state === 'repairing' && t.verifyLeft > 0 && obs.at > t.appliedAt && measured()) {
      const failing = verificationFailures(r, obs, findings);
      if (failing.length > 0 && t.previous.length === 0) {
        // a re-push or resync moved nothing: there is nothing to roll back, the repair did not help
        this.book.act(r.id, {
          at: obs.at,
          kind: 'verify',
          detail: `verification failed: ${failing.join('; ')}`,
          result: 'failed (nothing moved, nothing to roll back)',
        });
        this.book.move(r.id, 'failed', obs.at);
        this.audit('incident-verify-failed', r.id, { failing, rollback: 'nothing moved' });
      } else if (failing.length > 0) {
        const broken = brokenElements(obs, this.book.active());
        const deadEnd = t.previous.some((p) =>
          p.plan?.policies.some(
            (q) =>
              q.candidatePaths[0]?.links.some((l) => broken.has(l)) ||
              q.candidatePaths[0]?.nodes.some((n) => broken.has(n)),
          ),
        );
        if (deadEnd) {
          // never worse than doing nothing: the previous plan crosses a link that is down now
          this.book.act(r.id, {
            at: obs.at,
            kind: 'rollback',
            detail: `verification failed: ${failing.join('; ')}; previous plan crosses a link or node that is down, new plan kept`,
            result: 'skipped',
          });
          this.book.move(r.id, 'failed', obs.at);
          this.audit('incident-verify-failed', r.id, {
            failing,
            rollback: 'skipped: previous plan crosses a down link',
          });
        } else {
          const back = await this.repair.rollback(r.id, t.previous);
          this.observer.moved(this.policyIds(t.previous.map((i) => i.spec.name)));
          this.book.act(r.id, {
            at: obs.at,
            kind: 'rollback',
            detail: `verification failed: ${failing.join('; ')}`,
            result: back.ok ? 'ok' : back.detail,
          });
          this.book.move(r.id, 'rolled-back', obs.at);
          this.audit('incident-rollback', r.id, { failing, outcome: back });
        }
        t.previous = [];
      } else if ((t.verifyLeft -= 1) === 0) {
        this.book.act(r.id, {
          at: obs.at,
          kind: 'verify',
          detail: `${o.verifyIntervals} intervals of fresh probes within SLO`,
          result: 'ok',
        });
        this.book.move(r.id, 'repaired', obs.at);
        this.audit('incident-repaired', r.id, { intents: r.affectedIntents });
        for (const name of r.affectedIntents) this.repair.live(name, 'compliant', `repaired ${r.id}`);
      }
    }
    if (t.watch) {
      const probes = this.probes
        .of(r.id)
        .map((p) => ({ id: p.id, nominalUs: this.probes.nominalDelayUs(p) }));
      const v = watchVerdict(r, obs, probes);
      t.watch = foldWatch(t.watch, v);
      if (v.kind === 'faulty' && t.held === undefined && r.state === 'repaired') {
        t.held = v.why;
        this.book.act(r.id, {
          at: obs.at,
          kind: 'verify',
          detail: `watch probes: suspect not back to its pre-fault expectation (${v.why})`,
          result: 'held repaired until the suspect is healthy',
        });
      }
    }
    const quiet = !seen && obs.at - t.lastSeen >= o.clearIntervals * o.intervalMs;
    const healthy = t.watch === undefined || watchClear(t.watch, o.clearIntervals);
    if (quiet && healthy && r.state !== 'repairing') {
      await this.probes.remove(r.id);
      for (const id of [r.id, ...t.merged]) this.repair.release(id);
      this.book.move(r.id, 'resolved', obs.at);
      this.audit('incident-resolved', r.id, { quietSinceMs: t.lastSeen });
      this.tracking.delete(r.id);
    }
  }

  /** The autonomy decision for a located incident. */
  private async decide(r: IncidentRecord, at: number): Promise<void> {
    const level = this.options.autonomy;
    const proposal = this.proposal(r);
    if (level === 'off') {
      if (!r.actions.some((a) => a.kind === 'proposal')) {
        this.book.act(r.id, {
          at,
          kind: 'proposal',
          detail: proposal.summary,
          result: 'recorded (autonomy off)',
        });
        this.audit('incident-decision', r.id, { level, decision: 'record', proposal });
      }
      return;
    }
    const guard = this.guardrails.check(proposal.intents.length, r.equivalenceClass, at);
    if (level === 'L3' || !guard.ok) {
      const why =
        level === 'L3' ? 'autonomy L3: waiting for approval' : `guardrail: ${guard.ok ? '' : guard.reason}`;
      this.book.act(r.id, { at, kind: 'proposal', detail: proposal.summary, result: why });
      this.book.move(r.id, 'awaiting-approval', at);
      this.audit('incident-decision', r.id, { level, decision: 'ask', reason: why, proposal });
      return;
    }
    this.audit('incident-decision', r.id, { level, decision: 'apply', proposal });
    this.guardrails.noteRepair(at);
    await this.apply(r, at, ACTOR);
  }

  private proposal(r: IncidentRecord) {
    return planRepair(r.class, r.equivalenceClass, r.suspects, r.affectedIntents, this.store);
  }

  /** Applies the incident's repair and starts verification. */
  private async apply(r: IncidentRecord, at: number, actor: string): Promise<void> {
    const p = this.proposal(r);
    const t = this.track(r);
    this.book.move(r.id, 'repairing', at);
    const outcome =
      p.kind === 'repush'
        ? await this.repair.repush(p.intents)
        : p.kind === 'resync'
          ? await this.repair.resync(p.nes)
          : p.kind === 'reroute'
            ? await this.repair.reroute(r.id, p.intents, { links: p.avoidLinks, nodes: p.avoidNodes })
            : { ok: true, detail: 'nothing to move: no intent crosses the suspects', previous: [] };
    this.book.act(r.id, {
      at,
      kind: p.kind,
      detail: `${outcome.detail} (by ${actor})`,
      result: outcome.ok ? 'ok' : outcome.previous.length > 0 ? 'partial' : 'failed',
    });
    this.audit(`incident-${p.kind}`, r.id, {
      actor,
      proposal: p,
      outcome: { ok: outcome.ok, detail: outcome.detail },
    });
    t.previous = [...outcome.previous];
    this.observer.moved(this.policyIds(outcome.previous.map((i) => i.spec.name)));
    const watched = [...p.avoidLinks, ...p.avoidNodes];
    if (p.kind === 'reroute' && WATCHED.has(r.class) && watched.length > 0) {
      const w = await this.probes.watch(r.id, p.avoidLinks, p.avoidNodes);
      this.book.act(r.id, {
        at,
        kind: 'probe',
        detail: `watch probes over ${watched.join(', ')} until the fault clears`,
        result: w.errors.length === 0 ? `installed ${w.installed.length}` : w.errors.join('; '),
      });
      if (w.installed.length > 0 && outcome.previous.length > 0) t.watch = { intervals: 0, sent: 0, lost: 0 };
    }
    if (!outcome.ok && outcome.previous.length === 0) {
      this.book.move(r.id, 'failed', at);
      this.repair.release(r.id);
      return;
    }
    t.verifyLeft = this.options.verifyIntervals;
    t.appliedAt = at;
  }

  /** compliant for in-service intents no open incident touches and whose fresh probes meet the SLO. */
  private liveStates(findings: readonly Finding[], obs: LoopObservation): void {
    const touched = new Set(this.book.active().flatMap((r) => r.affectedIntents));
    const bad = new Set<string>();
    for (const p of obs.paths) {
      if (p.intent === undefined) continue;
      const loss = p.probesSent > 0 ? (100 * p.probesLost) / p.probesSent : null;
      if (
        (p.slo?.maxDelayUs !== undefined && p.delayUs !== null && p.delayUs > p.slo.maxDelayUs) ||
        (p.slo?.maxLossPct !== undefined && loss !== null && loss > p.slo.maxLossPct)
      )
        bad.add(p.intent);
    }
    for (const f of findings) for (const n of affectedIntents(f, obs, this.store)) bad.add(n);
    for (const intent of this.store.listIntents()) {
      const name = intent.spec.name;
      if (!IN_SERVICE.has(intent.status) || touched.has(name)) continue;
      this.repair.live(
        name,
        bad.has(name) ? 'degraded' : 'compliant',
        bad.has(name) ? 'SLO not met on fresh probes' : 'SLO met',
      );
    }
  }

  /** `<headend>/<policy>` of every policy these intents hold now. */
  private policyIds(names: readonly string[]): string[] {
    return names.flatMap(
      (n) => this.store.getIntent(n)?.plan?.policies.map((p) => `${p.headend}/${p.name}`) ?? [],
    );
  }

  private track(r: IncidentRecord): Tracking {
    let t = this.tracking.get(r.id);
    if (!t) {
      t = {
        lastSeen: r.detectedAt,
        probeRounds: 0,
        verifyLeft: 0,
        appliedAt: 0,
        previous: [],
        paths: new Set(),
        declined: false,
        merged: [],
      };
      this.tracking.set(r.id, t);
    }
    return t;
  }

  private audit(action: string, target: string, detail: unknown): void {
    const at = new Date().toISOString();
    this.store.transaction((tx) => tx.appendAudit({ at, actor: ACTOR, action, target, detail }));
  }
}
