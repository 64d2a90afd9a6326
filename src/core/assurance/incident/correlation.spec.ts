import fc from 'fast-check';
import { arcId, linkId, nodeId } from '../../model/ids';
import type { ArcInfo, Signal } from '../observation';
import { advanceClear, correlate, extendScope } from '.';
import type { IncidentScope } from '.';

const arcs = new Map<string, ArcInfo>(
  [
    ['A>B', 'AB', 'A', 'B'],
    ['B>A', 'AB', 'B', 'A'],
    ['B>C', 'BC', 'B', 'C'],
    ['C>D', 'CD', 'C', 'D'],
  ].map(([a, l, f, t]) => [a!, { arc: arcId(a!), link: linkId(l!), from: nodeId(f!), to: nodeId(t!) }]),
);
const sig = (
  kind: Signal['kind'],
  at: number,
  scope: { arcs?: string[]; nodes?: string[]; policies?: string[] },
): Signal => ({
  kind,
  atMs: at,
  ...(scope.arcs ? { arcs: scope.arcs.map(arcId) } : {}),
  ...(scope.nodes ? { nodes: scope.nodes.map(nodeId) } : {}),
  ...(scope.policies ? { policies: scope.policies } : {}),
  score: 10,
  detail: kind,
  evidence: {},
});
const opts = { windowMs: 60_000, arcs };

describe('incident correlation', () => {
  it('two signals on one link (both directions, loss and errors) open one incident', () => {
    const r = correlate(
      [],
      [sig('loss', 0, { arcs: ['A>B'], policies: ['A/p1'] }), sig('errors', 0, { arcs: ['B>A'] })],
      0,
      opts,
    );
    expect(r.opened).toHaveLength(1);
    expect(r.opened[0]).toHaveLength(2);
  });

  it('a later signal on the same link joins the open incident inside the window, opens a new one after it', () => {
    const scope = extendScope('inc-1', undefined, [sig('loss', 0, { arcs: ['A>B'] })], 0, arcs);
    const inside = correlate([scope], [sig('latency', 30_000, { arcs: ['B>A'] })], 30_000, opts);
    expect([...inside.attached.keys()]).toEqual(['inc-1']);
    expect(inside.opened).toHaveLength(0);
    const after = correlate([scope], [sig('latency', 90_000, { arcs: ['B>A'] })], 90_000, opts);
    expect(after.attached.size).toBe(0);
    expect(after.opened).toHaveLength(1);
  });

  it('faults on disjoint links stay separate, even when they share an end node', () => {
    const r = correlate(
      [],
      [
        sig('link-down', 0, { arcs: ['A>B'] }),
        sig('link-down', 0, { arcs: ['C>D'] }),
        sig('link-down', 0, { arcs: ['B>C'] }),
      ],
      0,
      opts,
    );
    expect(r.opened).toHaveLength(3);
  });

  it('a node-down groups the link-downs around it into one incident', () => {
    const r = correlate(
      [],
      [
        sig('link-down', 0, { arcs: ['A>B'] }),
        sig('node-down', 0, { nodes: ['B'] }),
        sig('link-down', 0, { arcs: ['B>C'] }),
      ],
      0,
      opts,
    );
    expect(r.opened).toHaveLength(1);
    expect(r.opened[0]).toHaveLength(3);
  });

  it('signals sharing a policy correlate', () => {
    const scope: IncidentScope = extendScope(
      'inc-2',
      undefined,
      [sig('drift', 0, { policies: ['A/p9'] })],
      0,
    );
    const r = correlate([scope], [sig('loss', 10, { policies: ['A/p9'] })], 10, opts);
    expect(r.attached.get('inc-2')).toHaveLength(1);
  });

  it('resolves only after K quiet intervals in a row', () => {
    let s = { quietIntervals: 0 };
    const fired = [false, false, true, false, false, false];
    const resolvedAt = fired.findIndex((f) => {
      const n = advanceClear(s, f, 3);
      s = n;
      return n.resolved;
    });
    expect(resolvedAt).toBe(5);
  });
});

describe('incident correlation properties', () => {
  const arcIds = [...arcs.keys()];
  const signalArb = fc
    .record({
      kind: fc.constantFrom<Signal['kind']>('loss', 'latency', 'errors', 'link-down'),
      arc: fc.constantFrom(...arcIds),
      policy: fc.option(fc.constantFrom('A/p1', 'C/p2'), { nil: undefined }),
    })
    .map(({ kind, arc, policy }) => sig(kind, 0, { arcs: [arc], ...(policy ? { policies: [policy] } : {}) }));

  it('every signal lands exactly once, and no two new groups overlap', () => {
    fc.assert(
      fc.property(fc.array(signalArb, { maxLength: 20 }), fc.boolean(), (signals, withOpen) => {
        const open = withOpen
          ? [extendScope('inc-0', undefined, [sig('loss', 0, { arcs: ['A>B'] })], 0, arcs)]
          : [];
        const r = correlate(open, signals, 0, opts);
        const placed = [...[...r.attached.values()].flat(), ...r.opened.flat()];
        expect(placed).toHaveLength(signals.length);
        expect(new Set(placed).size).toBe(new Set(signals).size);
        const links = r.opened.map(
          (g) => new Set(g.flatMap((s) => s.arcs ?? []).map((a) => arcs.get(a)!.link)),
        );
        const pols = r.opened.map((g) => new Set(g.flatMap((s) => s.policies ?? [])));
        for (let i = 0; i < links.length; i++) {
          for (let j = i + 1; j < links.length; j++) {
            expect([...links[i]!].some((l) => links[j]!.has(l))).toBe(false);
            expect([...pols[i]!].some((p) => pols[j]!.has(p))).toBe(false);
          }
        }
        if (withOpen)
          expect(
            placed.filter(
              (s) => r.opened.flat().includes(s) && s.arcs?.some((a) => arcs.get(a)!.link === 'AB'),
            ),
          ).toHaveLength(0);
      }),
    );
  });
});
