import type { LoopObservation, ObservedPath } from '../assurance-engine';
import { dropRatios, LinkLoads, offeredRise } from './surge-root';

/** Two links, X (arcs X:ab, X:ba) and Y (Y:ab, Y:ba); `u` and `d` per arc. */
function obs(at: number, u: Record<string, number>, d: Record<string, number>, paths: ObservedPath[] = []) {
  const arcs = ['X:ab', 'X:ba', 'Y:ab', 'Y:ba'];
  return {
    at,
    intervalMs: 1000,
    links: arcs.map((arc) => ({
      link: arc.slice(0, 1),
      arc,
      from: arc.endsWith('ab') ? 'a' : 'b',
      to: arc.endsWith('ab') ? 'b' : 'a',
      status: 'up' as const,
      utilisation: u[arc] ?? 0,
      discardsPs: d[arc] ?? 0,
      stale: false,
    })),
    nodes: [],
    paths,
    drift: [],
    silent: [],
  } satisfies LoopObservation;
}

const path = (id: string, arcs: string[], lost: number): ObservedPath => ({
  id,
  headend: 'a',
  policy: id,
  probeOnly: false,
  links: arcs.map((arc) => ({ link: arc.slice(0, 1), arc, to: 'b', share: 1 })),
  nodes: ['a', 'b'],
  probesSent: 1000,
  probesLost: lost,
  delayUs: 100,
  jitterUs: 1,
});

describe('surge root (ADR 0150)', () => {
  it('reads drop ratios per arc from probe loss, dividing out the other discarding arcs on a path', () => {
    const r = dropRatios(
      obs(1000, {}, { 'X:ab': 10, 'Y:ab': 10 }, [path('p', ['X:ab'], 300), path('q', ['X:ab', 'Y:ab'], 370)]),
    );
    expect(r.get('X:ab')).toBeCloseTo(0.3, 6);
    expect(r.get('Y:ab')).toBeCloseTo(0.1, 6);
    expect(r.has('X:ba')).toBe(false);
  });

  it('offered-load rise: carried over (1 − drop) against the lowest load before the drops began', () => {
    const xs = [
      { at: 1, u: 0.2, d: 0 },
      { at: 2, u: 0.1, d: 0 },
      { at: 3, u: 1, d: 5 },
    ];
    expect(offeredRise(xs, 0.5)).toBeCloseTo(20, 6);
    expect(offeredRise(xs.slice(2), 0.5)).toBeUndefined(); // no history before the drops
    expect(offeredRise(xs.slice(0, 2), 0)).toBeUndefined(); // not dropping now
  });

  it("judges the surged direction: a busy reverse direction does not hide the root's rise", () => {
    const loads = new LinkLoads();
    for (let t = 1000; t <= 3000; t += 1000)
      loads.observe(obs(t, { 'X:ab': 0.1, 'X:ba': 0.6, 'Y:ab': 0.6, 'Y:ba': 0.6 }, {}));
    loads.observe(
      obs(4000, { 'X:ab': 1, 'X:ba': 0.6, 'Y:ab': 1, 'Y:ba': 0.6 }, { 'X:ab': 300, 'Y:ab': 100 }, [
        path('p', ['X:ab'], 300),
        path('q', ['Y:ab'], 167),
      ]),
    );
    // X:ab offered 1/0.7 ≈ 1.43 against 0.1; Y:ab 1/0.833 = 1.2 against 0.6
    expect(loads.rise(['X'])).toBeCloseTo(14.3, 1);
    expect(loads.rise(['Y'])).toBeCloseTo(2.0, 1);
    expect(loads.dropStart('X')).toBe(4000);
    expect(loads.dropStart('Y')).toBe(4000);
  });
});
