import { FAULT_TYPES, simStateReport } from '../simulators/engine';
import type { FaultType, SimFault } from '../simulators/engine';
import { DEFAULT_LATENCY_OPTIONS } from '../src/core/assurance';
import type { IncidentView } from '../src/ports/event-bus.port';
import type { Rig } from './assurance-rig';
import { repairable } from './assurance-repairable';

/** One injected fault and what the controller made of it, measured against the simulator's fault registry. */
export interface Outcome {
  readonly topology: string;
  /** Scenario number within its topology's campaign. */
  readonly scenario: number;
  /** Incidents the loop opened during the scenario (all of them, related or not). */
  readonly incidentsOpened: number;
  readonly cls: FaultType;
  /** Faults injected together in this scenario (1–3). */
  readonly k: number;
  readonly target: string;
  readonly params: Record<string, number>;
  /** Latency: σ of the per-interval probe delay of the policies crossing the link (last 30 intervals). */
  readonly measuredSigmaUs?: number;
  /** A side campaign (reported apart from the main table), e.g. latency at the raw measured σ. */
  readonly variant?: string;
  /** Network ms from the fault's start (GET /faults) to the first related incident; null = missed. */
  readonly detectMs: number | null;
  readonly locateMs: number | null;
  readonly repairMs: number | null;
  /** An incident of the fault's class whose equivalence class holds the faulty element. */
  readonly correct: boolean;
  /** The class of the best related incident (for the confusion matrix), null when missed. */
  readonly reported: string | null;
  readonly eqSize: number | null;
  readonly finalState: string | null;
  readonly rolledBack: boolean;
  /** The simulator could not apply the fault (a drift with no replacement SID): excluded from the figures. */
  readonly noEffect?: boolean;
  /** No new incident, but one still open from before the fault names its element (it may have absorbed it). */
  readonly absorbed: boolean;
  /**
   * False when no reroute could repair the fault: a policy over the faulty link or node ends at it or has no
   * way around it in the topology (judged on the simulator's ground truth before injection; see
   * `assurance-repairable.ts`). Drift and telemetry gaps are repaired in place: always true.
   */
  readonly repairable: boolean;
  /** The loop applied a repair by itself (reroute, re-push, resync, or nothing to move). */
  readonly applied: boolean;
  /** The incident resolved (signals gone) while the fault was still active in the simulator. */
  readonly resolvedWhileActive: boolean;
  readonly classifier: string | null;
  /** Why an L4 repair waits for a human (guardrail), when it does. */
  readonly waitingFor?: string;
  /**
   * Diagnostic: the best related incident's actions (`kind → result: detail`, detail cut to 300 chars) and
   * its equivalence class, to tell why a repair failed or rolled back without rerunning the scenario.
   */
  readonly trail?: readonly string[];
}

export const LINK_CLASSES: ReadonlySet<FaultType> = new Set([
  'link-down',
  'gray-loss',
  'latency',
  'flap',
  'crc',
  'congestion',
]);
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
/** Elements faulted within this window are not picked again while others exist (flap damping is 3 in 600 s). */
const RECENT_MS = 600_000;

