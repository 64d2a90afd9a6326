import { SimClock } from './sim.clock';
import { SimEngine } from './sim.engine';
import { diamond } from './sim.fixtures';

describe('SimClock', () => {
  let real = 0;
  beforeEach(() => {
    jest.useFakeTimers();
    real = 0;
  });
  afterEach(() => jest.useRealTimers());

  const advance = (ms: number): void => {
    for (let i = 0; i < ms; i++) {
      real++;
      jest.advanceTimersByTime(1);
    }
  };

  it('runs one tick per tickMs / speed of real time, with simulated timestamps', () => {
    const e = new SimEngine({ topology: diamond(), tickMs: 1000, startMs: 0 });
    const clock = new SimClock(e, { speed: 10, realNow: () => real });
    const seen: number[] = [];
    e.onTick((t) => seen.push(t));
    clock.start();
    advance(1000);
    expect(e.ticks).toBe(10);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => k * 1000));
    clock.stop();
    advance(500);
    expect(e.ticks).toBe(10);
  });

  it('catches up at most maxCatchUpTicks per callback and counts skipped ticks', () => {
    const e = new SimEngine({ topology: diamond(), tickMs: 100, startMs: 0 });
    const clock = new SimClock(e, { speed: 1, maxCatchUpTicks: 3, realNow: () => real });
    clock.start();
    real += 1000; // the host stalled for a second before the first tick's timer fired
    jest.advanceTimersByTime(100);
    expect(e.ticks).toBe(3);
    expect(clock.skipped).toBe(7);
    advance(200);
    expect(e.ticks).toBe(5);
    clock.stop();
  });

  it('refuses a non-positive speed', () => {
    expect(() => new SimClock(new SimEngine({ topology: diamond() }), { speed: 0 })).toThrow(RangeError);
  });
});
