import { arcId, linkId, nodeId } from '../../model/ids';
import type { LinkObservation, NodeObservation } from '../observation';
import { FlapDetector, HardEventDetector } from './hard-event.detector';
import { arcsOf } from './sampling.fixture';

// A–B–C line plus B–D: B has three neighbours.
const arcs = arcsOf([
  ['A', 'B'],
  ['B', 'C'],
  ['B', 'D'],
]);
const link = (arc: string, up: boolean | null, stale = false): LinkObservation => ({
  arc: arcId(arc),
  link: linkId(arcs.find((a) => a.arc === arc)!.link),
  atMs: 0,
  up,
  utilisation: 0.2,
  stale,
});
const node = (id: string, status: 'up' | 'down' | 'unknown', silent = false): NodeObservation => ({
  node: nodeId(id),
  atMs: 0,
  status,
  silent,
});
const allUp = (): LinkObservation[] => arcs.map((a) => link(a.arc, true));
const nodesUp = (): NodeObservation[] => ['A', 'B', 'C', 'D'].map((n) => node(n, 'up'));

describe('HardEventDetector', () => {
  it('stays quiet on a healthy network', () => {
    expect(new HardEventDetector(arcs).update(0, allUp(), nodesUp())).toEqual([]);
  });

  it('opens link-down at once, both directions of the link as one signal, and keeps its start time', () => {
    const d = new HardEventDetector(arcs);
    const links = allUp().map((l) => (l.link === 'B-C' ? { ...l, up: false } : l));
    const first = d.update(1000, links, nodesUp());
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'link-down', arcs: ['B>C', 'C>B'] });
    const second = d.update(2000, links, nodesUp());
    expect(second[0]!.evidence.sinceMs).toBe(1000);
    expect(d.update(3000, allUp(), nodesUp())).toEqual([]);
  });

  it('never raises link-down from a stale report', () => {
    const links = allUp().map((l) => (l.link === 'B-C' ? { ...l, up: false, stale: true } : l));
    expect(new HardEventDetector(arcs).update(0, links, nodesUp())).toEqual([]);
  });

  it('calls a silent node whose neighbours see their facing interfaces down node-down, folding its links in', () => {
    const links = allUp().map((l) => {
      const info = arcs.find((a) => a.arc === l.arc)!;
      if (info.from === 'B') return { ...l, stale: true, up: null }; // B itself says nothing
      if (info.to === 'B') return { ...l, up: false }; // A, C, D see their ports towards B down
      return l;
    });
    const nodes = nodesUp().map((n) => (n.node === 'B' ? node('B', 'unknown', true) : n));
    const s = new HardEventDetector(arcs).update(0, links, nodes);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ kind: 'node-down', nodes: ['B'] });
    expect(s[0]!.evidence.facingDown).toBe(3);
  });

  it('calls a silent node whose neighbours still see it up a telemetry gap, not a failure', () => {
    const links = allUp().map((l) =>
      arcs.find((a) => a.arc === l.arc)!.from === 'B' ? { ...l, stale: true, up: null } : l,
    );
    const nodes = nodesUp().map((n) => (n.node === 'B' ? node('B', 'unknown', true) : n));
    const s = new HardEventDetector(arcs).update(0, links, nodes);
    expect(s.map((x) => x.kind)).toEqual(['telemetry-gap']);
    expect(s[0]!.nodes).toEqual(['B']);
  });

  it('calls a node that reports itself down node-down', () => {
    const nodes = nodesUp().map((n) => (n.node === 'D' ? node('D', 'down') : n));
    expect(new HardEventDetector(arcs).update(0, allUp(), nodes).map((s) => s.kind)).toEqual(['node-down']);
  });
});

describe('FlapDetector', () => {
  const seq = (d: FlapDetector, states: boolean[], stepMs: number): string[][] =>
    states.map((up, i) => d.update(i * stepMs, [link('A>B', up)]).map((s) => s.kind));

  it('raises flap at the fourth transition inside the window', () => {
    const out = seq(
      new FlapDetector({ transitions: 4, windowMs: 60_000 }),
      [true, false, true, false, true, true],
      1000,
    );
    expect(out.map((x) => x.length)).toEqual([0, 0, 0, 0, 1, 1]);
  });

  it('does not call one maintenance bounce a flap, nor transitions spread beyond the window', () => {
    expect(seq(new FlapDetector(), [true, false, true, true], 1000).flat()).toEqual([]);
    expect(
      seq(
        new FlapDetector({ transitions: 4, windowMs: 60_000 }),
        [true, false, true, false, true],
        30_000,
      ).flat(),
    ).toEqual([]);
  });
});
