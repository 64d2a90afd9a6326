import type { NodeId } from '../../core/model/ids';
import type { NeDriver, SrPolicyConfig } from '../../ports/ne-driver.port';
import type { NetworkModel } from '../intent';
import type { PathHop, ProbeRequest } from './assurance-engine';

export interface InstalledProbe {
  readonly id: string;
  readonly headend: string;
  readonly name: string;
  readonly links: readonly string[];
  /** The arcs the probe is known to cross (its End.X hops), for its routing row. */
  readonly hops: readonly PathHop[];
}

/**
 * Probe-only SR policies (deTector/NetBouncer-style source-routed probes): a segment list of End.X SIDs that
 * walks exactly the requested links from the headend, installed with `probeOnly` so no traffic is steered into
 * it. Held per incident and removed when the incident no longer needs them.
 */
export class ProbeManager {
  private readonly byIncident = new Map<string, InstalledProbe[]>();
  /** Probes sent to the network and not yet answered (the reconciler must not take them for orphans). */
  private readonly pending = new Set<string>();

  constructor(
    private readonly network: NetworkModel,
    private readonly driver: NeDriver,
  ) {}

  /** Installs the probes an incident asks for (replacing its earlier ones); returns what was installed. */
  async install(
    incident: string,
    requests: readonly ProbeRequest[],
  ): Promise<{ installed: InstalledProbe[]; errors: string[] }> {
    await this.remove(incident);
    const configs: SrPolicyConfig[] = [];
    const probes: InstalledProbe[] = [];
    const errors: string[] = [];
    requests.forEach((asked, i) => {
      const r = this.headable(asked);
      if (typeof r === 'string') {
        errors.push(r);
        return;
      }
      const built = this.build(r, `probe-${incident}-${i}`);
      if (typeof built === 'string') errors.push(built);
      else {
        configs.push(built);
        probes.push({
          id: `${r.headend}/${built.name}`,
          headend: r.headend,
          name: built.name,
          links: r.links,
          hops: this.hopsOf(built),
        });
      }
    });
    if (configs.length === 0) return { installed: [], errors };
    for (const p of probes) this.pending.add(p.id);
    const results = await this.driver
      .setPolicies(configs)
      .catch((err: unknown) =>
        configs.map((c) => ({
          resource: `${c.headend}/${c.name}`,
          ok: false as const,
          error: { code: 'DRIVER', message: String(err) },
        })),
      )
      .finally(() => {
        for (const p of probes) this.pending.delete(p.id);
      });
    const ok = new Set(results.filter((x) => x.ok).map((x) => x.resource));
    for (const x of results) if (!x.ok) errors.push(`${x.resource}: ${x.error.message}`);
    const installed = probes.filter((p) => ok.has(p.id));
    this.byIncident.set(incident, installed);
    return { installed, errors };
  }

  /** Keeps probes over suspect links after traffic left them, so the incident resolves when the fault does. */
  async watch(
    incident: string,
    links: readonly string[],
    nodes: readonly string[] = [],
  ): Promise<{ installed: InstalledProbe[]; errors: string[] }> {
    const { topology } = this.network;
    const requests: ProbeRequest[] = links
      .filter((l) => topology.hasLink(l))
      .map((l) => {
        // from whichever end can hold a policy (a legacy SNMP NE cannot)
        const arcs = topology.link(l).arcs;
        const from = arcs.find((a) => this.configurable(a.from)) ?? arcs[0]!;
        return { headend: from.from, links: [l] };
      });
    // a suspect node is watched through it: in over one of its links, out over another
    for (const n of nodes) {
      if (!topology.hasNode(n)) continue;
      const arcs = [...topology.arcs()];
      const into = arcs.filter((a) => a.to === n).sort((x, y) => (x.id < y.id ? -1 : 1));
      const inn = into.find((a) => this.configurable(a.from)) ?? into[0];
      const out = inn && arcs.find((a) => a.from === n && a.link !== inn.link);
      if (inn && out) requests.push({ headend: inn.from, links: [inn.link, out.link] });
    }
    return this.install(incident, requests);
  }

  private configurable(ne: string): boolean {
    return this.driver.configurable?.(ne as NodeId) !== false;
  }

