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
        // a change the loop did not announce (a headend fell back to another candidate path): what was
        // drained before it was seen may measure the old path too
        const unannounced = before !== undefined && before !== route && !this.announced.has(id);
        if (unannounced) this.moved([id]);
        routes.set(id, route);
        paths.push(observed(id, p.headend, p.name, links, unannounced ? undefined : totals.get(id), intent));
      }
    }
    this.announced.clear();
    this.routes.clear();
    for (const [id, r] of routes) this.routes.set(id, r);
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
   * The paths of these policies changed now (a repair or rollback was applied): probe samples that may
   * overlap the change measure partly the old path, so the tap drops them, one by one as they arrive (a late
   * one is never drained with a clean one). The change is stamped with the network clock read after it was
   * applied; the true network time may be up to one interval later, and each sample covers the interval before
   * its timestamp, so the first clean sample is two intervals on (ADR 0170).
   */
  moved(ids: Iterable<string>): void {
    const cleanFrom = this.tap.nowMs() + 2 * (this.intervalMs ?? 0);
    for (const id of ids) {
      this.announced.add(id);
      this.tap.ignoreBefore(id, cleanFrom);
    }
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
