import { IN_SERVICE } from '../../core/intent';
import type { TwinStateView } from '../../core/twin';
import type { IntentStoreReader, StoredIntent } from '../../ports/intent-store.port';
import type { NetworkModel } from '../intent';
import type { LoopObservation, ObservedLink, ObservedPath, PathHop, PolicyRound } from './assurance-engine';
import type { InstalledProbe } from './probe.manager';
import type { ProbeTotals, TelemetryTap } from './telemetry-tap';

/** What the loop reads of the twin (the app's TwinService satisfies it); optional until the twin runs. */
export interface TwinReader {
  snapshot(nowMs: number): TwinStateView;
  /** The links a deployed policy's active path crosses, ECMP expanded, with the share crossing each. */
  policyLinks?(headend: string, name: string): readonly PathHop[] | undefined;
}

export const ASSURANCE_TWIN = Symbol('AssuranceTwin');

export interface ObservationInput {
  readonly at: number;
  readonly intervalMs: number;
  readonly silentAfterMs: number;
  readonly drift: LoopObservation['drift'];
  readonly policyRound?: PolicyRound;
  readonly probes: readonly InstalledProbe[];
}

/**
 * Gathers one interval's observation: link and node state from the twin when it runs (else from the
 * telemetry tap), each probed policy's packet counts since the last interval, and its routing row — the
 * twin's expanded path, or the stored plan's most preferred candidate path whose links are all up (what the
 * headend falls back to).
 */
export class ObservationBuilder {
  /** Per probed policy, the arcs its active path crossed at the previous interval. */
  private readonly routes = new Map<string, string>();
  /** Per probed policy, the network time its path last changed (a reroute, a rollback, a fallback). */
  private readonly changed = new Map<string, number>();
  /** Policies whose change the loop announced since the previous interval. */
  private readonly announced = new Set<string>();
  /** The telemetry interval of the last observation built (undefined before the first). */
  private intervalMs: number | undefined;

  constructor(
    private readonly network: NetworkModel,
    private readonly store: IntentStoreReader,
    private readonly tap: TelemetryTap,
    private readonly twin?: TwinReader,
  ) {}

  build(input: ObservationInput): LoopObservation {
    this.intervalMs = input.intervalMs;
    const view = this.twin?.snapshot(input.at);
    const links = view ? this.linksFromTwin(view) : this.linksFromTap(input.at, input.silentAfterMs);
    const down = new Set(links.filter((l) => l.status === 'down').map((l) => l.link));
    const heard = this.tap.lastHeardMs();
    const silent = this.tap.silent();
    const nodes = view
      ? view.nodes.map((n) => ({ id: n.id, status: n.status }))
      : [...this.network.topology.nodes()].map((n) => ({
          id: n.id,
          status: silent.includes(n.id) || !heard.has(n.id) ? ('unknown' as const) : ('up' as const),
        }));
    const totals = this.tap.drainProbes();
    const paths: ObservedPath[] = [];
    const routes = new Map<string, string>();
    for (const intent of this.store.listIntents()) {
      if (!IN_SERVICE.has(intent.status) || !intent.plan) continue;
      for (const p of intent.plan.policies) {
        const id = `${p.headend}/${p.name}`;
        const links = this.twin?.policyLinks?.(p.headend, p.name) ?? this.activeHops(p.candidatePaths, down);
        const route = links.map((h) => h.arc).join(',');
        const before = this.routes.get(id);
        // a change the loop did not announce (a headend fell back to another candidate path)
        if (before !== undefined && before !== route && !this.announced.has(id)) this.moved([id]);
        routes.set(id, route);
        const t = this.clean(id, totals.get(id), input.intervalMs);
        paths.push(observed(id, p.headend, p.name, links, t, intent));
      }
    }
    this.announced.clear();
    this.routes.clear();
    for (const [id, r] of routes) this.routes.set(id, r);
    // a policy gone from the store (its intent deleted or replanned under another name) is forgotten
    for (const id of this.changed.keys()) if (!routes.has(id)) this.changed.delete(id);
    for (const probe of input.probes) {
      paths.push(observed(probe.id, probe.headend, probe.name, probe.hops, totals.get(probe.id)));
    }
    return {
      at: input.at,
      intervalMs: input.intervalMs,
      links,
      nodes,
      paths,
      drift: input.drift,
      ...(input.policyRound && { policyRound: input.policyRound }),
      silent,
    };
  }