  /**
   * The request as a policy some NE can head: a legacy NE (SNMP, read-only) cannot hold one, so the probe
   * starts one hop earlier at a neighbour that can (the extra link joins its routing row), preferring a
   * neighbour whose link the probe does not already cross; or why no such neighbour exists.
   */
  private headable(r: ProbeRequest): ProbeRequest | string {
    if (this.configurable(r.headend)) return r;
    const { topology, sids } = this.network;
    if (!topology.hasNode(r.headend)) return `probe from ${r.headend}: unknown node`;
    const into = [...topology.arcs()]
      .filter((a) => a.to === r.headend && this.configurable(a.from))
      .sort(
        (x, y) =>
          Number(r.links.includes(x.link)) - Number(r.links.includes(y.link)) || (x.from < y.from ? -1 : 1),
      );
    const arc = into[0];
    if (!arc) {
      return `probe from ${r.headend} skipped: a legacy NE (SNMP, read-only) cannot head a policy and no neighbour that can leads to it`;
    }
    return {
      headend: arc.from,
      links: [arc.link, ...r.links],
      ...(r.segments && r.segments.length > 0 && { segments: [sids.endXSid(arc.id).sid, ...r.segments] }),
    };
  }

  async remove(incident: string): Promise<void> {
    const probes = this.byIncident.get(incident);
    if (!probes || probes.length === 0) return;
    this.byIncident.delete(incident);
    await this.driver
      .deletePolicies(probes.map((p) => ({ headend: p.headend as NodeId, name: p.name })))
      .catch(() => undefined);
  }

  /** Every probe installed now (their routing rows join the observation). */
  all(): InstalledProbe[] {
    return [...this.byIncident.values()].flat();
  }

  /** True for `<headend>/<name>` of a probe installed now or being installed (see PolicyOwners). */
  owns(policy: string): boolean {
    return this.pending.has(policy) || this.all().some((p) => p.id === policy);
  }

  of(incident: string): readonly InstalledProbe[] {
    return this.byIncident.get(incident) ?? [];
  }

  /** A probe's pre-fault expectation: the nominal (propagation) delay of the arcs it crosses, in µs. */
  nominalDelayUs(probe: InstalledProbe): number {
    const { topology } = this.network;
    return probe.hops.reduce((sum, h) => sum + topology.arc(h.arc).delayUs, 0);
  }

  /** The End.X hops of a probe's segment list (the arcs it crosses for sure). */
  private hopsOf(c: SrPolicyConfig): PathHop[] {
    const { topology, sids } = this.network;
    return (c.candidatePaths[0]?.segmentLists[0]?.sids ?? []).flatMap((sid) => {
      const s = sids.resolve(sid);
      if (!s?.arc) return [];
      const arc = topology.arc(s.arc);
      return [{ link: arc.link, arc: arc.id, to: arc.to, share: 1 }];
    });
  }

  /** The probe policy walking `links` from `headend` (End.X per hop), or why it cannot be built. */
  private build(r: ProbeRequest, name: string): SrPolicyConfig | string {
    const { topology, sids } = this.network;
    if (r.segments && r.segments.length > 0) {
      const last = sids.resolve(r.segments[r.segments.length - 1]!);
      if (!last) return `probe ${name}: unknown SID ${r.segments[r.segments.length - 1]}`;
      return {
        name,
        headend: r.headend as NodeId,
        color: 0,
        endpoint: sids.endSid(last.arc ? topology.arc(last.arc).to : last.node).sid,
        candidatePaths: [{ preference: 100, segmentLists: [{ weight: 1, sids: [...r.segments] }] }],
        probeOnly: true,
      };
    }
    let at = r.headend;
    const segs: string[] = [];
    for (const id of r.links) {
      if (!topology.hasLink(id)) return `probe ${name}: unknown link '${id}'`;
      const arc = topology.link(id).arcs.find((a) => a.from === at);
      if (!arc) return `probe ${name}: link '${id}' does not leave ${at}`;
      segs.push(sids.endXSid(arc.id).sid);
      at = arc.to;
    }
    if (segs.length === 0) return `probe ${name}: no links`;
    return {
      name,
      headend: r.headend as NodeId,
      color: 0,
      endpoint: sids.endSid(at as NodeId).sid,
      candidatePaths: [{ preference: 100, segmentLists: [{ weight: 1, sids: segs }] }],
      probeOnly: true,
    };
  }
}
