import { parseGlpkSolution } from './glpk-solution';

/** Solution files in the shape glpsol 5.0 writes with `-w` (see ADR 0012). */
const solution = (prim: string, dual: string, obj: string): string =>
  [
    'c Problem:',
    'c Rows:       3',
    'c',
    `s bas 3 3 ${prim} ${dual} ${obj}`,
    'i 1 s 10 0.08',
    'j 1 b 0.83 0',
    'e o f',
    '',
  ].join('\n');

describe('parseGlpkSolution', () => {
  it('reads the objective of an optimal basic solution', () => {
    expect(parseGlpkSolution(solution('f', 'f', '0.833333333333333'))).toEqual({
      ok: true,
      objective: 0.833333333333333,
    });
  });

  it('gives no objective unless primal and dual are both feasible', () => {
    for (const [p, d] of [
      ['u', 'u'],
      ['f', 'u'],
      ['n', 'f'],
      ['i', 'f'],
    ] as const) {
      const out = parseGlpkSolution(solution(p, d, '0'));
      expect(out.ok).toBe(false);
    }
    expect(parseGlpkSolution('')).toMatchObject({ ok: false });
  });

  it('reads an interior-point solution, optimal only with status o', () => {
    expect(parseGlpkSolution('c\ns ipt 4888 13329 o 0.899902000460177\ne o f\n')).toEqual({
      ok: true,
      objective: 0.899902000460177,
    });
    expect(parseGlpkSolution('s ipt 3 3 u 0\n').ok).toBe(false);
    expect(parseGlpkSolution('s ipt 3 3 n 0\n').ok).toBe(false);
  });
});
