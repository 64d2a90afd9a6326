import type { SimEngine } from './sim.engine';

export interface SimClockOptions {
  /** Simulated time per real time (1 = real time, 60 = a simulated minute per second). */
  readonly speed?: number;
  /** Most ticks run in one timer callback when the process falls behind; the rest are skipped. */
  readonly maxCatchUpTicks?: number;
  /** Real-time source in ms (for tests); default Date.now. */
  readonly realNow?: () => number;
}

/**
 * Drives a SimEngine from real time: one tick every tickMs / speed real milliseconds, catching up by at most
 * maxCatchUpTicks per timer callback (a slow host then runs slower than asked instead of freezing).
 * Simulated time only ever moves by whole ticks, so every timestamp stays a simulated one.
 */
export class SimClock {
  private readonly speed: number;
  private readonly maxCatchUp: number;
  private readonly realNow: () => number;
  private timer: NodeJS.Timeout | undefined;
  private realStart = 0;
  private ticksAtStart = 0;
  /** Ticks that were skipped because the host could not keep up. */
  skipped = 0;

  constructor(
    private readonly engine: SimEngine,
    options: SimClockOptions = {},
  ) {
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0)) throw new RangeError('sim-clock: speed must be positive');
    this.maxCatchUp = options.maxCatchUpTicks ?? 100;
    this.realNow = options.realNow ?? Date.now;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.realStart = this.realNow();
    this.ticksAtStart = this.engine.ticks;
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private get realPerTick(): number {
    return this.engine.tickMs / this.speed;
  }

  private schedule(): void {
    const nextDue = this.realStart + (this.engine.ticks - this.ticksAtStart + 1) * this.realPerTick;
    const wait = Math.max(0, nextDue - this.realNow());
    this.timer = setTimeout(() => this.fire(), wait);
  }

  private fire(): void {
    if (!this.timer) return;
    const due =
      Math.floor((this.realNow() - this.realStart) / this.realPerTick) -
      (this.engine.ticks - this.ticksAtStart);
    const run = Math.min(due, this.maxCatchUp);
    for (let i = 0; i < run; i++) this.engine.step();
    if (due > run) {
      this.skipped += due - run;
      this.ticksAtStart -= due - run;
    }
    if (this.timer) this.schedule();
  }
}