  /**
   * The paths of these policies changed now (a repair or rollback was applied): probe intervals that may
   * overlap the change measure partly the old path, so they are dropped. The change is stamped with the
   * network clock read after it was applied; the true network time may be up to one interval later, and each
   * sample covers the interval before its timestamp, so the first clean sample is two intervals on.
   */
  moved(ids: Iterable<string>): void {
    const at = this.tap.nowMs();
    for (const id of ids) {
      this.changed.set(id, Math.max(at, this.changed.get(id) ?? 0));
      this.announced.add(id);
      // the tap drops the overlapping samples as they arrive: one arriving late is not drained with the first
      // clean one, which would hold that one back an interval too
      if (this.intervalMs !== undefined)
        this.tap.ignoreBefore(id, this.changed.get(id)! + 2 * this.intervalMs);
    }
  }

  /** The probe totals of a policy, or nothing when the interval they cover may overlap a path change. */
  private clean(id: string, t: ProbeTotals | undefined, intervalMs: number): ProbeTotals | undefined {
    const at = this.changed.get(id);
    if (at === undefined || t === undefined) return t;
    if (t.firstMs >= at + 2 * intervalMs) {
      this.changed.delete(id);
      return t;
    }
    return undefined;
  }

  /** The most preferred candidate path with no link down (RFC 9256 selection), as arcs. */
  private activeHops(
    candidates: readonly { preference: number; nodes: readonly string[]; links: readonly string[] }[],
    down: ReadonlySet<string>,
  ): PathHop[] {
    const sorted = [...candidates].sort((a, b) => b.preference - a.preference);
    // a policy whose every path is broken still names the links it wants (its probes fail over them)
    const active = sorted.find((c) => c.links.every((l) => !down.has(l))) ?? sorted[0];
    return active ? this.walk(active.nodes[0] ?? '', active.links) : [];
  }

  /** The arcs of `links` walked from `from` (a link not leaving the current node is skipped). */
  private walk(from: string, links: readonly string[]): PathHop[] {
    const { topology } = this.network;
    const hops: PathHop[] = [];
    let at = from;
    for (const link of links) {
      if (!topology.hasLink(link)) continue;
      const arc = topology.link(link).arcs.find((a) => a.from === at);
      if (!arc) continue;
      hops.push({ link, arc: arc.id, to: arc.to, share: 1 });
      at = arc.to;
    }
    return hops;
  }

  private linksFromTwin(view: TwinStateView): ObservedLink[] {
    return view.links.map((l) => ({
      link: l.link,
      arc: l.arc,
      from: l.from,
      to: l.to,
      status: l.stale ? 'unknown' : l.status,
      utilisation: l.utilisation,
      ...(l.errorsPs !== undefined && { errorsPs: l.errorsPs }),
      ...(l.discardsPs !== undefined && { discardsPs: l.discardsPs }),
      stale: l.stale,
    }));
  }

  private linksFromTap(at: number, staleMs: number): ObservedLink[] {
    const readings = this.tap.arcReadings();
    return [...this.network.topology.arcs()].map((a) => {
      const r = readings.get(a.id);
      const stale = !r || at - r.atMs > staleMs;
      return {
        link: a.link,
        arc: a.id,
        from: a.from,
        to: a.to,
        status: !r || r.up === null ? 'unknown' : r.up ? 'up' : 'down',
        ...(r?.utilisation != null && { utilisation: r.utilisation }),
        errorsPs: r?.errorsPs ?? 0,
        discardsPs: r?.discardsPs ?? 0,
        stale,
      };
    });
  }
}

function observed(
  id: string,
  headend: string,
  policy: string,
  links: readonly PathHop[],
  t: ProbeTotals | undefined,
  intent?: StoredIntent,
): ObservedPath {
  const slo = intent?.spec.slo;
  return {
    id,
    headend,
    policy,
    ...(intent && { intent: intent.spec.name }),
    probeOnly: intent === undefined,
    links,
    nodes: [headend, ...links.map((h) => h.to)],
    probesSent: t?.sent ?? 0,
    probesLost: t?.lost ?? 0,
    delayUs: t?.delayUs ?? null,
    jitterUs: t?.jitterUs ?? null,
    ...(slo && {
      slo: {
        ...(slo.maxDelayUs !== undefined && { maxDelayUs: slo.maxDelayUs }),
        ...(slo.maxLossPct !== undefined && { maxLossPct: slo.maxLossPct }),
      },
    }),
  };
}