interface Planned {
  readonly type: FaultType;
  readonly target: string;
  readonly params: Record<string, number>;
  /** Latency: the σ of the per-interval delay of the policies crossing the link (warm-up window). */
  readonly sigmaUs?: number;
  /** Elements any related incident names (the element itself, and a faulty node's links). */
  readonly related: ReadonlySet<string>;
}

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
  /** Targets that had to be an element faulted within the last 10 minutes (no other was left). */
  reusedRecent = 0;
  /** Fault requests the simulator refused (scenario skipped). */
  readonly refused: string[] = [];
  /** Per policy, recent probe delays (µs) as reported, for the latency shift's σ. */
  private readonly delays = new Map<string, number[]>();
  /** Faulted elements and when (network ms). */
  private readonly recent = new Map<string, number>();

  constructor(
    private readonly rig: Rig,
    private readonly r: () => number,
    private readonly name: string,
    /**
     * Latency shifts are k·σ with σ = max(measured σ, this floor): the latency detector's stated resolution,
     * read from its defaults (`minSigmaUs`, 1 µs: PTP-class timestamping, ADR 0130) — 0 measures against the
     * raw σ of the simulated probes.
     */
    private readonly sigmaFloorUs = DEFAULT_LATENCY_OPTIONS.minSigmaUs,
    private readonly variant?: string,
    /** Scenario period (network ms); small topologies need a longer one to keep faults per element rare. */
    private readonly periodMs = SCENARIO_PERIOD_MS,
  ) {}

  async tick(): Promise<void> {
    await this.rig.interval();
    this.intervals += 1;
    for (const ne of this.rig.engine.nodeIds())
      for (const p of this.rig.engine.probes(ne)) {
        const k = `${ne}/${p.policy}`;
        const xs = this.delays.get(k) ?? [];
        if (p.probesSent > 0 && p.probesLost < p.probesSent) xs.push(p.delayUs);
        if (xs.length > 30) xs.shift();
        this.delays.set(k, xs);
      }
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
      const p = this.plan(t, planned);
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

  /** A target of class `type` that the controller's probes or events can see, distinct from `taken`. */
  private plan(type: FaultType, taken: readonly Planned[]): Planned | undefined {
    const now = this.rig.nowMs();
    const used = new Set(taken.flatMap((p) => [...p.related]));
    const fresh = (x: string): boolean => now - (this.recent.get(x) ?? -Infinity) >= RECENT_MS;
    const chosen = this.choose(type, used, fresh);
    if (chosen) for (const x of chosen.related) this.recent.set(x, now);
    return chosen;
  }

  /** The largest noise σ (µs) among the policies crossing `link` (0.5 µs when none is known yet). */
  private linkSigma(pols: readonly { id: string; links: readonly string[] }[], link: string): number {
    const xs = pols
      .filter((p) => p.links.includes(link))
      .map((p) => sigma(this.delays.get(p.id) ?? []))
      .filter(Number.isFinite);
    return Math.max(0.5, ...xs);
  }

  private choose(
    type: FaultType,
    used: ReadonlySet<string>,
    fresh: (x: string) => boolean,
  ): Planned | undefined {
    const rig = this.rig;
    const r = this.r;
    const pols = rig.policies();
    if (pols.length === 0) return undefined;
    /** A random element, preferring ones not faulted recently. */
    const pick = (xs: readonly string[]): string | undefined => {
      const f = xs.filter(fresh);
      if (f.length === 0 && xs.length > 0) this.reusedRecent += 1;
      const from = f.length > 0 ? f : xs;
      return from.length ? from[Math.floor(r() * from.length)] : undefined;
    };
    const topo = rig.topology;
    /** A link fault is detected by an incident naming the link or one of its ends (a node hypothesis). */
    const linkRelated = (link: string): Set<string> => {
      const l = topo.link(link);
      return new Set([link, l.a, l.b]);
    };
    if (LINK_CLASSES.has(type)) {
      let links = [...new Set(pols.flatMap((p) => p.links))].filter((l) => !used.has(l));
      const params: Record<string, number> = {};
      if (type === 'congestion') {
        const util = new Map<string, number>();
        for (const s of simStateReport(rig.engine).links)
          util.set(s.link, Math.max(util.get(s.link) ?? 0, s.utilisation));
        links = links.filter((l) => (util.get(l) ?? 0) >= 0.05);
        const link = pick(links);
        if (!link) return undefined;
        params['factor'] = Math.min(1000, Math.max(1.5, (1.2 + 0.6 * r()) / util.get(link)!));
        return { type, target: link, params, related: linkRelated(link) };
      }
      // latency: only links whose crossing paths are steady (σ ≤ 1 ms), or the shift is not a 3σ test
      if (type === 'latency') {
        const steady = links.filter((l) => this.linkSigma(pols, l) <= 1000);
        if (steady.length > 0) links = steady;
      }
      const link = pick(links);
      if (!link) return undefined;
      if (type === 'gray-loss') params['percent'] = round(1 + 4 * r(), 2);
      if (type === 'crc') params['rate'] = round(0.002 + 0.018 * r(), 4);
      if (type === 'flap') params['periodMs'] = 2000 * (2 + Math.floor(4 * r()));
      if (type === 'latency') {
        const measured = this.linkSigma(pols, link);
        const s = Math.max(this.sigmaFloorUs, measured);
        params['us'] = Math.min(10_000_000, Math.ceil((3 + 3 * r()) * s));
        return { type, target: link, params, sigmaUs: round(measured, 2), related: linkRelated(link) };
      }
      return { type, target: link, params, related: linkRelated(link) };
    }
    if (type === 'node-down') {
      const ends = new Set(pols.flatMap((p) => [p.nodes[0], p.nodes[p.nodes.length - 1]]));
      const transit = [...new Set(pols.flatMap((p) => p.nodes.slice(1, -1)))].filter((n) => !used.has(n));
      const node = pick(transit.filter((n) => !ends.has(n))) ?? pick(transit);
      if (!node) return undefined;
      return {
        type,
        target: node,
        params: {},
        related: new Set([node, ...topo.outArcs(node as never).map((a) => a.link as string)]),
      };
    }
    if (type === 'telemetry-gap') {
      const node = pick([...new Set(pols.map((p) => p.headend))].filter((n) => !used.has(n)));
      if (!node) return undefined;
      return { type, target: node, params: {}, related: new Set([node]) };
    }
    const pol = pick(pols.filter((p) => !used.has(p.id) && !used.has(p.headend)).map((p) => p.id));
    if (!pol) return undefined;
    return { type, target: pol, params: {}, related: new Set([pol]) };
  }
}

function classifierOf(i: IncidentView | undefined): string | null {
  const e = i?.evidence[0] as { classifier?: unknown } | undefined;
  return typeof e?.classifier === 'string' ? e.classifier : null;
}

/**
 * Noise σ of a delay series, robust to level shifts (a reroute) and outliers: the MAD of successive
 * differences × 1.4826 ÷ √2.
 */
function sigma(xs: readonly number[]): number {
  if (xs.length < 5) return NaN;
  const d = xs.slice(1).map((x, i) => x - xs[i]!);
  const med = (v: number[]): number => {
    const s = [...v].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const m = med(d);
  return (1.4826 * med(d.map((x) => Math.abs(x - m)))) / Math.SQRT2;
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

export { FAULT_TYPES };

/** An incident's story in a few lines: its class and suspects, then each action (see Outcome.trail). */
function trailOf(i: IncidentView): string[] {
  return [
    `${i.class} ${i.state} on ${i.equivalenceClass.join('/')}`,
    ...i.actions.map((a) => `${a.kind} → ${String(a.result)}: ${String(a.detail).slice(0, 300)}`),
  ];
}
