import { ConflictError } from '../../core/errors';
import { IN_SERVICE } from '../../core/intent';
import type { IncidentView } from '../../ports/event-bus.port';
import type { IntentStore } from '../../ports/intent-store.port';
import type { AssuranceEngine, Finding, LoopObservation, PolicyRound } from './assurance-engine';
import { changeKind, Guardrails } from './guardrails';
import { IncidentBook } from './incident-book';
import type { IncidentRecord } from './incident-book';
import { correlate } from './incident.correlator';
import {
  affectedIntents,
  driftOf,
  foldWatch,
  HARD_DOWN,
  WATCHED,
  watchClear,
  watchVerdict,
} from './loop.checks';
import { ACTOR, newTracking } from './loop.tracking';
import type { LoopOptions, LoopParts, Tracking } from './loop.tracking';
import type { ObservationBuilder } from './observation.builder';
import type { ProbeManager } from './probe.manager';
import { applyRepair, notMovedOff, proposalOf, retryable, rewatch } from './repair.applier';
import type { RepairExecutor } from './repair.executor';
import { verifyStep } from './repair.verifier';

export type { AutonomyLevel, LoopOptions } from './loop.tracking';

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
  /** Set when an incident resolved this interval and released exclusions it held (see retryFailed). */
  private freed = false;
  last: LoopObservation | undefined;
  /** What the correlator, the applier and the verifier share with the loop. */
  private readonly parts: LoopParts;

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
    this.parts = {
      options,
      book,
      store,
      repair,
      probes,
      observer,
      last: () => this.last,
      track: (r) => this.track(r),
      forget: (id) => this.tracking.delete(id),
      audit: (action, target, detail) => this.audit(action, target, detail),
      policyIds: (names) => this.policyIds(names),
    };
    this.restore();
  }

  /**
   * Open incidents read back after a restart: the exclusions of a reroute, or of a dead element no intent
   * crossed, are held again (later plans keep off the suspects), one caught verifying is verified again
   * on fresh probes (its rollback state is lost, so a failed verification ends it `failed`), and a failed
   * reroute knows again which intents it left on the suspects (so it can be retried, see retryFailed).
   */
  private restore(): void {
    for (const r of this.book.active()) {
      const at = Math.max(r.detectedAt, ...r.actions.map((a) => a.at));
      const held =
        r.actions.some((a) => a.kind === 'reroute' && a.result === 'ok') ||
        (HARD_DOWN.has(r.class) && r.actions.some((a) => a.kind === 'none'));
      if (held) {
        const kinds = new Map(r.suspects.map((x) => [x.id, x.kind]));
        const nodes = r.equivalenceClass.filter((e) => kinds.get(e) === 'node');
        const links = r.equivalenceClass.filter((e) => (kinds.get(e) ?? 'link') === 'link');
        this.repair.reavoid(r.id, links, nodes);
        if (WATCHED.has(r.class) && r.state === 'repaired') this.track(r).rewatch = { links, nodes };
      }
      // what a reroute left on the suspects is known again from the stored plans: a verification leaves those
      // intents out, and a failed reroute is planned again when exclusions are released (retryFailed)
      const rerouted = r.actions.some((a) => a.kind === 'reroute');
      if (rerouted && (r.state === 'repairing' || r.state === 'failed'))
        this.track(r).unrepairable = notMovedOff(this.parts, r);
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
    for (const f of findings) seen.add(await correlate(this.parts, this.engine.name, f, obs));
    for (const r of this.book.active()) await this.advance(r, obs, findings, seen.has(r.id));
    await this.retryFailed(obs.at, seen);
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

  /** Moves one open incident along its lifecycle for this interval. */
  private async advance(
    r: IncidentRecord,
    obs: LoopObservation,
    findings: readonly Finding[],
    seen: boolean,
  ): Promise<void> {
    const t = this.track(r);
    const o = this.options;
    if (t.rewatch) await rewatch(this.parts, r, t, obs.at);
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
    await verifyStep(this.parts, r, obs, findings);
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
      for (const id of [r.id, ...t.merged]) if (this.repair.release(id)) this.freed = true;
      this.book.move(r.id, 'resolved', obs.at);
      this.audit('incident-resolved', r.id, { quietSinceMs: t.lastSeen });
      this.tracking.delete(r.id);
    }
  }

  /**
   * An incident that failed because the path engine found no way around its suspects is planned again after
   * another incident resolves and releases what it held: the way it lacked may be free now (a link-down
   * cleared). Only then, so a lasting failure is not retried every interval, and at the first interval its
   * fault is seen again (`seen`: a gray loss is not a finding in every interval, and one that cleared needs no
   * move); the retry goes through the autonomy level and the guardrails like any repair, and fails again,
   * with the new reason, if still stuck.
   */
  private async retryFailed(at: number, seen: ReadonlySet<string>): Promise<void> {
    const freed = this.freed;
    this.freed = false;
    if (this.options.autonomy === 'off') return;
    for (const r of this.book.active()) {
      if (r.state !== 'failed') continue;
      const t = this.track(r);
      if (freed && retryable(t)) t.retry = true;
      if (!t.retry || !seen.has(r.id)) continue;
      t.retry = false;
      this.book.act(r.id, {
        at,
        kind: 'assess',
        detail: 'another incident resolved and released the elements it held: planning the repair again',
        result: 'retry',
      });
      this.audit('incident-retry', r.id, { unrepairable: Object.fromEntries(t.unrepairable) });
      await this.decide(r, at);
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
    // a resync only reads the silent NE back: it changes nothing in the network, so the guardrails (limits on
    // what the loop may change by itself) neither hold it nor count it against the repair budget
    const readOnly = proposal.kind === 'resync';
    const guard = readOnly
      ? ({ ok: true } as const)
      : this.guardrails.check(
          proposal.intents.length,
          r.equivalenceClass,
          at,
          changeKind(HARD_DOWN.has(r.class), proposal.kind),
        );
    if (level === 'L3' || !guard.ok) {
      const why =
        level === 'L3' ? 'autonomy L3: waiting for approval' : `guardrail: ${guard.ok ? '' : guard.reason}`;
      this.book.act(r.id, { at, kind: 'proposal', detail: proposal.summary, result: why });
      this.book.move(r.id, 'awaiting-approval', at);
      this.audit('incident-decision', r.id, { level, decision: 'ask', reason: why, proposal });
      return;
    }
    this.audit('incident-decision', r.id, { level, decision: 'apply', proposal });
    if (!readOnly) this.guardrails.noteRepair(at);
    // flap damping counts changes the loop made around these suspects (see Guardrails.noteActed)
    if (proposal.kind === 'reroute' || proposal.kind === 'repush')
      this.guardrails.noteActed(r.equivalenceClass, at);
    await this.apply(r, at, ACTOR);
  }

  private proposal(r: IncidentRecord) {
    return proposalOf(this.parts, r);
  }

  /** Applies the incident's repair and starts verification (see repair.applier.ts). */
  private apply(r: IncidentRecord, at: number, actor: string): Promise<void> {
    return applyRepair(this.parts, r, at, actor);
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
      t = newTracking(r.detectedAt);
      this.tracking.set(r.id, t);
    }
    return t;
  }

  private audit(action: string, target: string, detail: unknown): void {
    const at = new Date().toISOString();
    this.store.transaction((tx) => tx.appendAudit({ at, actor: ACTOR, action, target, detail }));
  }
}
