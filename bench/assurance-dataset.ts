/**
 * Labelled fault-classifier data from the simulator (issue 9 §4, ADR 0142): seeded fault campaigns run the
 * controller's real loop against the in-process simulator (the bench's Rig and Campaign), and every incident
 * the loop classified (its evidence carries the feature vector it classified on) that names an element of a
 * fault active at that moment becomes one JSON line labelled with that fault's class from the simulator's
 * registry (GET /faults). `autonet assurance train --data <file>` trains and scores on it, split by seed.
 *
 * Run: node dist/bench/assurance-dataset.js --seeds 11,12,13 [--topologies abilene,geant2012]
 *      [--rounds 6] [--minutes 6] [--parallel 2] [--out data/fault-dataset.jsonl] [--explain]
 *      [--latency-floors 5,100,1000,5000]   (latency shifts 3–6 × the floor, µs, cycled over the seeds)
 * Seeds must differ from the benchmark's (1–7): the benchmark's campaigns are then held out by construction.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FEATURE_NAMES } from '../src/core/assurance/classify';
import type { DatasetRow } from '../src/core/assurance/classify';
import { FAULT_TYPES } from '../simulators/engine';
import type { FaultType, SimFault } from '../simulators/engine';
import type { IncidentView } from '../src/ports/event-bus.port';
import { Campaign, drawClasses, LINK_CLASSES } from './assurance-campaign';
import { topologyOf } from './assurance-jobs';
import { Rig, rng } from './assurance-rig';

interface DatasetJob {
  readonly topology: string;
  readonly seed: number;
  readonly intents: number;
  readonly rounds: number;
  readonly periodMs: number;
  /** Latency shifts are 3–6 × max(measured σ, this floor) µs (Campaign): a larger floor, larger shifts. */
  readonly sigmaFloorUs: number;
  /** Wall-clock epoch ms after which no new scenario starts. */
  readonly deadline?: number;
  /** Print each skipped classification that names no active fault (`--explain`). */
  readonly explain?: boolean;
}

/** Elements an incident about fault `f` may name (as the campaign scores it: a link's ends, a node's links). */
function relatedTo(rig: Rig, f: SimFault): Set<string> {
  const topo = rig.topology;
  if (LINK_CLASSES.has(f.type)) {
    const l = topo.link(f.target);
    return new Set([f.target, l.a, l.b]);
  }
  if (f.type === 'node-down')
    return new Set([f.target, ...topo.outArcs(f.target as never).map((a) => a.link as string)]);
  return new Set([f.target]);
}

interface Classified {
  readonly at: number;
  readonly phase: DatasetRow['phase'];
  readonly c: { class: string; source: string; features: Record<string, number> };
}

/** The classification entries of an incident's evidence: at opening, and when reclassified, narrowed or relocated. */
function classifications(i: IncidentView): Classified[] {
  const out: Classified[] = [];
  for (const [n, raw] of i.evidence.entries()) {
    const e = raw as Record<string, unknown>;
    const inner = (n === 0 ? e : e['evidence']) as Record<string, unknown> | undefined;
    const c = inner?.['classification'] as Classified['c'] | undefined;
    if (!c?.features || typeof e['at'] !== 'number') continue;
    const phase =
      n === 0 ? 'open' : 'reclassified' in e ? 'reclassified' : 'relocated' in e ? 'relocated' : 'narrowed';
    out.push({ at: e['at'], phase, c });
  }
  return out;
}

/** Rows for the incidents opened since `since` that name an element of a fault active when classified. */
export function harvest(
  rig: Rig,
  job: DatasetJob,
  scenario: number,
  since: number,
  faults: readonly SimFault[],
): { rows: DatasetRow[]; ambiguous: number; unrelated: number } {
  const rows: DatasetRow[] = [];
  let ambiguous = 0;
  let unrelated = 0;
  const related = faults.map((f) => ({ f, els: relatedTo(rig, f) }));
  for (const id of rig.opened.slice(since)) {
    const i = rig.service.loop.book.find(id);
    if (!i) continue;
    const names = [...i.equivalenceClass, ...i.suspects.map((s) => s.id)];
    for (const { at, phase, c } of classifications(i)) {
      const active = related.filter(
        ({ f, els }) =>
          f.startMs <= at && (f.endMs === null || at <= f.endMs) && names.some((x) => els.has(x)),
      );
      const labels = [...new Set(active.map(({ f }) => f.type))];
      if (labels.length === 0) {
        unrelated += 1;
        if (job.explain)
          process.stderr.write(
            `unrelated ${phase} ${c.class} at ${at} names ${names.join(' ')} faults ${faults.map((f) => `${f.type} ${f.target} ${f.startMs}-${f.endMs}`).join('; ')}\n`,
          );
      }
      if (labels.length > 1) ambiguous += 1;
      if (labels.length !== 1) continue;
      rows.push({
        seed: job.seed,
        topology: rig.topology.name,
        scenario,
        k: faults.length,
        label: labels[0]!,
        target: active[0]!.f.target,
        incident: i.id,
        phase,
        loop: { class: c.class, source: c.source },
        features: FEATURE_NAMES.map((n) => Math.round((c.features[n] ?? 0) * 1e4) / 1e4),
      });
    }
  }
  return { rows, ambiguous, unrelated };
}

