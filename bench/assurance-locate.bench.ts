/**
 * Localisation accuracy and speed (issue 9 item 3, ADR 0103/0104): seeded ring-plus-chords networks
 * (ml-faults.md §1: 40 nodes, 70 links, 12 PEs, up to 3 paths per PE pair; plus a 200-node one), 1–3
 * simultaneous gray faults of 0.5–5 % or 1–5 %, 1,000 probes per path per window. Measures, per fault
 * count: the top-1 class is exactly right up to equivalence ("class"), the top hypothesis names exactly the
 * faulty arcs ("exact"), the same after one round of disambiguation probes ("exact after probes"), the
 * NetBouncer cross-check's agreement, and time per localisation (wall and CPU: the build machine is shared,
 * CPU time is the honest one). Then the gray-loss detector: false alarms over a clean soak and intervals to
 * detect. Prints one JSON object (bench/results/assurance-locate.json). Args: trials, soak hours.
 */
import { LossDetector } from '../src/core/assurance/detect';
import { binomial, mulberry32, rowOf } from '../src/core/assurance/detect/sampling.fixture';
import { locate } from '../src/core/assurance/locate';
import type {
  Localisation,
  PathRow,
  ProbeDesigner,
  ProbeObservation,
} from '../src/core/assurance/observation';
import { measure, ringWithChords, signatureOf } from '../src/core/assurance/locate/random-net.fixture';
import type { Net } from '../src/core/assurance/locate/random-net.fixture';
import { percentile, writeResult } from './bench-util';

interface Case {
  readonly name: string;
  readonly nodes: number;
  readonly chords: number;
  readonly pes: number;
  readonly k: number;
  readonly trials: number;
}

export const CASES: readonly Case[] = [
  {
    name: 'ring40+30chords/12PE/k3',
    nodes: 40,
    chords: 30,
    pes: 12,
    k: 3,
    trials: Number(process.argv[2] ?? 200),
  },
  {
    name: 'ring200+150chords/24PE/k2',
    nodes: 200,
    chords: 150,
    pes: 24,
    k: 2,
    trials: Math.ceil(Number(process.argv[2] ?? 200) / 4),
  },
];

/** Every probe a node can send over one of its own links (End.X of the adjacency): one hop, nothing else. */
const designer: ProbeDesigner = (target) => {
  const [from, to] = String(target).split('>');
  const row = rowOf(`probe:${target}`, [from!, to!]);
  return [{ headend: row.headend, segments: [`fc00:${to!}::`], row }];
};

export function classCorrect(
  net: Net,
  rows: readonly PathRow[],
  truth: readonly string[],
  r: Localisation,
): boolean {
  const sigs = new Set(truth.map((a) => signatureOf(rows, a)));
  if (r.classes.length !== sigs.size) return false;
  if (!truth.every((a) => r.equivalenceArcs.includes(a as never))) return false;
  return r.equivalenceArcs.every((a) => sigs.has(signatureOf(rows, a)));
}

const exact = (truth: readonly string[], r: Localisation): boolean => {
  const top =
    r.hypotheses[0]?.elements.map((e) => (e.kind === 'link' ? String(e.arc) : `node:${e.id}`)) ?? [];
  return top.length === truth.length && truth.every((a) => top.includes(a));
};

