import { RouteComputer, policyKey } from './route-table';
import type { RouteVector } from './route-table';
import { resolvePolicy } from './policy-route';
import type { ResolvedPolicy } from './policy-route';
import { RoutingView } from './routing-view';
import type { TwinIndex } from './twin-index';
import type { TwinPolicy } from './twin-types';

/** Each policy's probe path (headend → endpoint) under the live up-mask, cached until the mask changes. */
export class ProbeRoutes {
  private resolved: ResolvedPolicy[] = [];
  private byKey = new Map<string, number>();
  private computer: RouteComputer;
  private view: RoutingView | undefined;
  private up: Uint8Array | undefined;
  private readonly vectors = new Map<number, RouteVector>();

  constructor(private readonly index: TwinIndex) {
    this.computer = new RouteComputer(index, []);
  }

  setPolicies(p: readonly TwinPolicy[]): void {
    this.resolved = p.map((x) => resolvePolicy(this.index, x));
    this.byKey = new Map(p.map((x, i) => [policyKey(x.headend, x.name), i]));
    this.computer = new RouteComputer(this.index, this.resolved);
  }

  invalidate(): void {
    this.view = undefined;
    this.up = undefined;
    this.vectors.clear();
  }

  /** The live effective up-mask, computed once per structural change. */
  effectiveUp(compute: () => Uint8Array): Uint8Array {
    this.up ??= compute();
    return this.up;
  }

  vector(headend: string, name: string, up: Uint8Array): RouteVector | undefined {
    const i = this.byKey.get(policyKey(headend, name));
    if (i === undefined) return undefined;
    let v = this.vectors.get(i);
    if (!v) {
      this.view ??= RoutingView.allUpMetrics(this.index, up);
      const rp = this.resolved[i]!;
      v = this.computer.compute(this.view, { src: rp.headend, dst: rp.endpoint, policy: i });
      this.vectors.set(i, v);
    }
    return v;
  }
}
