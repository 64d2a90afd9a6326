import { SidTable, TopologyGraph } from '../../core/topology';
import type { LinkInput } from '../../core/topology';
import type { IntentSpec } from '../../core/model/intent';
import type { NetworkModel } from '../intent';
import type { Finding, LoopObservation } from './assurance-engine';
import type { LoopOptions } from './assurance.loop';
import { assuranceHarness, ScriptedEngine } from './__fixtures__/assurance-harness';

/**
 * Why repairs failed or rolled back in the assurance bench (node-down, congestion, flap), each as the small
 * case that reproduces it: see docs/adr/0134-verified-repairs.md.
 */

const dir = (delayUs: number) => ({ capacityMbps: 1000, delayUs, igpMetric: delayUs });
const link = (id: string, a: string, b: string, delayUs: number): LinkInput => ({
  id,
  a,
  b,
  ab: dir(delayUs),
  ba: dir(delayUs),
});
const net = (links: LinkInput[]): NetworkModel => {
  const ids = [...new Set(links.flatMap((l) => [l.a, l.b]))].sort();
  const topology = TopologyGraph.build({ name: 't', nodes: ids.map((id) => ({ id })), links });
  return { topology, sids: SidTable.allocate(topology) };
};

const intent = (name: string, a: string, b: string): IntentSpec => ({
  name,
  kind: 'connectivity',
  endpoints: { a: a as never, b: b as never },
  slo: { bandwidthMbps: 10, maxLossPct: 1 },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
});

const finding = (cls: Finding['class'], kind: 'link' | 'node', ids: string[], paths: string[]): Finding => ({
  class: cls,
  confidence: 1,
  classifier: 'rules',
  suspects: ids.map((id) => ({ kind, id, probability: 1 / ids.length })),
  equivalenceClass: ids,
  paths,
  evidence: {},
  probes: [],
});

async function rig(network: NetworkModel, specs: IntentSpec[], options: Partial<LoopOptions> = {}) {
  const engine = new ScriptedEngine();
  const h = assuranceHarness(options, engine, network);
  for (const s of specs) await h.intents.create(s);
  const primary = (name: string) => h.store.getIntent(name)!.plan!.policies.map((p) => p.candidatePaths[0]!);
  /** The running loop: `restart` replaces it (memory lost, stores and NEs kept). */
  let loop = h.loop;
  const restart = () => {
    loop = h.restart();
  };
  /** Fresh probes for every intent policy: all lost when its path crosses a dead element, else `lossOf`. */
  const interval = async (
    at: number,
    dead: readonly string[],
    lossOf: (links: string[]) => number = () => 0,
  ) => {
    for (const i of h.store.listIntents())
      for (const p of i.plan!.policies) {
        const c = p.candidatePaths[0]!;
        const hit = [...c.links, ...c.nodes].some((e) => dead.includes(e));
        h.probe(at, p.headend, p.name, 1000, hit ? 1000 : lossOf([...c.links]));
      }
    await loop.tick(at);
  };
  /** Ids of the measured intent paths crossing one of `ids` (links or nodes, endpoints included). */
  const over = (obs: LoopObservation, ids: readonly string[]) =>
    obs.paths
      .filter(
        (p) =>
          !p.probeOnly && (p.links.some((l) => ids.includes(l.link)) || p.nodes.some((n) => ids.includes(n))),
      )
      .map((p) => p.id);
  return { h, engine, primary, interval, over, restart, incidents: () => loop.book.list('all') };
}

/**
 * Abilene's corner around Chicago: A (Chicago) reaches T (Atlanta) through I (Indianapolis) or through N–W
 * (NewYork, WashingtonDC), and has no other link; `short` names the faster way.
 */
const chicagoAtlanta = (short: 'I' | 'N'): NetworkModel => {
  const [viaI, viaN] = short === 'I' ? [100, 300] : [500, 100];
  return net([
    link('A-I', 'A', 'I', viaI),
    link('I-T', 'I', 'T', viaI),
    link('A-N', 'A', 'N', viaN),
    link('N-W', 'N', 'W', viaN),
    link('W-T', 'W', 'T', viaN),
  ]);
};

/** gold (A→D) runs A–B–D; around A-B alone it takes A–C–B–D, around B (or A-B and B-D) only A–C–D. */
const kite = (): NetworkModel =>
  net([
    link('A-B', 'A', 'B', 100),
    link('B-D', 'B', 'D', 100),
    link('A-C', 'A', 'C', 100),
    link('C-B', 'C', 'B', 100),
    link('C-D', 'C', 'D', 1000),
  ]);

