import { arcId } from '../../model/ids';
import type { ArcId } from '../../model/ids';
import type { PathMeasurement, PathRow, ProbeDesigner, Signal } from '../observation';
import { arcsOf, mulberry32, rowOf } from '../detect/sampling.fixture';
import { locate } from './localiser';
import { measure } from './random-net.fixture';

const line = arcsOf([
  ['A', 'B'],
  ['B', 'C'],
  ['C', 'D'],
]);
// Every pair along the line, both ways: all six forward arcs are identifiable.
const lineRows: PathRow[] = [
  ['A', 'B', 'C', 'D'],
  ['A', 'B'],
  ['B', 'C'],
  ['C', 'D'],
  ['A', 'B', 'C'],
  ['B', 'C', 'D'],
].map((h, i) => rowOf(`p${i}`, h));

const faults = (entries: [string, number][]): Map<string, number> => new Map(entries);

describe('locate (loss)', () => {
  it('finds a single gray loss on a line as a one-link class with high confidence', () => {
    const m = measure(mulberry32(1), lineRows, faults([['B>C', 0.02]]));
    const r = locate({ kind: 'loss', rows: lineRows, arcs: line, measurements: m });
    expect(r.classes).toEqual([['B-C']]);
    expect(r.suspects[0]).toMatchObject({ kind: 'link', id: 'B-C', arc: 'B>C' });
    expect(r.suspects[0]!.probability).toBeGreaterThan(0.9);
    expect(r.confidence).toBeGreaterThan(0.9);
    expect(r.hypotheses[0]!.lossRates![0]).toBeGreaterThan(0.01);
    expect(r.crossCheck.agrees).toBe(true);
  });

  it('finds two faults on one path as two classes', () => {
    const m = measure(
      mulberry32(2),
      lineRows,
      faults([
        ['A>B', 0.03],
        ['C>D', 0.01],
      ]),
    );
    const r = locate({ kind: 'loss', rows: lineRows, arcs: line, measurements: m });
    // Node A is only ever a headend of the paths over A>B (and D only an end of those over C>D): each is
    // indistinguishable from its link, so both stay in the class; the link's higher prior ranks it first.
    expect([...r.classes].map((c) => [...c].sort().join()).sort()).toEqual(['A,A-B', 'C-D,D']);
    expect(r.hypotheses[0]!.elements.map((e) => e.id).sort()).toEqual(['A-B', 'C-D']);
  });

  it('locates a dead link (every probe over it lost) with its rate at 100 %', () => {
    const m = measure(mulberry32(9), lineRows, faults([['B>C', 1]]));
    const r = locate({ kind: 'loss', rows: lineRows, arcs: line, measurements: m });
    expect(r.classes).toEqual([['B-C']]);
    expect(r.hypotheses[0]!.lossRates![0]).toBeGreaterThan(0.99);
  });

  it('reports nothing when every path is at its background loss', () => {
    const m = measure(mulberry32(3), lineRows, faults([]));
    const r = locate({ kind: 'loss', rows: lineRows, arcs: line, measurements: m });
    expect(r.hypotheses).toEqual([]);
    expect(r.confidence).toBe(0);
  });

  it('reports an unidentifiable pair as one class with split probability, then narrows it with probes', () => {
    const rows = [rowOf('only', ['A', 'B', 'C'])];
    const m = measure(mulberry32(4), rows, faults([['A>B', 0.05]]));
    const designer: ProbeDesigner = (target, avoid) => {
      const hops = target === 'A>B' ? ['A', 'B'] : ['B', 'C'];
      const row = rowOf(`probe-${target}`, hops);
      return avoid.includes(target) ? [] : [{ headend: row.headend, segments: [`fc00:${hops[1]!}::`], row }];
    };
    const first = locate({ kind: 'loss', rows, arcs: line, measurements: m, designProbes: designer });
    expect(first.classes).toHaveLength(1);
    expect(first.equivalenceClass).toEqual(expect.arrayContaining(['A-B', 'B-C']));
    const pAB = first.suspects.find((s) => s.id === 'A-B')!.probability;
    const pBC = first.suspects.find((s) => s.id === 'B-C')!.probability;
    expect(pAB).toBeCloseTo(pBC, 6);
    expect(pAB).toBeLessThan(0.5);
    expect(first.disambiguation.map((p) => p.target).sort()).toEqual(['A>B', 'B>C']);

    // Next interval: the probes' rows and measurements join the policy's.
    const rows2 = [...rows, ...first.disambiguation.map((p) => p.row)];
    const m2 = measure(mulberry32(5), rows2, faults([['A>B', 0.05]]));
    const second = locate({
      kind: 'loss',
      rows: rows2,
      arcs: line,
      measurements: m2,
      designProbes: designer,
    });
    expect(second.equivalenceClass).toContain('A-B');
    expect(second.equivalenceClass).not.toContain('B-C');
    expect(second.suspects[0]!.id).toBe('A-B');
  });

  it('uses a counter signal as a prior to rank members of a class', () => {
    const rows = [rowOf('only', ['A', 'B', 'C'])];
    const m = measure(mulberry32(6), rows, faults([['B>C', 0.05]]));
    const crc: Signal = { kind: 'errors', atMs: 0, arcs: [arcId('B>C')], score: 5, detail: '', evidence: {} };
    const r = locate({ kind: 'loss', rows, arcs: line, measurements: m, signals: [crc] });
    expect(r.suspects[0]).toMatchObject({ id: 'B-C' });
    expect(r.suspects[0]!.probability).toBeGreaterThan(0.9);
    expect(r.equivalenceClass).toContain('A-B'); // still reported: the measurement alone cannot tell
  });
});

