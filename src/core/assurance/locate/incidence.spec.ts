import fc from 'fast-check';
import { arcId, linkId, nodeId } from '../../model/ids';
import type { ArcId, NodeId } from '../../model/ids';
import { policyKey } from '../observation';
import type { ArcInfo, Element, PathRow } from '../observation';
import { arcKey, buildIncidence, linkKey, nodeKey } from './incidence';
import type { Candidate, EquivalenceClass, Incidence } from './incidence';

/**
 * The straightforward construction (per-row maps, string signatures) that the typed-array one replaced for
 * speed at 10k paths: kept here as the oracle.
 */
function referenceIncidence(
  rows: readonly PathRow[],
  arcs: readonly ArcInfo[],
  measured: ReadonlySet<string>,
  priorOf: (key: string, element: Element) => number,
): Omit<Incidence, 'rows'> {
  const info = new Map(arcs.map((a) => [a.arc, a]));
  const used = rows.filter((r) => measured.has(policyKey(r.headend, r.policy)));
  const pathKeys = used.map((r) => policyKey(r.headend, r.policy));
  const acc = new Map<string, { element: Element; paths: number[]; fractions: number[] }>();
  // One entry (key + element) per arc and node, made once: rows repeat them thousands of times.
  const entry = (
    key: string,
    element: () => Element,
  ): { element: Element; paths: number[]; fractions: number[] } => {
    let e = acc.get(key);
    if (!e) {
      e = { element: element(), paths: [], fractions: [] };
      acc.set(key, e);
    }
    return e;
  };
  const arcEntry = new Map<ArcId, ReturnType<typeof entry>>();
  for (const a of arcs)
    arcEntry.set(
      a.arc,
      entry(arcKey(a.arc), () => ({ kind: 'link', id: a.link, arc: a.arc })),
    );
  const nodeIn = new Map<string, number>();
  const nodeOut = new Map<string, number>();
  const arcShare = new Map<ArcId, number>();
  used.forEach((row, i) => {
    nodeIn.clear();
    nodeOut.clear();
    arcShare.clear();
    for (const { arc, fraction } of row.arcs)
      arcShare.set(arc, Math.min(1, (arcShare.get(arc) ?? 0) + fraction));
    for (const [arc, fraction] of arcShare) {
      const a = info.get(arc);
      if (fraction <= 0 || !a) continue;
      const e = arcEntry.get(arc)!;
      e.paths.push(i);
      e.fractions.push(fraction);
      nodeOut.set(a.from, (nodeOut.get(a.from) ?? 0) + fraction);
      nodeIn.set(a.to, (nodeIn.get(a.to) ?? 0) + fraction);
    }
    const nodes = new Set<string>(row.nodes);
    for (const n of nodeIn.keys()) nodes.add(n);
    for (const n of nodeOut.keys()) nodes.add(n);
    for (const n of nodes) {
      const share = n === row.headend ? 1 : Math.min(1, Math.max(nodeIn.get(n) ?? 0, nodeOut.get(n) ?? 0));
      if (share <= 0) continue;
      const e = entry(nodeKey(n), () => ({ kind: 'node', id: n as NodeId }));
      e.paths.push(i);
      e.fractions.push(share);
    }
  });
  // a link measured both ways: one more element over the paths of either arc, shares summed (at most 1)
  const byLink = new Map<string, ArcInfo[]>();
  const seen = new Set<ArcId>();
  for (const a of arcs) {
    if (seen.has(a.arc)) continue;
    seen.add(a.arc);
    byLink.set(a.link, [...(byLink.get(a.link) ?? []), a]);
  }
  for (const [link, pair] of byLink) {
    const [a, b] = pair;
    if (pair.length !== 2 || a!.from !== b!.to || a!.to !== b!.from) continue;
    const ea = arcEntry.get(a!.arc)!;
    const eb = arcEntry.get(b!.arc)!;
    if (ea.paths.length === 0 || eb.paths.length === 0) continue;
    const share = new Map<number, number>();
    ea.paths.forEach((p, j) => share.set(p, ea.fractions[j]!));
    eb.paths.forEach((p, j) => share.set(p, Math.min(1, (share.get(p) ?? 0) + eb.fractions[j]!)));
    const e = entry(linkKey(link), () => ({ kind: 'link', id: a!.link, arc: a!.arc, reverse: b!.arc }));
    for (const p of [...share.keys()].sort((x, y) => x - y)) {
      e.paths.push(p);
      e.fractions.push(share.get(p)!);
    }
  }
  const bySignature = new Map<string, Candidate[]>();
  for (const [key, e] of acc) {
    if (e.paths.length === 0) continue;
    // Shares are compared to 1e-6; a share of exactly 1 (the common case) costs no formatting.
    const signature = e.paths
      .map((p, j) => {
        const share = Math.round(e.fractions[j]! * 1e6);
        return share === 1e6 ? `${p}` : `${p}:${share}`;
      })
      .join(',');
    const list = bySignature.get(signature) ?? [];
    list.push({
      key,
      element: e.element,
      paths: e.paths,
      fractions: e.fractions,
      prior: priorOf(key, e.element),
    });
    bySignature.set(signature, list);
  }
  const classes: EquivalenceClass[] = [];
  const classOf = new Map<string, number>();
  for (const members of bySignature.values()) {
    members.sort((a, b) => (a.key < b.key ? -1 : 1));
    const odds = members.reduce((s, m) => s + m.prior / (1 - Math.min(m.prior, 0.999)), 0);
    const index = classes.length;
    classes.push({
      index,
      members,
      paths: members[0]!.paths,
      fractions: members[0]!.fractions,
      logPriorOdds: Math.log(odds),
    });
    for (const m of members) classOf.set(m.key, index);
  }
  return { pathKeys, classes, classOf };
}