/** One campaign: rounds of one scenario per fault class, and 2- and 3-fault scenarios between them. */
async function runDatasetJob(job: DatasetJob): Promise<void> {
  const topology = topologyOf(job.topology);
  const rig = new Rig(topology, { seed: job.seed, intents: job.intents, intervalMs: 1000 });
  await rig.deployIntents();
  const c = new Campaign(
    rig,
    rng(job.seed * 101 + 3),
    topology.name,
    job.sigmaFloorUs,
    undefined,
    job.periodMs,
  );
  for (let n = 0; n < 40; n++) await c.tick();
  const r = rng(job.seed * 977 + 11);
  const draw = (k: number): FaultType[] => drawClasses(r, k);
  const plan: FaultType[][] = [];
  for (let s = 0; s < job.rounds; s++) plan.push(...FAULT_TYPES.map((t) => [t]), draw(2), draw(3));
  let ambiguous = 0;
  let unrelated = 0;
  let rows = 0;
  for (const [n, types] of plan.entries()) {
    if (job.deadline !== undefined && Date.now() > job.deadline) break;
    const known = new Set(rig.engine.listFaults().map((f) => f.id));
    const since = rig.opened.length;
    await c.scenario(types);
    const faults = rig.engine.listFaults().filter((f) => !known.has(f.id));
    const h = harvest(rig, job, n + 1, since, faults);
    ambiguous += h.ambiguous;
    unrelated += h.unrelated;
    rows += h.rows.length;
    for (const row of h.rows) process.stdout.write(`${JSON.stringify(row)}\n`);
  }
  process.stderr.write(
    `assurance dataset: ${topology.name} seed ${job.seed}: ${rows} rows, ${ambiguous} ambiguous and ${unrelated} unrelated classifications skipped\n`,
  );
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', 'src', 'bench', 'simulators'], {
      encoding: 'utf8',
    });
    return dirty.trim() === '' ? head : `${head} (with uncommitted changes)`;
  } catch {
    return 'unknown';
  }
}

function child(job: DatasetJob): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [__filename, '--job', JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    p.stdout.on('data', (b: Buffer) => (text += b.toString()));
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`dataset job ${job.topology} seed ${job.seed}: ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const k = process.argv.indexOf('--job');
  if (k >= 0) return runDatasetJob(JSON.parse(process.argv[k + 1]!) as DatasetJob);
  const seeds = (arg('--seeds') ?? '11,12,13').split(',').map(Number);
  if (seeds.some((s) => !Number.isSafeInteger(s) || s < 1))
    throw new Error('dataset: --seeds a,b,c (integers)');
  if (seeds.some((s) => s <= 7)) throw new Error('dataset: seeds 1–7 are the benchmark’s; use others');
  const topologies = (arg('--topologies') ?? 'abilene,geant2012').split(',');
  const rounds = Number(arg('--rounds') ?? 6);
  // the bench's latency shifts (3–6 σ, σ ≥ 5 µs) are tens of µs; an operator's "+20 ms" must be in the data
  // too, or the model learns that a large delay shift means congestion: seed i gets floor i mod the list
  const floors = (arg('--latency-floors') ?? '5').split(',').map(Number);
  if (floors.some((f) => !(f > 0))) throw new Error('dataset: --latency-floors a,b (µs, > 0)');
  const minutes = arg('--minutes');
  const parallel = Number(arg('--parallel') ?? 2);
  const out = arg('--out') ?? 'data/fault-dataset.jsonl';
  const deadline = minutes === undefined ? undefined : Date.now() + Number(minutes) * 60_000;
  // 14-link Abilene gets one scenario a minute (flap damping: the third change around an element in 10 min waits), as in the bench
  const jobs: DatasetJob[] = seeds.flatMap((seed, i) =>
    topologies.map((t) => ({
      sigmaFloorUs: floors[i % floors.length]!,
      topology: t,
      seed,
      intents: t === 'abilene' ? 30 : 50,
      rounds,
      periodMs: t === 'abilene' ? 60_000 : 30_000,
      ...(deadline !== undefined && { deadline }),
      ...(process.argv.includes('--explain') && { explain: true }),
    })),
  );
  const texts: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const j = next++;
      texts[j] = await child(jobs[j]!);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const header = {
    format: 'autonet-fault-dataset',
    version: 1,
    features: FEATURE_NAMES,
    command: `node dist/bench/assurance-dataset.js ${process.argv.slice(2).join(' ')}`,
    seeds,
    topologies,
    // the rows depend on the loop's code (detectors, localiser, correlation): regenerate at this commit
    commit: gitCommit(),
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(header)}\n${texts.join('')}`);
  const rows = texts.join('').split('\n').filter(Boolean).length;
  process.stderr.write(`assurance dataset: wrote ${rows} rows to ${out}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