describe('locate over ECMP rows', () => {
  it('weighs each arc by the share of the policy it carries', () => {
    const diamond = arcsOf([
      ['A', 'B'],
      ['A', 'C'],
      ['B', 'D'],
      ['C', 'D'],
    ]);
    const half = (arc: string): { arc: ArcId; fraction: number } => ({ arc: arcId(arc), fraction: 0.5 });
    const ecmp: PathRow = {
      policy: 'ecmp',
      headend: 'A' as never,
      arcs: [half('A>B'), half('B>D'), half('A>C'), half('C>D')],
      nodes: ['A', 'B', 'C', 'D'] as never[],
    };
    const rows = [ecmp, rowOf('bd', ['B', 'D']), rowOf('cd', ['C', 'D'])];
    // 4 % on B>D: the ECMP policy loses half of that, the direct one all of it.
    const m: PathMeasurement[] = [
      { key: 'A/ecmp', sent: 4000, lost: 80 },
      { key: 'B/bd', sent: 4000, lost: 160 },
      { key: 'C/cd', sent: 4000, lost: 0 },
    ];
    const r = locate({ kind: 'loss', rows, arcs: diamond, measurements: m });
    expect(r.equivalenceClass).toContain('B-D');
    expect(r.equivalenceClass).not.toContain('A-B');
    expect(r.equivalenceClass).not.toContain('D');
    expect(r.hypotheses[0]!.lossRates![0]).toBeGreaterThan(0.03);
    expect(r.hypotheses[0]!.lossRates![0]).toBeLessThan(0.05);
  });
});

describe('locate: node versus link', () => {
  // A plus shape: X in the middle, N/E/S/W around it; paths cross X in every direction.
  const plus = arcsOf([
    ['N', 'X'],
    ['E', 'X'],
    ['S', 'X'],
    ['W', 'X'],
  ]);
  const rows = [
    ['N', 'X', 'S'],
    ['E', 'X', 'W'],
    ['N', 'X', 'E'],
    ['S', 'X', 'W'],
    ['W', 'X', 'N'],
    ['S', 'X', 'E'],
  ].map((h, i) => rowOf(`q${i}`, h));

  it('blames the node when every path through it loses alike', () => {
    const lossy = new Set(plus.filter((a) => a.to === 'X').map((a) => a.arc as string));
    // A node dropping 3 % of what it forwards: the same rate on every in-arc.
    const m = measure(mulberry32(7), rows, new Map([...lossy].map((a) => [a, 0.03])));
    const r = locate({ kind: 'loss', rows, arcs: plus, measurements: m });
    expect(r.suspects[0]).toMatchObject({ kind: 'node', id: 'X' });
    expect(r.classes).toHaveLength(1);
  });

  it('blames the link when only the paths over one arc lose', () => {
    const m = measure(mulberry32(8), rows, faults([['N>X', 0.03]]));
    const r = locate({ kind: 'loss', rows, arcs: plus, measurements: m });
    expect(r.suspects[0]).toMatchObject({ kind: 'link', id: 'N-X', arc: 'N>X' });
    expect(r.suspects.find((s) => s.id === 'X')?.probability ?? 0).toBeLessThan(0.01);
  });

  it('blames a link lossy both ways as one fault on that link, not the node at its end (ADR 0163)', () => {
    // N–X both ways at one rate: node N is on the same paths, and a node is one fault where the two arcs
    // were two; the link taken both ways is one fault too, so the class holds it
    const m = measure(
      mulberry32(12),
      rows,
      faults([
        ['N>X', 0.03],
        ['X>N', 0.03],
      ]),
    );
    const r = locate({ kind: 'loss', rows, arcs: plus, measurements: m });
    expect(r.classes).toHaveLength(1);
    expect([...r.classes[0]!].sort()).toEqual(['N', 'N-X']);
    expect([...r.equivalenceArcs].sort()).toEqual(['N>X', 'X>N']);
    expect(r.suspects.find((s) => s.id === 'N-X')!.probability).toBeGreaterThan(0.3);
  });

  it('keeps two arc faults when the two directions of a link lose at different rates', () => {
    const m = measure(
      mulberry32(13),
      rows,
      faults([
        ['E>X', 0.01],
        ['X>E', 0.05],
      ]),
    );
    const r = locate({ kind: 'loss', rows, arcs: plus, measurements: m });
    expect(r.hypotheses[0]!.elements.map((e) => (e.kind === 'link' ? e.arc : e.id)).sort()).toEqual([
      'E>X',
      'X>E',
    ]);
    expect(r.hypotheses[0]!.elements.every((e) => e.kind === 'link' && e.reverse === undefined)).toBe(true);
  });

  it('separates a link from the node it starts at with a probe over another arc of that node', () => {
    // One hop over any arc: what a node's End.X SID gives.
    const designer: ProbeDesigner = (target) => {
      const [from, to] = String(target).split('>');
      const row = rowOf(`probe:${target}`, [from!, to!]);
      return [{ headend: row.headend, segments: [`fc00:${to!}::`], row }];
    };
    const out = rows.filter((r) => r.policy !== 'q4'); // no path ends at N: N only heads the lossy paths
    const m = measure(mulberry32(10), out, faults([['N>X', 0.03]]));
    const first = locate({ kind: 'loss', rows: out, arcs: plus, measurements: m, designProbes: designer });
    expect([...first.classes[0]!].sort()).toEqual(['N', 'N-X']);
    const probe = first.disambiguation.find((p) => p.target === 'X>N')!;
    expect(probe.separates).toEqual(['N>X']);
    const rows2 = [...out, probe.row];
    const second = locate({
      kind: 'loss',
      rows: rows2,
      arcs: plus,
      measurements: measure(mulberry32(11), rows2, faults([['N>X', 0.03]])),
    });
    expect(second.classes).toEqual([['N-X']]);
  });
});

