import type { NodeId } from '../../../core/model/ids';
import type { NeDriver, ResourceResult, SrPolicyConfig } from '../../../ports/ne-driver.port';

type Ref = { readonly headend: NodeId; readonly name: string };

/**
 * Wraps a driver and injects the faults deploys must survive: a Set that times out although the NE applied
 * it, a Set or Delete refused by one headend, a driver that throws, and failures only from the n-th call.
 */
export class FaultyNeDriver implements NeDriver {
  readonly protocol: string;
  /** Headends whose Set is applied but answered with a timeout (outcome unknown to the caller). */
  readonly timeoutButApplied = new Set<NodeId>();
  /** Headends whose Set is refused. */
  readonly refuseSet = new Set<NodeId>();
  /** Headends whose Delete is refused. */
  readonly refuseDelete = new Set<NodeId>();
  /** Every call from this (1-based) Set call on throws. */
  throwFromSetCall = Infinity;
  setCalls = 0;

  constructor(private readonly inner: NeDriver) {
    this.protocol = inner.protocol;
  }

  targets(): readonly NodeId[] {
    return this.inner.targets();
  }

  async setPolicies(policies: readonly SrPolicyConfig[]): Promise<ResourceResult[]> {
    this.setCalls += 1;
    if (this.setCalls >= this.throwFromSetCall) throw new Error('faulty driver: connection reset');
    const refused = policies.filter((p) => this.refuseSet.has(p.headend));
    const results = await this.inner.setPolicies(policies.filter((p) => !this.refuseSet.has(p.headend)));
    const byRef = new Map(results.map((r) => [r.resource, r]));
    return policies.map((p): ResourceResult => {
      const resource = `${p.headend}/${p.name}`;
      if (refused.includes(p))
        return { resource, ok: false, error: { code: 'REFUSED', message: 'refused by NE' } };
      const r = byRef.get(resource) ?? {
        resource,
        ok: false,
        error: { code: 'INTERNAL', message: 'no result' },
      };
      if (r.ok && this.timeoutButApplied.has(p.headend))
        return { resource, ok: false, error: { code: 'TIMEOUT', message: 'deadline exceeded' } };
      return r;
    });
  }

  async deletePolicies(refs: readonly Ref[]): Promise<ResourceResult[]> {
    const results = await this.inner.deletePolicies(refs.filter((r) => !this.refuseDelete.has(r.headend)));
    const byRef = new Map(results.map((r) => [r.resource, r]));
    return refs.map((ref): ResourceResult => {
      const resource = `${ref.headend}/${ref.name}`;
      if (this.refuseDelete.has(ref.headend))
        return { resource, ok: false, error: { code: 'REFUSED', message: 'delete refused by NE' } };
      return byRef.get(resource) ?? { resource, ok: true, value: undefined };
    });
  }

  getPolicies(headends: readonly NodeId[]): ReturnType<NeDriver['getPolicies']> {
    return this.inner.getPolicies(headends);
  }

  subscribe(...args: Parameters<NeDriver['subscribe']>): ReturnType<NeDriver['subscribe']> {
    return this.inner.subscribe(...args);
  }

  status(): ReturnType<NeDriver['status']> {
    return this.inner.status();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
