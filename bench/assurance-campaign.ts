import { FAULT_TYPES } from '../simulators/engine';
import type { FaultType, SimFault } from '../simulators/engine';
import type { IncidentView } from '../src/ports/event-bus.port';
import type { Rig } from './assurance-rig';
import { repairable } from './assurance-repairable';
import { LINK_CLASSES, TargetPicker } from './assurance-targets';
import type { Planned } from './assurance-targets';
import type { Outcome } from './assurance-outcome';

export { LINK_CLASSES } from './assurance-targets';

/** `k` distinct fault classes drawn with `r` (a multi-fault scenario). */
export function drawClasses(r: () => number, k: number): FaultType[] {
  const types: FaultType[] = [];
  while (types.length < k) {
    const t = FAULT_TYPES[Math.floor(r() * FAULT_TYPES.length)]!;
    if (!types.includes(t)) types.push(t);
  }
  return types;
}

const APPLIED: ReadonlySet<string> = new Set(['reroute', 'repush', 'resync', 'none']);
const SETTLED = new Set(['repaired', 'failed', 'rolled-back', 'awaiting-approval', 'resolved']);

export const MAX_MEASURE_INTERVALS = 25;
/**
 * Faults stay active at least this long (network ms) before the outcome is read: the loop may reclassify an
 * incident as evidence accrues (a link-down becomes a flap after its fourth transition), and the class a NOC
 * sees after 20 s is the one that counts.
 */
export const MIN_FAULT_MS = 20_000;
const MAX_SETTLE_INTERVALS = 25;
/**
 * Scenarios start at least this far apart (network ms): the loop's guardrails allow 10 automatic repairs per
 * 60 s, and a campaign packed much tighter would measure the rate limit rather than the loop (30 s: two
 * scenarios a minute, each typically 1–3 repairs; a compromise with the run time on a shared machine).
 */
export const SCENARIO_PERIOD_MS = 30_000;
/**
 * Runs fault scenarios on one rig: picks targets the controller's probes can see (links and transit nodes of
 * in-service intents, their policies, their headends), injects them together through the engine's fault API
 * (what `POST /faults` calls), ticks until each fault's incident settles, then ends the faults and lets the
 * loop resolve before the next scenario.
 */
export class Campaign {
  readonly outcomes: Outcome[] = [];
  /** Incidents opened during scenarios that relate to no injected fault. */
  unrelated = 0;
  /** Open incidents still active when a scenario began (left over from the previous one). */
  leftovers = 0;
  /**
   * Diagnostic: unrelated incidents by `<fault classes>|<incident class>|<phase>|<hops>` (phase: during the
   * fault, after a related incident's repair moved traffic, after the fault ended; hops from the nearest
   * faulted element), and leftovers by `<class>|<state>|<last action>`.
   */
  readonly collateral: Record<string, number> = {};
  readonly leftoverKinds: Record<string, number> = {};
  intervals = 0;
  scenarios = 0;
  /** Fault requests the simulator refused (scenario skipped). */
  readonly refused: string[] = [];
  private readonly targets: TargetPicker;

  constructor(
    private readonly rig: Rig,
    r: () => number,
    private readonly name: string,
    /** The latency shifts' σ floor (see `TargetPicker`); 0 measures against the raw σ of the probes. */
    sigmaFloorUs?: number,
    private readonly variant?: string,
    /** Scenario period (network ms); small topologies need a longer one to keep faults per element rare. */
    private readonly periodMs = SCENARIO_PERIOD_MS,
    /** Latency shifts drawn from this range (µs) instead of k·σ (see `TargetPicker`). */
    latencyUs?: readonly [number, number],
  ) {
    this.targets = new TargetPicker(rig, r, sigmaFloorUs, latencyUs);
  }

  /** Targets that had to be an element faulted within the last 10 minutes (no other was left). */
  get reusedRecent(): number {
    return this.targets.reusedRecent;
  }

  async tick(): Promise<void> {
    await this.rig.interval();
    this.intervals += 1;
    this.targets.observe();
  }