export function runCase(c: Case, minRate: number): object {
  const rng = mulberry32(2026);
  const probeRng = mulberry32(99); // the probe round draws apart, so it cannot shift the other trials
  const net = ringWithChords(rng, c.nodes, c.chords, c.pes, c.k);
  const covered = [...new Set(net.rows.flatMap((r) => r.arcs.map((a) => String(a.arc))))];
  const sigs = covered.map((a) => signatureOf(net.rows, a));
  const identifiable = covered.filter((_, i) => sigs.filter((s) => s === sigs[i]).length === 1).length;
  const perCount = [1, 2, 3].map((faults) => {
    let cls = 0;
    let ex = 0;
    let exProbe = 0;
    let agree = 0;
    const ms: number[] = [];
    const cpu: number[] = [];
    for (let t = 0; t < c.trials; t++) {
      const truth: string[] = [];
      while (truth.length < faults) {
        const a = covered[Math.floor(rng() * covered.length)]!;
        if (!truth.includes(a)) truth.push(a);
      }
      const rates = new Map(truth.map((a) => [a, minRate + rng() * (0.05 - minRate)]));
      const m = measure(rng, net.rows, rates);
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      const r = locate({
        kind: 'loss',
        rows: net.rows,
        arcs: net.arcs,
        measurements: m,
        designProbes: designer,
      });
      const c1 = process.cpuUsage(c0);
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      cpu.push((c1.user + c1.system) / 1000);
      if (classCorrect(net, net.rows, truth, r)) cls++;
      if (exact(truth, r)) ex++;
      if (r.crossCheck.agrees) agree++;
      const rows2 = [...net.rows, ...r.disambiguation.map((p) => p.row)];
      const r2 = r.disambiguation.length
        ? locate({ kind: 'loss', rows: rows2, arcs: net.arcs, measurements: measure(probeRng, rows2, rates) })
        : r;
      if (exact(truth, r2)) exProbe++;
    }
    const pct = (x: number): number => Math.round((1000 * x) / c.trials) / 10;
    return {
      faults,
      trials: c.trials,
      classCorrectPct: pct(cls),
      exactPct: pct(ex),
      exactAfterProbesPct: pct(exProbe),
      crossCheckAgreesPct: pct(agree),
      msP50: Math.round(percentile(ms, 50) * 100) / 100,
      msP95: Math.round(percentile(ms, 95) * 100) / 100,
      cpuMsP50: Math.round(percentile(cpu, 50) * 100) / 100,
      cpuMsP95: Math.round(percentile(cpu, 95) * 100) / 100,
    };
  });
  return {
    case: c.name,
    lossRates: `${minRate * 100}–5 %`,
    arcs: net.arcs.length,
    paths: net.rows.length,
    coveredArcs: covered.length,
    identifiableArcs: identifiable,
    results: perCount,
  };
}

function probesFor(
  rng: () => number,
  rows: readonly PathRow[],
  at: number,
  faults: ReadonlyMap<string, number>,
): ProbeObservation[] {
  return rows.map((r) => {
    const pass = r.arcs.reduce((acc, a) => acc * (1 - 1e-4) * (1 - (faults.get(a.arc) ?? 0)), 1);
    return {
      headend: r.headend,
      policy: r.policy,
      atMs: at,
      probesSent: 1000,
      probesLost: binomial(rng, 1000, 1 - pass),
      delayUs: 0,
      jitterUs: 0,
    };
  });
}

/**
 * The gray-loss detector on the 40-node network at 1 s intervals: false alarm episodes over a clean soak
 * (scaled to per day per 1,000 policies), and intervals from onset to an alarm naming the faulty arc.
 */
function detectorCase(hours: number, injections: number): object {
  const rng = mulberry32(7);
  const net = ringWithChords(rng, 40, 30, 12, 3);
  const covered = [...new Set(net.rows.flatMap((r) => r.arcs.map((a) => String(a.arc))))];
  const d = new LossDetector({ intervalMs: 1000 });
  let t = 0;
  let episodes = 0;
  let alarmed = false;
  const cpu0 = process.cpuUsage();
  const soakIntervals = Math.round(hours * 3600);
  for (; t < soakIntervals; t++) {
    const fired = d.update(t * 1000, net.rows, probesFor(rng, net.rows, t * 1000, new Map())).length > 0;
    if (fired && !alarmed) episodes++;
    alarmed = fired;
  }
  const cpu = process.cpuUsage(cpu0);
  const delays = (rate: number): { p50: number; p95: number; missed: number } => {
    const got: number[] = [];
    let missed = 0;
    for (let j = 0; j < injections; j++) {
      const arc = covered[Math.floor(rng() * covered.length)]!;
      const fault = new Map([[arc, rate]]);
      let hit = -1;
      for (let k = 0; k < 20 && hit < 0; k++, t++) {
        const s = d.update(t * 1000, net.rows, probesFor(rng, net.rows, t * 1000, fault));
        if (s.some((x) => x.arcs?.includes(arc as never))) hit = k + 1;
      }
      if (hit < 0) missed++;
      else got.push(hit);
      for (let k = 0; k < 30; k++, t++)
        d.update(t * 1000, net.rows, probesFor(rng, net.rows, t * 1000, new Map()));
    }
    return { p50: percentile(got, 50), p95: percentile(got, 95), missed };
  };
  return {
    network: 'ring40+30chords/12PE/k3',
    policies: net.rows.length,
    soakHours: hours,
    falseAlarmEpisodes: episodes,
    falseAlarmsPerDayPer1000Policies: (episodes / (hours / 24)) * (1000 / net.rows.length),
    cpuUsPerInterval: Math.round((cpu.user + cpu.system) / soakIntervals),
    intervalsToDetect: { loss1pct: delays(0.01), loss0_5pct: delays(0.005), loss0_2pct: delays(0.002) },
  };
}