/** D–E is a bridge: tail (A→E) cannot avoid it; gold (A→D) can avoid B-D. */
const bridge = (): [NetworkModel, IntentSpec[]] => [
  net([
    link('A-B', 'A', 'B', 100),
    link('B-D', 'B', 'D', 100),
    link('A-C', 'A', 'C', 300),
    link('C-D', 'C', 'D', 300),
    link('D-E', 'D', 'E', 50),
  ]),
  [intent('gold', 'A', 'D'), intent('tail', 'A', 'E')],
];

/** gold (A→D) runs A–B–D; around B-D it takes A–C–D; around B-D and C-D, A–B–F–D; blue (B→D) runs B–D. */
const fork = (): NetworkModel =>
  net([
    link('A-B', 'A', 'B', 100),
    link('B-D', 'B', 'D', 100),
    link('A-C', 'A', 'C', 300),
    link('C-D', 'C', 'D', 300),
    link('B-F', 'B', 'F', 300),
    link('F-D', 'F', 'D', 300),
  ]);

/** The links gray loss hits in the bridge network: gold can keep off B-D, tail cannot avoid the bridge D-E. */
const bad = ['B-D', 'D-E'];
/** The engine's findings: gray loss on `bad` while a probed path crosses them. */
const grayOnBridge =
  (over: (obs: LoopObservation, ids: readonly string[]) => string[]) =>
  (obs: LoopObservation): Finding[] => {
    const paths = over(obs, bad);
    return paths.length > 0 ? [finding('gray-loss', 'link', bad, paths)] : [];
  };