  /** One scenario; a single fault the simulator could not apply is recorded (excluded) and tried again. */
  async scenario(types: readonly FaultType[], retries = 2): Promise<void> {
    const rig = this.rig;
    this.leftovers += rig.service.loop.book.active().length;
    for (const i of rig.service.loop.book.active()) {
      const last = i.actions[i.actions.length - 1];
      const k = `${i.class}|${i.state}|${last ? `${last.kind}:${last.result.slice(0, 40)}` : '-'}`;
      this.leftoverKinds[k] = (this.leftoverKinds[k] ?? 0) + 1;
    }
    const since = rig.opened.length;
    const openAtStart = rig.service.loop.book.active().map((i) => i.id);
    const planned: Planned[] = [];
    for (const t of types) {
      const p = this.targets.plan(t, planned);
      if (p) planned.push(p);
    }
    if (planned.length === 0) return;
    const pols = rig.policies();
    const canRepair = planned.map(
      (p) =>
        !(LINK_CLASSES.has(p.type) || p.type === 'node-down') || repairable(rig.topology, p.target, pols),
    );
    let faults: SimFault[];
    try {
      faults = planned.map((p) => rig.engine.addFault({ type: p.type, target: p.target, params: p.params }));
    } catch (err) {
      // a request the simulator refuses is the bench's bug, not the loop's: counted, scenario skipped
      this.refused.push(`${planned.map((p) => `${p.type} ${p.target}`).join(' + ')}: ${String(err)}`);
      for (const f of rig.engine.listFaults()) if (f.state !== 'ended') rig.engine.endFault(f.id);
      return;
    }
    const t0 = rig.nowMs();
    // the book's live records (no copies): the scenario reads them every interval
    const news = (): IncidentView[] =>
      rig.opened.slice(since).flatMap((id) => {
        const r = rig.service.loop.book.find(id);
        return r ? [r] : [];
      });
    const matchOf = (p: Planned): IncidentView[] =>
      news().filter(
        (i) =>
          i.equivalenceClass.some((e) => p.related.has(e)) || i.suspects.some((s) => p.related.has(s.id)),
      );
    /** Drift faults the simulator could not apply (its registry says active, the policy is unchanged). */
    const inert = new Set<number>();
    for (let n = 0; n < MAX_MEASURE_INTERVALS; n++) {
      await this.tick();
      if (n === 0)
        planned.forEach((p, j) => {
          const [h, name] = p.target.split('/');
          if (p.type === 'drift' && !rig.engine.isDrifted(h!, name!)) inert.add(j);
        });
      // every related incident has settled (one settling early must not end the measurement of another)
      const done = planned.every((p) => {
        const m = matchOf(p);
        return m.length > 0 && m.every((i) => SETTLED.has(i.state));
      });
      if (done && rig.nowMs() - t0 >= MIN_FAULT_MS) break;
    }
    const truth = new Map(rig.engine.listFaults().map((f) => [f.id, f]));
    const k = planned.length;
    const rows: Omit<Outcome, 'scenario' | 'incidentsOpened'>[] = [];
    planned.forEach((p, j) => {
      const f = truth.get(faults[j]!.id) ?? faults[j]!;
      const m = matchOf(p);
      const right = m.filter((i) => i.class === p.type && i.equivalenceClass.includes(p.target));
      const best = right[0] ?? m.find((i) => i.class === p.type) ?? m[0];
      const book = rig.service.loop.book;
      const absorbed =
        m.length === 0 &&
        openAtStart.some((id) => {
          const i = book.find(id);
          return (
            i !== undefined && i.state !== 'resolved' && i.equivalenceClass.some((e) => p.related.has(e))
          );
        });
      const first = m.reduce<IncidentView | undefined>(
        (a, i) => (!a || i.detectedAt < a.detectedAt ? i : a),
        undefined,
      );
      rows.push({
        topology: this.name,
        cls: p.type,
        k,
        target: p.target,
        params: p.params,
        ...(p.sigmaUs !== undefined && { measuredSigmaUs: p.sigmaUs }),
        ...(this.variant !== undefined && { variant: this.variant }),
        detectMs: first ? first.detectedAt - f.startMs : null,
        locateMs: best?.locatedAt != null ? best.locatedAt - best.detectedAt : null,
        repairMs:
          best?.repairedAt != null && best.locatedAt != null ? best.repairedAt - best.locatedAt : null,
        correct: right.length > 0,
        reported: best?.class ?? null,
        eqSize: best ? best.equivalenceClass.length : null,
        finalState: best?.state ?? null,
        rolledBack: best?.actions.some((a) => a.kind === 'rollback') ?? false,
        applied: best?.actions.some((a) => APPLIED.has(a.kind)) ?? false,
        repairable: canRepair[j]!,
        absorbed,
        ...(inert.has(j) && { noEffect: true }),
        resolvedWhileActive: best?.state === 'resolved' && (f.endMs === null || f.endMs > best.resolvedAt!),
        classifier: classifierOf(best),
        ...(best?.state === 'awaiting-approval' && {
          waitingFor: String(best.actions.filter((a) => a.kind === 'proposal').pop()?.result ?? ''),
        }),
        ...(best && { trail: trailOf(best) }),
      });
    });
    for (const f of faults) rig.engine.endFault(f.id);
    const clearedAt = rig.nowMs();
    for (let n = 0; n < MAX_SETTLE_INTERVALS; n++) {
      await this.tick();
      if (rig.service.loop.book.active().length === 0) break;
    }
    while (rig.nowMs() - t0 < this.periodMs) await this.tick();
    const explained = new Set(planned.flatMap((p) => matchOf(p).map((i) => i.id)));
    const opened = news();
    this.unrelated += opened.filter((i) => !explained.has(i.id)).length;
    const repairedAt = Math.min(
      ...planned.flatMap((p) =>
        matchOf(p).flatMap((i) => i.actions.filter((a) => APPLIED.has(a.kind)).map((a) => a.at)),
      ),
    );
    const near = new Set(planned.flatMap((p) => [...p.related]));
    for (const i of opened.filter((x) => !explained.has(x.id))) {
      const phase =
        i.detectedAt >= clearedAt ? 'after-clear' : i.detectedAt > repairedAt ? 'after-repair' : 'during';
      const k = `${types.join('+')}|${i.class}|${phase}|${this.hops(near, i.equivalenceClass)}`;
      this.collateral[k] = (this.collateral[k] ?? 0) + 1;
    }
    this.scenarios += 1;
    for (const row of rows)
      this.outcomes.push({ ...row, scenario: this.scenarios, incidentsOpened: opened.length });
    if (types.length === 1 && inert.size > 0 && retries > 0) await this.scenario(types, retries - 1);
  }

