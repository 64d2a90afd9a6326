import type { NodeId } from '../../../core/model/ids';
import type { DriverStatus, NeDriver, TelemetrySample } from '../../../ports/ne-driver.port';

/** A hand-written NeDriver fake for telemetry specs: `emit` pushes samples to the current subscriber. */
export class FakeTelemetryDriver implements NeDriver {
  readonly protocol = 'fake';
  private onSample: ((s: TelemetrySample) => void) | undefined;
  subscribedTargets: readonly NodeId[] = [];
  closedSubscriptions = 0;

  constructor(private readonly nes: readonly NodeId[]) {}

  targets(): readonly NodeId[] {
    return this.nes;
  }
  setPolicies(): Promise<never[]> {
    return Promise.resolve([]);
  }
  deletePolicies(): Promise<never[]> {
    return Promise.resolve([]);
  }
  getPolicies(): Promise<never[]> {
    return Promise.resolve([]);
  }
  subscribe(targets: readonly NodeId[], onSample: (s: TelemetrySample) => void) {
    this.subscribedTargets = targets;
    this.onSample = onSample;
    return Promise.resolve({
      close: () => {
        this.onSample = undefined;
        this.closedSubscriptions++;
        return Promise.resolve();
      },
    });
  }
  emit(samples: readonly TelemetrySample[]): void {
    for (const s of samples) this.onSample?.(s);
  }
  status(): readonly DriverStatus[] {
    return this.nes.map((ne) => ({ ne, protocol: this.protocol, state: 'up' as const }));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
