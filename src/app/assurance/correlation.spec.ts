import { touches } from './correlation';

/** A–B–C–D in a line, with a spur B–E. */
const ends = new Map<string, readonly [string, string]>([
  ['A-B', ['A', 'B']],
  ['B-C', ['B', 'C']],
  ['C-D', ['C', 'D']],
  ['B-E', ['B', 'E']],
]);

describe('touches', () => {
  it('two sets sharing an element touch, with or without incidence', () => {
    expect(touches(['A-B', 'B'], ['B'], ends, false)).toBe(true);
    expect(touches(['C-D'], ['B-C', 'C-D'], ends, true)).toBe(true);
  });
  it('without incidence, a node does not touch the links at it', () => {
    expect(touches(['B'], ['B-E'], ends, false)).toBe(false);
  });
  it('a fault placed on a node touches a fault on a link at that node, from either side', () => {
    expect(touches(['B'], ['B-E'], ends, true)).toBe(true);
    expect(touches(['B-E'], ['B'], ends, true)).toBe(true);
    expect(touches(['A-B', 'B', 'B-C'], ['B-E'], ends, true)).toBe(true);
  });
  it("the end nodes of a finding's measured paths do not make it touch a link at them", () => {
    // a path A→C measured end to end: its class is the whole path, A and C included
    const path = ['A', 'A-B', 'B', 'B-C', 'C'];
    expect(touches(['C-D'], path, ends, true)).toBe(true);
    expect(touches(['C-D'], path, ends, true, { b: new Set(['A', 'C']) })).toBe(false);
    expect(touches(path, ['C-D'], ends, true, { a: new Set(['A', 'C']) })).toBe(false);
    // a transit node still counts, and only the side named loses its end nodes
    expect(touches(['B-E'], path, ends, true, { b: new Set(['A', 'C']) })).toBe(true);
    // a class of one node is placed there: an intent ending at a node that is down is still that node's fault
    expect(touches(['C'], ['C-D'], ends, true, { a: new Set(['C']) })).toBe(true);
    expect(touches(['C', 'B-C'], ['C-D'], ends, true, { a: new Set(['C']) })).toBe(false);
    expect(touches(['C', 'B-C'], ['C-D'], ends, true, { b: new Set(['C']) })).toBe(true);
  });
  it('a node not at an end of any link in the other set does not touch it', () => {
    expect(touches(['D'], ['A-B', 'B-E'], ends, true)).toBe(false);
  });
});
