import fc from 'fast-check';
import { mulberry32 } from '../detect/sampling.fixture';
import type { Localisation, PathRow } from '../observation';
import { locate } from './localiser';
import { measure, ringWithChords, signatureOf } from './random-net.fixture';

/** A random case: a ring-plus-chords network (ml-faults.md §1, scaled down), 1–3 gray faults of 1–5 %. */
const caseArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  nodes: fc.integer({ min: 12, max: 24 }),
  faults: fc.integer({ min: 1, max: 3 }),
});

/** The other direction of arc `a` (`X>Y` → `Y>X`). */
const reverse = (a: string): string => a.split('>').reverse().join('>');

/**
 * `c.faults` faults, each on one arc, or with `bothWays` on a whole link: both its arcs at one rate (what a
 * simulator link fault is), when both are measured.
 */
function run(
  c: { seed: number; nodes: number; faults: number },
  bothWays = false,
): {
  rows: PathRow[];
  truth: string[];
  r: Localisation;
} {
  const rng = mulberry32(c.seed);
  const net = ringWithChords(rng, c.nodes, Math.round(c.nodes * 0.75), Math.min(8, c.nodes), 2);
  const covered = [...new Set(net.rows.flatMap((r) => r.arcs.map((a) => String(a.arc))))].sort();
  const truth: string[] = [];
  const rates = new Map<string, number>();
  for (let n = 0; n < c.faults;) {
    const a = covered[Math.floor(rng() * covered.length)]!;
    if (truth.includes(a)) continue;
    const rate = 0.01 + rng() * 0.04;
    const ways = bothWays && covered.includes(reverse(a)) ? [a, reverse(a)] : [a];
    if (ways.some((w) => truth.includes(w))) continue;
    for (const w of ways) {
      truth.push(w);
      rates.set(w, rate);
    }
    n++;
  }
  const m = measure(rng, net.rows, rates);
  return {
    rows: net.rows,
    truth,
    r: locate({ kind: 'loss', rows: net.rows, arcs: net.arcs, measurements: m }),
  };
}

/**
 * Right up to equivalence: one reported class per distinct true class (a link lossy both ways may be one
 * class or two), holding exactly the true classes' arcs.
 */
function classCorrect(rows: readonly PathRow[], truth: readonly string[], r: Localisation): boolean {
  const sigs = new Set(truth.map((a) => signatureOf(rows, a)));
  const pairs = truth.filter((a) => a < reverse(a) && truth.includes(reverse(a))).length;
  return (
    r.classes.length >= sigs.size - pairs &&
    r.classes.length <= sigs.size &&
    truth.every((a) => r.equivalenceArcs.includes(a as never)) &&
    r.equivalenceArcs.every((a) => sigs.has(signatureOf(rows, a)))
  );
}

describe('locate on random ring-plus-chords networks', () => {
  it('keeps its posterior coherent and never singles out one of several indistinguishable links', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { rows, r } = run(c);
        const total = r.hypotheses.reduce((s, h) => s + h.probability, 0);
        expect(total).toBeLessThanOrEqual(1 + 1e-9);
        for (let i = 1; i < r.hypotheses.length; i++)
          expect(r.hypotheses[i]!.probability).toBeLessThanOrEqual(r.hypotheses[i - 1]!.probability + 1e-12);
        for (const s of r.suspects) expect(s.probability).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
        // Every arc indistinguishable from a reported arc is reported too, with the same probability.
        const allArcs = [...new Set(rows.flatMap((row) => row.arcs.map((a) => String(a.arc))))];
        for (const a of r.equivalenceArcs) {
          const sig = signatureOf(rows, a);
          const mates = allArcs.filter((b) => signatureOf(rows, b) === sig);
          for (const b of mates) expect(r.equivalenceArcs).toContain(b);
          const p = (arc: string): number => r.suspects.find((s) => s.arc === arc)?.probability ?? 0;
          for (const b of mates) expect(p(b)).toBeCloseTo(p(a), 9);
        }
      }),
      { numRuns: 25, seed: 4242 },
    );
  }, 60_000);

  it('is right up to equivalence class for ≥ 95 / 90 / 80 % of 1 / 2 / 3 gray faults on sparse k = 2 routing', () => {
    const cases = fc.sample(caseArb, { numRuns: 90, seed: 77 });
    const byCount = new Map<number, { ok: number; n: number }>();
    for (const c of cases) {
      const { rows, truth, r } = run(c);
      const cell = byCount.get(c.faults) ?? { ok: 0, n: 0 };
      cell.n++;
      if (classCorrect(rows, truth, r)) cell.ok++;
      byCount.set(c.faults, cell);
    }
    const rate = (k: number): number => byCount.get(k)!.ok / byCount.get(k)!.n;
    expect(rate(1)).toBeGreaterThanOrEqual(0.95);
    expect(rate(2)).toBeGreaterThanOrEqual(0.9);
    expect(rate(3)).toBeGreaterThanOrEqual(0.8);
  }, 120_000);

  it('finds faults on whole links (both ways, one rate) as their links, not the nodes at their ends', () => {
    const cases = fc.sample(caseArb, { numRuns: 90, seed: 78 });
    const byCount = new Map<number, { ok: number; n: number }>();
    let onNode = 0;
    for (const c of cases) {
      const { rows, truth, r } = run(c, true);
      const cell = byCount.get(c.faults) ?? { ok: 0, n: 0 };
      cell.n++;
      if (classCorrect(rows, truth, r)) cell.ok++;
      byCount.set(c.faults, cell);
      // a class of nodes only, where the truth is links
      onNode += r.classes.filter((cls) => cls.every((id) => !id.includes('-'))).length;
    }
    const rate = (k: number): number => byCount.get(k)!.ok / byCount.get(k)!.n;
    expect(rate(1)).toBeGreaterThanOrEqual(0.95);
    expect(rate(2)).toBeGreaterThanOrEqual(0.9);
    expect(rate(3)).toBeGreaterThanOrEqual(0.8);
    expect(onNode).toBeLessThanOrEqual(2);
  }, 120_000);
});
