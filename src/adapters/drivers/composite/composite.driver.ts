import type { NodeId } from '../../../core/model/ids';
import type {
  DriverListenerStatus,
  DriverStatus,
  NeDriver,
  ResourceResult,
  SrPolicyConfig,
  TelemetrySample,
  TelemetrySubscription,
} from '../../../ports/ne-driver.port';

/**
 * One NeDriver over several: each NE is reached by the first driver that lists it as a target (gNMI for
 * modern NEs, SNMP for legacy ones). Calls are split by NE, run in parallel, and their per-resource results
 * are put back in the caller's order; an NE no driver reaches fails alone with UNREACHABLE.
 */
export class CompositeNeDriver implements NeDriver {
  readonly protocol: string;
  private readonly owner = new Map<NodeId, NeDriver>();

  constructor(private readonly drivers: readonly NeDriver[]) {
    this.protocol = drivers.map((d) => d.protocol).join('+');
    for (const d of drivers) for (const t of d.targets()) if (!this.owner.has(t)) this.owner.set(t, d);
  }

  targets(): readonly NodeId[] {
    return [...this.owner.keys()];
  }

  setPolicies(policies: readonly SrPolicyConfig[]): Promise<ResourceResult[]> {
    return this.fanOut(
      policies,
      (p) => p.headend,
      (d, part) => d.setPolicies(part),
      (p) => p.name,
    );
  }

  deletePolicies(
    refs: readonly { readonly headend: NodeId; readonly name: string }[],
  ): Promise<ResourceResult[]> {
    return this.fanOut(
      refs,
      (r) => r.headend,
      (d, part) => d.deletePolicies(part),
      (r) => r.name,
    );
  }

  getPolicies(headends: readonly NodeId[]): Promise<ResourceResult<readonly SrPolicyConfig[]>[]> {
    return this.fanOut(
      headends,
      (h) => h,
      (d, part) => d.getPolicies(part),
      (h) => h,
    );
  }

  async subscribe(
    targets: readonly NodeId[],
    onSample: (sample: TelemetrySample) => void,
    options?: { readonly sampleIntervalMs?: number },
  ): Promise<TelemetrySubscription> {
    const groups = this.group(targets, (t) => t);
    const subs = await Promise.all(
      [...groups].filter(([d]) => d !== undefined).map(([d, g]) => d!.subscribe(g.items, onSample, options)),
    );
    return { close: async () => void (await Promise.all(subs.map((s) => s.close()))) };
  }

  configurable(ne: NodeId): boolean {
    const d = this.owner.get(ne);
    return d !== undefined && (d.configurable?.(ne) ?? true);
  }

  listeners(): readonly DriverListenerStatus[] {
    return this.drivers.flatMap((d) => d.listeners?.() ?? []);
  }

  status(): readonly DriverStatus[] {
    return this.drivers.flatMap((d) => d.status().filter((s) => this.owner.get(s.ne) === d));
  }

  async close(): Promise<void> {
    await Promise.all(this.drivers.map((d) => d.close()));
  }

  private group<T>(
    items: readonly T[],
    neOf: (item: T) => NodeId,
  ): Map<NeDriver | undefined, { items: T[]; at: number[] }> {
    const groups = new Map<NeDriver | undefined, { items: T[]; at: number[] }>();
    items.forEach((item, i) => {
      const d = this.owner.get(neOf(item));
      const g = groups.get(d) ?? { items: [], at: [] };
      g.items.push(item);
      g.at.push(i);
      groups.set(d, g);
    });
    return groups;
  }

  private async fanOut<T, R>(
    items: readonly T[],
    neOf: (item: T) => NodeId,
    call: (d: NeDriver, part: T[]) => Promise<ResourceResult<R>[]>,
    resourceOf: (item: T) => string,
  ): Promise<ResourceResult<R>[]> {
    const out = new Array<ResourceResult<R>>(items.length);
    await Promise.all(
      [...this.group(items, neOf)].map(async ([d, g]) => {
        const results: ResourceResult<R>[] = d
          ? await call(d, g.items)
          : g.items.map((item) => ({
              resource: resourceOf(item),
              ok: false as const,
              error: { code: 'UNREACHABLE', message: `no driver reaches NE '${neOf(item)}'` },
            }));
        results.forEach((r, k) => (out[g.at[k]!] = r));
      }),
    );
    return out;
  }
}