describe('AssuranceLoop repairs (bench causes)', () => {
  it('a link-down renamed node-down while verifying reroutes again around the node, and verifies', async () => {
    // A–B–D is the best path; avoiding only A-B still crosses B (A–C–B–D); only A–C–D avoids the node
    const { h, engine, primary, interval, over } = await rig(kite(), [intent('gold', 'A', 'D')]);
    expect(primary('gold')[0]!.nodes).toEqual(['A', 'B', 'D']);
    engine.next = (obs) => [finding('link-down', 'link', ['A-B'], over(obs, ['A-B']))];
    await interval(1000, ['B']);
    const [inc] = h.loop.book.list('all');
    expect(inc).toMatchObject({ class: 'link-down', state: 'repairing' });
    expect(primary('gold')[0]!.nodes).toEqual(['A', 'C', 'B', 'D']);
    // the node is seen down an interval later: the incident is renamed and its repair must cover the node
    // the node stays down (its oper-status keeps the finding alive after the traffic left it)
    engine.next = (obs) => [finding('node-down', 'node', ['B'], over(obs, ['B']))];
    for (const at of [2000, 3000, 4000, 5000, 6000]) await interval(at, ['B']);
    const r = h.loop.view(inc!.id);
    expect(r).toMatchObject({ class: 'node-down', state: 'repaired' });
    for (const c of primary('gold')) expect(c.nodes).not.toContain('B');
    expect(r.actions.filter((a) => a.kind === 'reroute').map((a) => a.result)).toEqual(['ok', 'ok']);
  });

  it('a gray loss renamed crc on a link its repair already avoids keeps the repair and its verification', async () => {
    // found in the bench: crc first seen as gray loss (its error counters alarm an interval later); the
    // repair already keeps every intent off the link, and planning it again only restarted verification
    const { h, engine, primary, interval, over } = await rig(kite(), [intent('gold', 'A', 'D')]);
    engine.next = (obs) => [finding('gray-loss', 'link', ['A-B', 'B-D'], over(obs, ['A-B', 'B-D']))];
    await interval(1000, []);
    const [inc] = h.loop.book.list('all');
    expect(inc).toMatchObject({ class: 'gray-loss', state: 'repairing' });
    const moved = JSON.stringify(primary('gold'));
    expect(primary('gold')[0]!.nodes).toEqual(['A', 'C', 'D']);
    // the error counters of A-B alarm: the same fault, renamed crc on the link alone (no probed path on it)
    engine.next = () => [finding('crc', 'link', ['A-B'], [])];
    await interval(2000, []);
    expect(h.loop.view(inc!.id)).toMatchObject({
      class: 'crc',
      equivalenceClass: ['A-B'],
      state: 'repairing',
    });
    for (const at of [3000, 4000, 5000, 6000]) await interval(at, []);
    const r = h.loop.view(inc!.id);
    // verified when it would have been without the rename (fresh probes at 2000, 3 clean intervals to 5000)
    expect(r).toMatchObject({ class: 'crc', state: 'repaired', repairedAt: 5000 });
    expect(r.actions.filter((a) => a.kind === 'reroute')).toHaveLength(1);
    expect(r.actions.find((a) => a.kind === 'assess')?.detail).toMatch(
      /the repair in place already keeps gold off A-B; it stands/,
    );
    expect(JSON.stringify(primary('gold'))).toBe(moved);
  });

  it('L3: a rename onto links the approved repair already avoids keeps it, with no new proposal', async () => {
    // the shared check comes before the autonomy branch: at L3 the rename used to propose again, saying the
    // applied repair covered only the old suspects
    const { h, engine, primary, interval, over } = await rig(kite(), [intent('gold', 'A', 'D')], {
      autonomy: 'L3',
    });
    engine.next = (obs) => [finding('gray-loss', 'link', ['A-B', 'B-D'], over(obs, ['A-B', 'B-D']))];
    await interval(1000, []);
    const [inc] = h.loop.book.list('all');
    expect(inc).toMatchObject({ class: 'gray-loss', state: 'awaiting-approval' });
    await h.loop.approve(inc!.id, 'alice');
    expect(primary('gold')[0]!.nodes).toEqual(['A', 'C', 'D']);
    engine.next = () => [finding('crc', 'link', ['A-B'], [])];
    await interval(2000, []);
    const r = h.loop.view(inc!.id);
    expect(r).toMatchObject({ class: 'crc', state: 'repairing' });
    expect(r.actions.filter((a) => a.kind === 'proposal')).toHaveLength(1);
    expect(r.actions.find((a) => a.kind === 'assess')?.detail).toMatch(/it stands/);
  });

  it('node-down: an intent that ends at the dead node is reported unrepairable; the others are repaired and verified', async () => {
    const { h, engine, primary, interval, over } = await rig(
      net([
        link('A-B', 'A', 'B', 100),
        link('B-D', 'B', 'D', 100),
        link('A-C', 'A', 'C', 300),
        link('C-D', 'C', 'D', 300),
      ]),
      [intent('gold', 'A', 'D'), intent('edge', 'A', 'B')],
    );
    const edgeBefore = JSON.stringify(primary('edge'));
    engine.next = (obs) => {
      const paths = over(obs, ['B']);
      return paths.length > 0 ? [finding('node-down', 'node', ['B'], paths)] : [];
    };
    for (const at of [1000, 2000, 3000, 4000, 5000]) await interval(at, ['B']);
    const [inc] = h.loop.book.list('all');
    expect(inc!.affectedIntents).toEqual(['edge', 'gold']);
    expect(inc!.state).toBe('repaired');
    for (const c of primary('gold')) expect(c.nodes).not.toContain('B');
    // edge was not churned: its plan is the one it had, and the incident says why it cannot be repaired
    expect(JSON.stringify(primary('edge'))).toBe(edgeBefore);
    const note = inc!.actions.find((a) => a.result === 'unrepairable');
    expect(note?.detail).toMatch(/edge: ends at B/);
    expect(h.store.getIntent('edge')!.status).toBe('degraded');
    expect(h.store.getIntent('gold')!.status).toBe('compliant');
  });

  it('node-down where every affected intent ends at the node: failed at once with the reason, nothing moved', async () => {
    const { h, engine, primary, interval, over } = await rig(
      net([
        link('A-B', 'A', 'B', 100),
        link('B-D', 'B', 'D', 100),
        link('A-C', 'A', 'C', 300),
        link('C-D', 'C', 'D', 300),
      ]),
      [intent('edge', 'A', 'B')],
    );
    const before = JSON.stringify(primary('edge'));
    engine.next = (obs) => [finding('node-down', 'node', ['B'], over(obs, ['B']))];
    for (const at of [1000, 2000, 3000]) await interval(at, ['B']);
    const [inc] = h.loop.book.list('all');
    expect(inc!.state).toBe('failed');
    expect(inc!.actions.some((a) => a.kind === 'rollback')).toBe(false);
    expect(inc!.actions.find((a) => a.result === 'unrepairable')?.detail).toMatch(/edge: ends at B/);
    expect(JSON.stringify(primary('edge'))).toBe(before);
  });

  it('an intent with no path around the suspects does not roll back the intents that did move', async () => {
    // D–E is a bridge: tail (A→E) cannot avoid it; gold (A→D) can avoid B-D
    const { h, engine, primary, interval, over } = await rig(...bridge());
    engine.next = grayOnBridge(over);
    const lossy = (links: string[]) => (links.some((l) => bad.includes(l)) ? 50 : 0);
    for (const at of [1000, 2000, 3000, 4000, 5000]) await interval(at, [], lossy);
    const [inc] = h.loop.book.list('all');
    expect(inc!.state).toBe('repaired');
    for (const c of primary('gold')) expect(c.links).not.toContain('B-D');
    expect(inc!.actions.find((a) => a.result === 'unrepairable')?.detail).toMatch(/tail: /);
  });

  it('after a restart during verification, an intent that had no path around the suspects is still left out', async () => {
    const { h, engine, primary, over } = await rig(...bridge());
    engine.next = grayOnBridge(over);
    const probeAll = (at: number) => {
      for (const i of h.store.listIntents())
        for (const p of i.plan!.policies) {
          const lossy = p.candidatePaths[0]!.links.some((l) => bad.includes(l));
          h.probe(at, p.headend, p.name, 1000, lossy ? 50 : 0);
        }
    };
    probeAll(1000);
    await h.loop.tick(1000);
    const [inc] = h.loop.book.list('all');
    expect(inc!.state).toBe('repairing');
    expect(inc!.actions.find((a) => a.result === 'unrepairable')?.detail).toMatch(/tail: /);
    // the controller restarts while the repair is being verified: tail still crosses the faulty bridge
    const loop = h.restart();
    for (const at of [2000, 3000, 4000, 5000]) {
      probeAll(at);
      await loop.tick(at);
    }
    const back = loop.view(inc!.id);
    expect(back.state).toBe('repaired');
    for (const c of primary('gold')) expect(c.links).not.toContain('B-D');
  });

  it('congestion: the reroute keeps off links that are discarding now when a way around them exists', async () => {
    // three ways from A to D; B-D is congested and A-C discards too (the same surge's collateral)
    const { h, engine, primary, interval, over } = await rig(
      net([
        link('A-B', 'A', 'B', 100),
        link('B-D', 'B', 'D', 100),
        link('A-C', 'A', 'C', 200),
        link('C-D', 'C', 'D', 200),
        link('A-F', 'A', 'F', 400),
        link('F-D', 'F', 'D', 300),
      ]),
      [intent('gold', 'A', 'D')],
    );
    const arcs = ['B-D', 'A-C'].flatMap((l) => h.network.topology.link(l).arcs);
    h.tap.write(
      arcs.map((a) => ({
        key: `interface/${a.from}/${a.id}`,
        ne: a.from as never,
        timestampMs: 1000,
        measurement: 'interface' as const,
        interface: a.id,
        outArc: a.id,
        fields: { operUp: 1, outDiscardsPs: 500 },
      })),
    );
    engine.next = (obs) => [finding('congestion', 'link', ['B-D'], over(obs, ['B-D']))];
    await interval(1000, [], (links) => (links.includes('B-D') ? 100 : 0));
    expect(h.loop.book.list('all')[0]!.state).toBe('repairing');
    for (const c of primary('gold')) expect(c.nodes).toEqual(expect.arrayContaining(['F']));
  });
});