describe('locate: a link both ways', () => {
  // Every pair along the line, both ways.
  const both = [...lineRows, ...lineRows.map((r, i) => rowOf(`r${i}`, [...r.nodes].reverse()))];

  it('reports one class with both arcs and one rate for a link lossy both ways', () => {
    const m = measure(
      mulberry32(14),
      both,
      faults([
        ['B>C', 0.02],
        ['C>B', 0.02],
      ]),
    );
    const r = locate({ kind: 'loss', rows: both, arcs: line, measurements: m });
    expect(r.classes).toEqual([['B-C']]);
    expect([...r.equivalenceArcs].sort()).toEqual(['B>C', 'C>B']);
    expect(r.hypotheses[0]!.elements).toEqual([{ kind: 'link', id: 'B-C', arc: 'B>C', reverse: 'C>B' }]);
    expect(r.hypotheses[0]!.lossRates![0]).toBeCloseTo(0.02, 2);
    expect(r.crossCheck.agrees).toBe(true);
  });

  it('still blames one arc when only one direction loses', () => {
    const m = measure(mulberry32(15), both, faults([['C>B', 0.02]]));
    const r = locate({ kind: 'loss', rows: both, arcs: line, measurements: m });
    expect(r.classes).toEqual([['B-C']]);
    expect(r.equivalenceArcs).toEqual(['C>B']);
  });
});

describe('locate (latency)', () => {
  it('places a delay excess on the arc the delayed paths share, with its size', () => {
    const shifted: ArcId = arcId('C>D');
    const m: PathMeasurement[] = lineRows.map((r) => {
      const hit = r.arcs.some((a) => a.arc === shifted);
      return {
        key: `${r.headend}/${r.policy}`,
        sent: 1000,
        lost: 0,
        delayExcessUs: (hit ? 500 : 0) + ((r.policy.charCodeAt(1) % 3) - 1) * 10,
        delaySigmaUs: 20,
      };
    });
    const r = locate({ kind: 'latency', rows: lineRows, arcs: line, measurements: m });
    expect(r.classes).toEqual([['C-D', 'D']]);
    expect(r.suspects[0]).toMatchObject({ kind: 'link', id: 'C-D' });
    expect(r.hypotheses[0]!.lossRates![0]).toBeGreaterThan(450);
    expect(r.crossCheck.agrees).toBe(true);
  });
});

describe('locate (loss) against baselines learned a little low', () => {
  // a hub H and 20 spokes, every spoke pair through H (380 paths): H is on all of them
  const spokes = [...Array(20).keys()].map((i) => `S${i}`);
  const star = arcsOf(spokes.map((s) => [s, 'H'] as [string, string]));
  const rows: PathRow[] = spokes.flatMap((a) =>
    spokes.filter((b) => b !== a).map((b) => rowOf(`${a}-${b}`, [a, 'H', b])),
  );
  const measured = (rng: () => number, fault: Map<string, number>): PathMeasurement[] =>
    // true healthy loss 2e-4 per hop, baseline believed 1e-4 per hop
    measure(rng, rows, fault, 1000, 2e-4).map((m) => ({ ...m, baselineLoss: 1 - (1 - 1e-4) ** 2 }));

  it('blames no node for the small excess summed over its hundreds of paths, only the real fault', () => {
    const r = locate({
      kind: 'loss',
      rows,
      arcs: star,
      measurements: measured(mulberry32(4), faults([['S3>H', 0.02]])),
    });
    expect(r.classes).toEqual([['S3-H']]);
  });

  it('would blame the hub without the materiality floor (the floor is what removes it)', () => {
    const r = locate({
      kind: 'loss',
      rows,
      arcs: star,
      measurements: measured(mulberry32(4), faults([['S3>H', 0.02]])),
      options: { minLossRate: 0 },
    });
    expect(r.classes.flat()).toContain('H');
  });
});