  /** Hops (node graph) from the nearest element of `from` to the nearest of `to` (links count by their ends). */
  private hops(from: ReadonlySet<string>, to: readonly string[]): number | string {
    const topo = this.rig.topology;
    const ends = (e: string): string[] =>
      topo.hasNode(e) ? [e] : topo.hasLink(e) ? [topo.link(e).a, topo.link(e).b] : [];
    const goal = new Set(to.flatMap(ends));
    if (goal.size === 0) return 'none';
    if (to.some((e) => from.has(e))) return 0;
    let frontier = [...from].flatMap(ends);
    const seen = new Set(frontier);
    for (let d = 0; d < 6 && frontier.length > 0; d++) {
      if (frontier.some((n) => goal.has(n))) return d;
      const next: string[] = [];
      for (const n of frontier)
        for (const a of topo.outArcs(n as never))
          if (!seen.has(a.to)) {
            seen.add(a.to);
            next.push(a.to);
          }
      frontier = next;
    }
    return '6+';
  }
}

function classifierOf(i: IncidentView | undefined): string | null {
  const e = i?.evidence[0] as { classifier?: unknown } | undefined;
  return typeof e?.classifier === 'string' ? e.classifier : null;
}

export { FAULT_TYPES };

/** An incident's story in a few lines: its class and suspects, then each action (see Outcome.trail). */
function trailOf(i: IncidentView): string[] {
  return [
    `${i.class} ${i.state} on ${i.equivalenceClass.join('/')}`,
    ...i.actions.map((a) => `${a.kind} → ${String(a.result)}: ${String(a.detail).slice(0, 300)}`),
  ];
}