describe('AssuranceLoop correlation (bench causes)', () => {
  it('a finding matching incidents of several ranks keeps the most specific one (a congestion is not merged into a latency)', async () => {
    const { h, engine, interval } = await rig(
      net([
        link('A-B', 'A', 'B', 100),
        link('B-D', 'B', 'D', 100),
        link('A-C', 'A', 'C', 300),
        link('C-D', 'C', 'D', 300),
      ]),
      [intent('gold', 'A', 'D')],
    );
    engine.next = () => [finding('latency', 'link', ['A-C'], [])];
    await interval(1000, []);
    engine.next = () => [finding('congestion', 'link', ['B-D'], [])];
    await interval(2000, []);
    const [lat, cong] = h.loop.book.list('all');
    expect([lat!.class, cong!.class]).toEqual(['latency', 'congestion']);
    // queueing delay on both links, seen as one latency fault over the pair
    engine.next = () => [finding('latency', 'link', ['A-C', 'B-D'], [])];
    await interval(3000, []);
    expect(h.loop.view(cong!.id).state).not.toBe('resolved');
    expect(h.loop.view(cong!.id).class).toBe('congestion');
    expect(h.loop.view(lat!.id)).toMatchObject({ state: 'resolved' });
    expect(h.loop.view(lat!.id).actions.at(-1)).toMatchObject({ kind: 'merge' });
  });
});