/** Random routing: 8 nodes, arcs between random pairs, rows with ECMP shares, repeats and unknown arcs. */
const caseArb = fc
  .record({
    arcs: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), {
      minLength: 1,
      maxLength: 16,
      selector: ([a, b]) => `${a}>${b}`,
    }),
    rows: fc.array(
      fc.record({
        headend: fc.integer({ min: 0, max: 7 }),
        hops: fc.array(
          fc.record({
            pick: fc.nat(),
            fraction: fc.constantFrom(1, 1, 1, 0.5, 0.25, 0.75, 0, 1 / 3),
            unknown: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        extraNodes: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
        measured: fc.boolean(),
      }),
      { maxLength: 14 },
    ),
    prior: fc.constantFrom(1e-3, 0.3),
  })
  .filter((c) => c.arcs.every(([a, b]) => a !== b));

function build(c: CaseValue): {
  rows: PathRow[];
  arcs: ArcInfo[];
  measured: Set<string>;
  priorOf: (key: string, e: Element) => number;
} {
  const n = (i: number) => nodeId(`N${i}`);
  const arcs: ArcInfo[] = c.arcs.map(([a, b]) => ({
    arc: arcId(`N${a}>N${b}`),
    link: linkId(`L${Math.min(a, b)}-${Math.max(a, b)}`),
    from: n(a),
    to: n(b),
  }));
  const rows: PathRow[] = c.rows.map((r, i) => ({
    policy: `p${i}`,
    headend: n(r.headend),
    arcs: r.hops.map((h) => ({
      arc: h.unknown ? arcId(`X${h.pick % 3}`) : arcs[h.pick % arcs.length]!.arc,
      fraction: h.fraction,
    })),
    nodes: [n(r.headend), ...r.extraNodes.map(n)],
  }));
  const measured = new Set(
    rows.filter((_, i) => c.rows[i]!.measured).map((r) => policyKey(r.headend, r.policy)),
  );
  const priorOf = (key: string, e: Element): number =>
    e.kind === 'node' ? 5e-4 : key.endsWith('0') ? c.prior : 1e-3;
  return { rows, arcs, measured, priorOf };
}

type CaseValue = {
  arcs: [number, number][];
  rows: {
    headend: number;
    hops: { pick: number; fraction: number; unknown: boolean }[];
    extraNodes: number[];
    measured: boolean;
  }[];
  prior: number;
};

const view = (inc: Omit<Incidence, 'rows'>) => ({
  pathKeys: inc.pathKeys,
  classes: inc.classes.map((c: EquivalenceClass) => ({
    index: c.index,
    members: c.members.map((m: Candidate) => ({
      key: m.key,
      element: m.element,
      paths: m.paths,
      prior: m.prior,
    })),
    paths: c.paths,
    fractions: c.fractions.map((f) => Math.round(f * 1e9)),
    logPriorOdds: c.logPriorOdds,
  })),
  classOf: [...inc.classOf].sort(),
});

describe('buildIncidence', () => {
  it('equals the straightforward construction on random routing with ECMP shares', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { rows, arcs, measured, priorOf } = build(c);
        const fast = buildIncidence(rows, arcs, measured, priorOf);
        expect(view(fast)).toEqual(view(referenceIncidence(rows, arcs, measured, priorOf)));
        expect(fast.rows.map((r) => policyKey(r.headend, r.policy))).toEqual(fast.pathKeys);
      }),
      { numRuns: 300, seed: 2026 },
    );
  });

  it('puts a node on one of two ECMP branches in its own class at half the share', () => {
    const arcs: ArcInfo[] = [
      ['A', 'B'],
      ['B', 'D'],
      ['A', 'C'],
      ['C', 'D'],
    ].map(([a, b]) => ({
      arc: arcId(`${a}>${b}`),
      link: linkId(`${a}-${b}`),
      from: nodeId(a!),
      to: nodeId(b!),
    }));
    const half = (a: string): { arc: ArcId; fraction: number } => ({ arc: arcId(a), fraction: 0.5 });
    const rows: PathRow[] = [
      {
        policy: 'ecmp',
        headend: nodeId('A'),
        arcs: [half('A>B'), half('B>D'), half('A>C'), half('C>D')],
        nodes: ['A', 'B', 'C', 'D'].map(nodeId),
      },
    ];
    const inc = buildIncidence(rows, arcs, new Set(['A/ecmp']), () => 1e-3);
    const cls = inc.classes[inc.classOf.get(nodeKey('B'))!]!;
    expect(cls.fractions).toEqual([0.5]);
    expect(cls.members.map((m) => m.key).sort()).toEqual(
      [arcKey('A>B'), arcKey('B>D'), arcKey('A>C'), arcKey('C>D'), nodeKey('B'), nodeKey('C')].sort(),
    );
    expect(inc.classes[inc.classOf.get(nodeKey('A'))!]!.fractions).toEqual([1]);
  });
});
