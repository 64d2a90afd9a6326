import type { NodeId } from '../../../core/model/ids';
import type { SidTable, TopologyGraph } from '../../../core/topology';
import type {
  DriverStatus,
  NeDriver,
  ResourceResult,
  SrPolicyConfig,
  TelemetrySample,
  TelemetrySubscription,
} from '../../../ports/ne-driver.port';
import { MemoryTelemetry } from './memory.telemetry';

export interface MemoryDriverOptions {
  /** Simulated time one batch call takes (to make "mid-deploy" observable in crash tests). */
  readonly latencyMs?: number;
}

const resourceOf = (headend: string, name: string): string => `${headend}/${name}`;

/**
 * An in-process simulated network for the embedded default and tests: SR policies kept per headend in memory
 * (and synthetic interface counters, see MemoryTelemetry).
 * Like a real headend it refuses policies whose SIDs it cannot resolve (every SID must belong to the
 * topology's SidTable) and policies for NEs it does not know. `failHeadend` makes one NE refuse every change,
 * for rollback tests.
 */
export class MemoryNeDriver implements NeDriver {
  readonly protocol = 'memory';
  private readonly installed = new Map<NodeId, Map<string, SrPolicyConfig>>();
  private readonly failing = new Map<NodeId, string>();
  private closed = false;
  private readonly telemetry: MemoryTelemetry;

  constructor(
    private readonly topology: TopologyGraph,
    private readonly sids: SidTable,
    private readonly options: MemoryDriverOptions = {},
  ) {
    this.telemetry = new MemoryTelemetry(topology);
  }

  targets(): readonly NodeId[] {
    return [...this.topology.nodes()].map((n) => n.id);
  }

  /** Make a headend refuse every change until `recoverHeadend`. */
  failHeadend(headend: NodeId, reason = 'simulated NE failure'): void {
    this.failing.set(headend, reason);
  }

  recoverHeadend(headend: NodeId): void {
    this.failing.delete(headend);
  }

  async setPolicies(policies: readonly SrPolicyConfig[]): Promise<ResourceResult[]> {
    await this.delay();
    return policies.map((p) => {
      const resource = resourceOf(p.headend, p.name);
      const problem = this.refusal(p.headend) ?? this.invalid(p);
      if (problem) return { resource, ok: false, error: problem };
      const table = this.installed.get(p.headend) ?? new Map<string, SrPolicyConfig>();
      this.installed.set(p.headend, table);
      table.set(p.name, structuredClone(p));
      return { resource, ok: true, value: undefined };
    });
  }

  async deletePolicies(
    refs: readonly { readonly headend: NodeId; readonly name: string }[],
  ): Promise<ResourceResult[]> {
    await this.delay();
    return refs.map((r) => {
      const resource = resourceOf(r.headend, r.name);
      const problem = this.refusal(r.headend);
      if (problem) return { resource, ok: false, error: problem };
      this.installed.get(r.headend)?.delete(r.name);
      return { resource, ok: true, value: undefined };
    });
  }

  async getPolicies(headends: readonly NodeId[]): Promise<ResourceResult<readonly SrPolicyConfig[]>[]> {
    await this.delay();
    return headends.map((h) => {
      if (!this.topology.hasNode(h)) return { resource: h, ok: false, error: unknownNe(h) };
      return {
        resource: h,
        ok: true,
        value: [...(this.installed.get(h)?.values() ?? [])].map((p) => structuredClone(p)),
      };
    });
  }

  subscribe(
    targets: readonly NodeId[],
    onSample: (sample: TelemetrySample) => void,
    options?: { readonly sampleIntervalMs?: number },
  ): Promise<TelemetrySubscription> {
    if (this.closed) return Promise.reject(new Error('memory driver: closed'));
    return Promise.resolve(this.telemetry.subscribe(targets, onSample, options?.sampleIntervalMs));
  }

  status(): readonly DriverStatus[] {
    return this.targets().map((ne) => ({
      ne,
      protocol: this.protocol,
      state: this.closed ? 'down' : 'up',
      ...(this.failing.has(ne) && { lastError: this.failing.get(ne) }),
    }));
  }

  /** Every installed policy, for tests and the API's view of the network. */
  policyCount(): number {
    let n = 0;
    for (const t of this.installed.values()) n += t.size;
    return n;
  }

  close(): Promise<void> {
    this.closed = true;
    this.telemetry.close();
    return Promise.resolve();
  }

  private refusal(headend: NodeId): { code: string; message: string } | undefined {
    if (this.closed) return { code: 'UNAVAILABLE', message: 'memory driver: closed' };
    if (!this.topology.hasNode(headend)) return unknownNe(headend);
    const reason = this.failing.get(headend);
    return reason !== undefined ? { code: 'NE_FAILURE', message: `${headend}: ${reason}` } : undefined;
  }

  private invalid(p: SrPolicyConfig): { code: string; message: string } | undefined {
    if (!this.sids.resolve(p.endpoint)) return badSid(p, p.endpoint);
    for (const cp of p.candidatePaths) {
      for (const sl of cp.segmentLists) {
        const bad = sl.sids.find((sid) => !this.sids.resolve(sid));
        if (bad !== undefined) return badSid(p, bad);
      }
    }
    return undefined;
  }

  private delay(): Promise<void> {
    const ms = this.options.latencyMs ?? 0;
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  }
}

function unknownNe(ne: string): { code: string; message: string } {
  return { code: 'UNKNOWN_NE', message: `memory driver: no NE '${ne}'` };
}

function badSid(p: SrPolicyConfig, sid: string): { code: string; message: string } {
  return { code: 'INVALID_SID', message: `${p.headend}/${p.name}: SID ${sid} is not a SID of the topology` };
}