describe('AssuranceLoop verification (bench causes)', () => {
  it('a second fault found on the path a repair moved onto opens its own incident, though the path ends at a node of the first', async () => {
    // found by hand on Abilene: Chicago–Indianapolis–Atlanta, link down on Chicago:Indianapolis, a 3 % gray
    // loss on WashingtonDC:Atlanta; the repair moves the intent onto Chicago–NewYork–WashingtonDC–Atlanta
    const { h, engine, primary, interval, over } = await rig(chicagoAtlanta('I'), [intent('gold', 'A', 'T')]);
    const down = (obs: LoopObservation) => finding('link-down', 'link', ['A-I'], over(obs, ['A-I']));
    engine.next = (obs) => [down(obs)];
    await interval(1000, ['A-I']);
    const [first] = h.loop.book.list('all');
    for (const c of primary('gold')) expect([...c.links].sort()).toEqual(['A-N', 'N-W', 'W-T']);
    // one measured path: the gray loss is located on all of it, its end nodes (A is an end of A-I) included
    const path = ['A', 'A-N', 'N', 'N-W', 'W', 'W-T', 'T'];
    engine.next = (obs) => [
      down(obs),
      {
        ...finding('gray-loss', 'link', path, over(obs, ['W-T'])),
        suspects: path.map((id) => ({ kind: id.includes('-') ? 'link' : 'node', id, probability: 1 / 7 })),
      },
    ];
    const gray = (links: string[]) => (links.includes('W-T') ? 30 : 0);
    for (const at of [2000, 3000, 4000, 5000, 6000]) await interval(at, ['A-I'], gray);
    const all = h.loop.book.list('all');
    expect(h.loop.view(first!.id).state).not.toBe('failed');
    expect(h.loop.view(first!.id).class).toBe('link-down');
    const second = all.find((r) => r.id !== first!.id);
    expect(second).toMatchObject({ class: 'gray-loss', affectedIntents: ['gold'] });
    expect(second!.state).not.toBe('resolved');
  });
  it('a reroute never moves an intent onto a link down now that no intent crossed: it is left unrepairable instead', async () => {
    // found by hand on Abilene: chi-atl on Chicago–NewYork–WashingtonDC–Atlanta; Chicago:Indianapolis goes
    // down (no intent on it) and WashingtonDC:Atlanta loses 3 %; the only way around the gray link is the dead one
    const { h, engine, primary, interval, over } = await rig(chicagoAtlanta('N'), [intent('gold', 'A', 'T')]);
    for (const c of primary('gold')) expect([...c.links].sort()).toEqual(['A-N', 'N-W', 'W-T']);
    engine.next = () => [finding('link-down', 'link', ['A-I'], [])];
    await interval(1000, ['A-I']);
    const [down] = h.loop.book.list('all');
    expect(down!.actions.map((a) => a.kind)).toEqual(['none']);
    engine.next = (obs) => [
      finding('link-down', 'link', ['A-I'], []),
      finding('gray-loss', 'link', ['W-T'], over(obs, ['W-T'])),
    ];
    const gray = (links: string[]) => (links.includes('W-T') ? 30 : 0);
    await interval(2000, ['A-I'], gray);
    await interval(3000, ['A-I'], gray);
    for (const c of primary('gold')) expect(c.links).not.toContain('A-I');
    const lossy = h.loop.book.list('all').find((r) => r.class === 'gray-loss')!;
    expect(lossy.actions.find((a) => a.kind === 'assess')).toMatchObject({ result: 'unrepairable' });
    expect(lossy.actions.find((a) => a.kind === 'assess')!.detail).toMatch(/A-I/);
  });
  it.each([
    ['', false, false],
    [', after a restart', true, false],
    // found by hand: a 3 % loss is not a finding in every interval; the one where the link-down resolved had none
    [', at the next interval its fault is seen', false, true],
  ])(
    'an incident that failed for want of a path is tried again once another incident resolves and frees its elements%s',
    async (_, restarted, intermittent) => {
      // found by hand on Abilene, continuing the case above: the link-down on Chicago:Indianapolis is cleared
      // and its incident resolves; the gray incident must then move chi-atl onto the clean Chicago–Indianapolis way
      const rigged = await rig(chicagoAtlanta('N'), [intent('gold', 'A', 'T')]);
      const { engine, primary, interval, over, incidents } = rigged;
      engine.next = () => [finding('link-down', 'link', ['A-I'], [])];
      await interval(1000, ['A-I']);
      engine.next = (obs) => [
        finding('link-down', 'link', ['A-I'], []),
        finding('gray-loss', 'link', ['W-T'], over(obs, ['W-T'])),
      ];
      const gray = (links: string[]) => (links.includes('W-T') ? 30 : 0);
      for (const at of [2000, 3000, 4000]) await interval(at, ['A-I'], gray);
      const lossy = () => incidents().find((r) => r.class === 'gray-loss')!;
      const down = () => incidents().find((r) => r.class === 'link-down')!;
      expect(lossy().state).toBe('failed');
      if (restarted) rigged.restart();
      // the link comes back: the link-down clears, the gray loss goes on
      let at = 5000;
      engine.next = (obs) => {
        const paths = over(obs, ['W-T']);
        // intermittent: the gray loss is a finding only in even seconds; the link-down resolves at 7 s
        const quiet = intermittent && (obs.at / 1000) % 2 === 1;
        return paths.length > 0 && !quiet ? [finding('gray-loss', 'link', ['W-T'], paths)] : [];
      };
      while (down().state !== 'resolved' && at < 12_000) await interval((at += 1000), [], gray);
      expect(down().state).toBe('resolved');
      for (let i = 0; i < 5; i += 1) await interval((at += 1000), [], gray);
      for (const c of primary('gold')) expect([...c.links].sort()).toEqual(['A-I', 'I-T']);
      expect(lossy().state).toBe('repaired');
      expect(
        lossy()
          .actions.filter((a) => a.kind === 'reroute')
          .map((a) => a.result),
      ).toEqual(['failed', 'ok']);
      // the watch probes over W-T decide when it clears: no report from them yet, so quiet intent paths alone
      // do not resolve it
      for (let i = 0; i < 5; i += 1) await interval((at += 1000), [], gray);
      expect(lossy().state).toBe('repaired');
    },
  );
  it('intents that join the incident after its repair was applied are rerouted too, not failed or rolled back', async () => {
    const { h, engine, primary, interval, over } = await rig(
      net([
        link('A-B', 'A', 'B', 100),
        link('B-D', 'B', 'D', 100),
        link('A-C', 'A', 'C', 300),
        link('C-D', 'C', 'D', 300),
      ]),
      [],
    );
    engine.next = (obs) => [finding('congestion', 'link', ['B-D'], over(obs, ['B-D']))];
    await interval(1000, []);
    const [inc] = h.loop.book.list('all');
    expect(inc!.actions.map((a) => a.kind)).toEqual(['none']);
    // an intent is deployed across the suspect while the empty repair is verified
    await h.intents.create(intent('late', 'A', 'D'));
    expect(primary('late')[0]!.links).toContain('B-D');
    const lossy = (links: string[]) => (links.includes('B-D') ? 100 : 0);
    for (const at of [2000, 3000, 4000, 5000, 6000, 7000]) await interval(at, [], lossy);
    const r = h.loop.view(inc!.id);
    expect(r.affectedIntents).toEqual(['late']);
    expect(r.state).toBe('repaired');
    for (const c of primary('late')) expect(c.links).not.toContain('B-D');
  });
});

