import type { TelemetryPoint } from '../../core/telemetry';
import type { SinkStats, TelemetrySink } from '../../ports/telemetry-store.port';

export type TwinListener = (points: readonly TelemetryPoint[]) => void;

/**
 * The twin's tap on the telemetry pipeline: a sink that hands every normalised batch, synchronously, to the
 * listener the TwinService attaches (points are applied as they are drained, so an oper-status change reaches
 * the twin within the sampling interval it was reported in). Points before a listener attaches are counted
 * as dropped.
 */
export class TwinSink implements TelemetrySink {
  readonly name = 'twin';
  private listener: TwinListener | undefined;
  private accepted = 0;
  private dropped = 0;
  private errors = 0;
  private lastError: string | undefined;

  attach(listener: TwinListener): void {
    this.listener = listener;
  }

  write(points: readonly TelemetryPoint[]): void {
    this.accepted += points.length;
    if (!this.listener) {
      this.dropped += points.length;
      return;
    }
    try {
      this.listener(points);
    } catch (e) {
      this.errors++;
      this.lastError = e instanceof Error ? e.message : String(e);
    }
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.listener = undefined;
    return Promise.resolve();
  }

  stats(): SinkStats {
    return {
      accepted: this.accepted,
      written: this.accepted - this.dropped,
      buffered: 0,
      dropped: this.dropped,
      failedWrites: this.errors,
      ...(this.lastError !== undefined && { lastError: this.lastError }),
    };
  }
}