/** Issue-scale routing: a ring of 500 + 500 chords (1,000 links), 72 PEs, 2 paths per pair (~10k rows). */
export function scaleNet(rng: () => number): Net {
  const small = ringWithChords(rng, 500, 500, 2, 1); // the arcs only
  const adj = new Map<string, string[]>();
  for (const a of small.arcs) adj.set(a.from, [...(adj.get(a.from) ?? []), a.to]);
  const nodes = [...adj.keys()];
  const pes = nodes.sort(() => rng() - 0.5).slice(0, 72);
  const rows: PathRow[] = [];
  for (const s of pes) {
    for (let j = 0; j < 2; j++) {
      const w = new Map(small.arcs.map((a) => [String(a.arc), 1 + (j === 0 ? 0.01 : 1.5) * rng()]));
      const prev = shortestTree(s, adj, w);
      for (const t of pes) {
        if (t === s || !prev.has(t)) continue;
        const hops = [t];
        while (hops[0] !== s) hops.unshift(prev.get(hops[0]!)!);
        rows.push(rowOf(`${t}-${j}`, hops));
      }
    }
  }
  return { arcs: small.arcs, rows };
}

function shortestTree(
  src: string,
  adj: ReadonlyMap<string, string[]>,
  w: ReadonlyMap<string, number>,
): Map<string, string> {
  const dist = new Map<string, number>([[src, 0]]);
  const prev = new Map<string, string>();
  const done = new Set<string>();
  for (;;) {
    let u: string | undefined;
    for (const [n, d] of dist) if (!done.has(n) && (u === undefined || d < dist.get(u)!)) u = n;
    if (u === undefined) return prev;
    done.add(u);
    for (const v of adj.get(u) ?? []) {
      const nd = dist.get(u)! + w.get(`${u}>${v}`)!;
      if (nd < (dist.get(v) ?? Infinity)) {
        dist.set(v, nd);
        prev.set(v, u);
      }
    }
  }
}

/** CPU time of one localisation at issue scale (1–3 faults of 1–5 %), and its class accuracy. */
export function scaleCase(trials: number): object {
  const rng = mulberry32(5);
  const net = scaleNet(rng);
  const covered = [...new Set(net.rows.flatMap((r) => r.arcs.map((a) => String(a.arc))))];
  const cpu: number[] = [];
  let ok = 0;
  for (let t = 0; t < trials; t++) {
    const truth = [
      ...new Set([0, 1, 2].slice(0, 1 + (t % 3)).map(() => covered[Math.floor(rng() * covered.length)]!)),
    ];
    const rates = new Map(truth.map((a) => [a, 0.01 + rng() * 0.04]));
    const m = measure(rng, net.rows, rates);
    const c0 = process.cpuUsage();
    const r = locate({ kind: 'loss', rows: net.rows, arcs: net.arcs, measurements: m });
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    if (classCorrect(net, net.rows, truth, r)) ok++;
  }
  return {
    links: net.arcs.length / 2,
    paths: net.rows.length,
    trials,
    classCorrectPct: Math.round((1000 * ok) / trials) / 10,
    cpuMsP50: Math.round(percentile(cpu, 50)),
    cpuMsP95: Math.round(percentile(cpu, 95)),
  };
}

export function main(): void {
  writeResult('assurance-locate', {
    setup:
      'seeded (2026); gray loss 0.5–5 % or 1–5 % per faulty arc, background 1e-4 per arc, 1,000 probes per path per window',
    cases: [0.005, 0.01].flatMap((minRate) => CASES.map((c) => runCase(c, minRate))),
    lossDetector: detectorCase(Number(process.argv[3] ?? 6), 40),
    scale: scaleCase(Number(process.argv[4] ?? 12)),
  });
}

if (require.main === module) main();