describe('AssuranceLoop rollbacks of overlapping repairs (bench causes)', () => {
  /**
   * gold (A→D) runs A–B–D, blue (B→D) runs B–D. Around B-D gold takes A–C–D and blue B–F–D; around B-D and
   * C-D gold takes A–B–F–D. In the assurance bench a congestion's surge opened incidents on several links
   * at once: one repair moved an intent, a second moved it again, and the first one's rollback put it back
   * onto the second one's suspect, which then failed its own verification (docs/adr/0174).
   */
  async function twoRepairs() {
    const r = await rig(fork(), [intent('gold', 'A', 'D'), intent('blue', 'B', 'D')]);
    const { h, engine, primary, over } = r;
    const original = primary('gold').map((c) => c.links);
    /** Fresh probes for both intents; `lost` per intent name (of 1,000). */
    const interval = async (at: number, lost: Record<string, number> = {}) => {
      for (const i of h.store.listIntents())
        for (const p of i.plan!.policies) h.probe(at, p.headend, p.name, 1000, lost[i.spec.name] ?? 0);
      await h.loop.tick(at);
    };
    engine.next = (obs) => [finding('gray-loss', 'link', ['B-D'], over(obs, ['B-D']))];
    await interval(1000);
    const [first] = h.loop.book.list('all');
    expect(primary('gold')[0]!.links).toEqual(['A-C', 'C-D']);
    expect(primary('blue')[0]!.links).toEqual(['B-F', 'F-D']);
    // a second fault on the path gold moved onto: gold moves again, around both suspects
    engine.next = (obs) => {
      const paths = over(obs, ['C-D']);
      return paths.length > 0 ? [finding('gray-loss', 'link', ['C-D'], paths)] : [];
    };
    await interval(2000);
    const second = h.loop.book.list('all').find((i) => i.id !== first!.id)!;
    expect(second.affectedIntents).toEqual(['gold']);
    expect(primary('gold')[0]!.links).toEqual(['A-B', 'B-F', 'F-D']);
    engine.next = () => [];
    return { ...r, interval, first: first!, second, original };
  }

  it('a rollback leaves an intent another incident moved since where that incident put it', async () => {
    const { h, primary, interval, first, second } = await twoRepairs();
    // blue still loses on its new path: the first repair fails its verification and rolls back (at 3000
    // gold's probes straddle its second move and count for neither repair)
    for (const at of [3000, 4000]) await interval(at, { blue: 50 });
    const r1 = h.loop.view(first.id);
    expect(r1.state).toBe('rolled-back');
    expect(primary('blue')[0]!.links).toEqual(['B-D']);
    // gold stays on the second repair's plan, off that incident's suspect
    expect(primary('gold')[0]!.links).toEqual(['A-B', 'B-F', 'F-D']);
    expect(r1.actions.find((a) => a.kind === 'rollback')!.detail).toContain(
      `kept gold (moved since by ${second.id})`,
    );
    for (const at of [5000, 6000]) await interval(at);
    expect(h.loop.view(second.id).state).toBe('repaired');
    expect(primary('gold')[0]!.links).toEqual(['A-B', 'B-F', 'F-D']);
  });

  it("a repair is verified without the intents another incident moved since: their loss fails that one's repair", async () => {
    const { h, primary, interval, first, second } = await twoRepairs();
    // 3000: blue is measured fresh; gold's probes straddle its second move (they would hold the first back)
    await interval(3000);
    await interval(4000, { gold: 50 });
    expect(h.loop.view(second.id).state).toBe('rolled-back');
    expect(h.loop.view(first.id).state).toBe('repairing');
    // one move undone: gold is back on the first repair's plan, still off the first one's suspect
    expect(primary('gold')[0]!.links).toEqual(['A-C', 'C-D']);
    // back on the first repair's plan, gold counts for it again (once measured fresh: 5000 straddles)
    for (const at of [5000, 6000]) await interval(at);
    expect(h.loop.view(first.id)).toMatchObject({ state: 'repaired', repairedAt: 6000 });
    expect(primary('blue')[0]!.links).toEqual(['B-F', 'F-D']);
  });

  it('each repair is verified on the intents it holds; the first says which ones the second took over', async () => {
    const { h, interval, first, second } = await twoRepairs();
    for (const at of [3000, 4000, 5000]) await interval(at);
    const r1 = h.loop.view(first.id);
    expect(r1).toMatchObject({ state: 'repaired', repairedAt: 5000 });
    expect(r1.actions.at(-1)!.detail).toContain('moved since by another change (verified there): gold');
    expect(h.loop.view(second.id).state).toBe('repairing');
    await interval(6000);
    expect(h.loop.view(second.id)).toMatchObject({ state: 'repaired', repairedAt: 6000 });
  });

  it("the later incident's rollback then restores the plan from before both moves, not the failed detour", async () => {
    const { h, primary, interval, first, second, original } = await twoRepairs();
    for (const at of [3000, 4000]) await interval(at, { blue: 50 });
    expect(h.loop.view(first.id).state).toBe('rolled-back');
    await interval(5000, { gold: 50 });
    expect(h.loop.view(second.id).state).toBe('rolled-back');
    // not A–C–D (the first repair's detour across the second one's suspect C-D): the plan gold had at first
    expect(primary('gold').map((c) => c.links)).toEqual(original);
  });
});

