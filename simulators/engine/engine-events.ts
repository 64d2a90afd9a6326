export type OperListener = (ne: string, ifName: string, up: boolean, nowMs: number) => void;
export type TickListener = (nowMs: number) => void;

/**
 * The engine's listeners. A listener that throws (a front end's bug) is counted and skipped: it never stops
 * the simulated network or the other listeners.
 */
export class EngineEvents {
  private readonly tickListeners = new Set<TickListener>();
  private readonly operListeners = new Set<OperListener>();
  errors = 0;
  lastError: unknown = undefined;

  onTick(listener: TickListener): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  onOperStatus(listener: OperListener): () => void {
    this.operListeners.add(listener);
    return () => this.operListeners.delete(listener);
  }

  tick(nowMs: number): void {
    for (const l of this.tickListeners) this.call(() => l(nowMs));
  }

  operStatus(ne: string, ifName: string, up: boolean, nowMs: number): void {
    for (const l of this.operListeners) this.call(() => l(ne, ifName, up, nowMs));
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.errors++;
      this.lastError = err;
    }
  }
}
