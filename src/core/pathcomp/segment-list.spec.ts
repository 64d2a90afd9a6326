import fc from 'fast-check';
import type { ArcId } from '../model/ids';
import { SidTable, TopologyGraph } from '../topology';
import { weightedTopology } from './__fixtures__/small-topologies';
import { SegmentEncoder } from './segment-list';
import type { PathSegment } from './segment-list';

/**
 * The forwarding model written again from scratch (own all-pairs distances, own walk enumeration) so that a
 * bug in ecmp.ts or segment-list.ts cannot hide in both: every encoding is replayed here.
 */
class IndependentForwarder {
  private readonly dist = new Map<string, number>();

  constructor(
    private readonly topo: TopologyGraph,
    private readonly sids: SidTable,
  ) {
    const ids = [...topo.nodes()].map((n) => n.id as string);
    for (const a of ids) for (const b of ids) this.dist.set(`${a}|${b}`, a === b ? 0 : Infinity);
    for (const arc of topo.arcs()) {
      const key = `${arc.from}|${arc.to}`;
      this.dist.set(key, Math.min(this.dist.get(key)!, arc.igpMetric));
    }
    for (const k of ids)
      for (const i of ids)
        for (const j of ids) {
          const via = this.d(i, k) + this.d(k, j);
          if (via < this.d(i, j)) this.dist.set(`${i}|${j}`, via);
        }
  }

  private d(a: string, b: string): number {
    return this.dist.get(`${a}|${b}`)!;
  }

  /** Every arc sequence an IGP packet can follow from `from` to `to` (all shortest walks). */
  private walks(from: string, to: string): string[][] {
    if (from === to) return [[]];
    if (this.d(from, to) === Infinity) return [];
    const out: string[][] = [];
    for (const arc of this.topo.arcs()) {
      if (arc.from !== from || this.d(from, to) !== arc.igpMetric + this.d(arc.to, to)) continue;
      for (const rest of this.walks(arc.to, to)) out.push([arc.id, ...rest]);
    }
    return out;
  }

  /** The single arc sequence the SIDs produce from `src`, or null when forwarding can split or fails. */
  forward(src: string, sidTexts: readonly string[]): string[] | null {
    let at = src;
    const taken: string[] = [];
    for (const text of sidTexts) {
      const sid = this.sids.resolve(text);
      if (!sid) return null;
      const reach = this.walks(at, sid.node);
      if (reach.length !== 1) return null;
      taken.push(...reach[0]!);
      at = sid.node;
      if (sid.behavior === 'End.X') {
        taken.push(sid.arc!);
        at = this.topo.arc(sid.arc!).to;
      }
    }
    return taken;
  }
}

const sidsOf = (segs: readonly PathSegment[]): string[] => segs.map((s) => s.sid);

/** Small random topologies with ties and parallel links (to make ECMP splits likely), plus a simple path. */
const scenario = fc
  .record({
    n: fc.integer({ min: 3, max: 6 }),
    links: fc.array(
      fc.record({
        a: fc.nat(5),
        b: fc.nat(5),
        wab: fc.integer({ min: 1, max: 3 }),
        wba: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 3, maxLength: 11 },
    ),
    walk: fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }),
    start: fc.nat(5),
  })
  .map(({ n, links, walk, start }) => {
    const topo = TopologyGraph.build(weightedTopology(n, links, { capacityMbps: 100, delayUs: 10 }));
    return { topo, path: randomSimplePath(topo, `n${start % n}`, walk) };
  })
  .filter((s) => s.path.length > 0);

function randomSimplePath(topo: TopologyGraph, start: string, choices: readonly number[]): ArcId[] {
  const visited = new Set([start]);
  const path: ArcId[] = [];
  let at = start;
  for (const c of choices) {
    const next = topo.outArcs(topo.node(at).id).filter((a) => !visited.has(a.to));
    if (next.length === 0) break;
    const arc = next[c % next.length]!;
    path.push(arc.id);
    visited.add(arc.to);
    at = arc.to;
  }
  return path;
}

function* sequences(alphabet: readonly string[], length: number): Generator<string[]> {
  if (length === 0) {
    yield [];
    return;
  }
  for (const head of alphabet) for (const rest of sequences(alphabet, length - 1)) yield [head, ...rest];
}

describe('SegmentEncoder', () => {
  it('reproduces exactly the path under independent ECMP forwarding, never splitting', () => {
    fc.assert(
      fc.property(scenario, ({ topo, path }) => {
        const sids = SidTable.allocate(topo);
        const res = new SegmentEncoder(topo, sids).encode(path);
        if (!res.ok) throw new Error(res.reason);
        const src = topo.arc(path[0]!).from;
        expect(new IndependentForwarder(topo, sids).forward(src, sidsOf(res.segments))).toEqual(path);
        const last = res.segments.at(-1)!;
        const end = last.behavior === 'End' ? last.node : topo.arc(sids.resolve(last.sid)!.arc!).to;
        expect(end).toBe(topo.arc(path.at(-1)!).to);
      }),
      { numRuns: 300 },
    );
  });

  it('is minimal: no shorter SID sequence reproduces the path (brute force)', () => {
    fc.assert(
      fc.property(scenario, ({ topo, path }) => {
        const sids = SidTable.allocate(topo);
        const res = new SegmentEncoder(topo, sids).encode(path);
        if (!res.ok) throw new Error(res.reason);
        fc.pre(res.segments.length <= 4);
        const fwd = new IndependentForwarder(topo, sids);
        const src = topo.arc(path[0]!).from;
        const alphabet = [...sids.all()].map((s) => s.sid);
        for (let len = 1; len < res.segments.length; len++) {
          for (const seq of sequences(alphabet, len)) expect(fwd.forward(src, seq)).not.toEqual(path);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('respects the MSD and reports the minimum depth', () => {
    fc.assert(
      fc.property(scenario, ({ topo, path }) => {
        const enc = new SegmentEncoder(topo, SidTable.allocate(topo));
        const full = enc.encode(path);
        if (!full.ok) throw new Error(full.reason);
        const depth = full.segments.length;
        expect(enc.encode(path, { msd: depth })).toEqual(full);
        if (depth > 1) {
          expect(enc.encode(path, { msd: depth - 1 })).toMatchObject({ ok: false, minimumDepth: depth });
        }
      }),
    );
  });

  it('refuses a broken path and a bad MSD', () => {
    const topo = TopologyGraph.build({
      name: 'line',
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      links: [
        { id: 'ab', a: 'a', b: 'b', ab: { capacityMbps: 1, delayUs: 1, igpMetric: 1 }, ba: null },
        { id: 'bc', a: 'b', b: 'c', ab: { capacityMbps: 1, delayUs: 1, igpMetric: 1 }, ba: null },
      ],
    });
    const enc = new SegmentEncoder(topo, SidTable.allocate(topo));
    expect(enc.encode(['bc#ab', 'ab#ab'] as ArcId[]).ok).toBe(false);
    expect(enc.encode(['nope#ab'] as ArcId[]).ok).toBe(false);
    expect(enc.encode(['ab#ab'] as ArcId[], { msd: 0 }).ok).toBe(false);
    expect(enc.encode(['ab#ab', 'bc#ab'] as ArcId[])).toMatchObject({
      ok: true,
      segments: [{ behavior: 'End', node: 'c' }],
    });
  });
});