describe('AssuranceLoop endpoints (closed-loop e2e)', () => {
  it('a gray fault located on a link or its end node still reroutes an intent ending at that node off the link', async () => {
    const { h, engine, primary, interval, over } = await rig(
      net([
        link('A-B', 'A', 'B', 100),
        link('B-D', 'B', 'D', 100),
        link('A-C', 'A', 'C', 300),
        link('C-D', 'C', 'D', 300),
      ]),
      [intent('gold', 'A', 'D')],
    );
    const cls = (obs: LoopObservation): Finding => ({
      ...finding('latency', 'link', ['B-D', 'D'], over(obs, ['B-D'])),
      suspects: [
        { kind: 'link', id: 'B-D', probability: 0.5 },
        { kind: 'node', id: 'D', probability: 0.5 },
      ],
    });
    engine.next = (obs) => [cls(obs)];
    await interval(1000, []);
    const [inc] = h.loop.book.list('all');
    expect(inc!.state).toBe('repairing');
    for (const c of primary('gold')) expect(c.links).not.toContain('B-D');
    expect(inc!.actions.some((a) => a.result === 'unrepairable')).toBe(false);
  });
});

describe('AssuranceLoop verification wording (what the operator is told when a repair ends repaired)', () => {
  async function wording() {
    const r = await rig(fork(), [intent('gold', 'A', 'D')]);
    const { h, engine, over } = r;
    /** A finding of `cls` on link `id`, on the measured intent paths over it (none: background traffic only). */
    const on = (cls: Finding['class'], id: string) => (obs: LoopObservation) => [
      finding(cls, 'link', [id], over(obs, [id])),
    ];
    const gold = () => r.primary('gold')[0]!.links;
    const verified = (id: string) => {
      const inc = h.loop.view(id);
      expect(inc.state).toBe('repaired');
      const last = inc.actions.at(-1)!;
      expect(last).toMatchObject({ kind: 'verify', result: 'ok' });
      const audit = h.store.audit({ target: id }).find((a) => a.action === 'incident-repaired')!;
      return { detail: last.detail, audit: audit.detail as { verified?: string[] } };
    };
    return { h, engine, on, gold, verified, interval: (at: number) => r.interval(at, []) };
  }

  it('a repair that moved intents says they passed on fresh probes within their SLO', async () => {
    const { h, engine, on, gold, verified, interval } = await wording();
    engine.next = on('gray-loss', 'B-D');
    await interval(1000);
    expect(gold()).toEqual(['A-C', 'C-D']);
    engine.next = () => [];
    // 2000 straddles the change (the old path's probes); three clean intervals after it
    for (const at of [2000, 3000, 4000, 5000]) await interval(at);
    const [inc] = h.loop.book.list('all');
    const { detail, audit } = verified(inc!.id);
    expect(detail).toMatch(/^3 intervals of fresh probes within SLO/);
    expect(audit.verified).toEqual(['gold']);
  });

  it('an incident with no intent to move (congestion only background traffic crosses) does not claim probes', async () => {
    const { h, engine, on, gold, verified, interval } = await wording();
    engine.next = on('congestion', 'C-D'); // gold runs A–B–D: only background traffic crosses C-D
    for (const at of [1000, 2000, 3000, 4000]) await interval(at);
    const [inc] = h.loop.book.list('all');
    expect(inc!.affectedIntents).toEqual([]);
    expect(inc!.actions[0]).toMatchObject({ kind: 'none' });
    expect(gold()).toEqual(['A-B', 'B-D']);
    const { detail, audit } = verified(inc!.id);
    expect(detail).toMatch(/^no intent to verify: the incident affects no intent/);
    expect(detail).not.toMatch(/fresh probes within SLO/);
    expect(audit.verified).toEqual([]);
  });

  it('a repair whose every intent another incident moved since says it verified none of them itself', async () => {
    const { h, engine, on, gold, verified, interval } = await wording();
    engine.next = on('gray-loss', 'B-D');
    await interval(1000);
    const [first] = h.loop.book.list('all');
    // a second fault on the path gold moved onto: gold moves again, now the second incident's to verify
    engine.next = on('gray-loss', 'C-D');
    await interval(2000);
    expect(gold()).toEqual(['A-B', 'B-F', 'F-D']);
    engine.next = () => [];
    for (const at of [3000, 4000, 5000]) await interval(at);
    const { detail, audit } = verified(first!.id);
    expect(detail).toMatch(/^no intent to verify: gold moved since by another change \(verified there\)/);
    expect(detail).not.toMatch(/fresh probes within SLO/);
    expect(audit.verified).toEqual([]);
  });
});
