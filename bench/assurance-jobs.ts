import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadTopology } from '../src/cli/load-topology';
import type { TopologyGraph } from '../src/core/topology';
import { Campaign, drawClasses } from './assurance-campaign';
import type { Outcome } from './assurance-outcome';
import { Rig, rng } from './assurance-rig';
import { sharedTopologies } from './bench-util';
import type { FaultType } from '../simulators/engine';

/** One unit of work a child process runs: a fault campaign on a topology, or a no-fault soak. */
export type Job =
  | {
      readonly kind: 'campaign';
      readonly topology: string;
      readonly seed: number;
      readonly intents: number;
      readonly singles: number;
      readonly classes: readonly FaultType[];
      readonly multi: readonly (readonly [number, number])[];
      readonly warmup: number;
      /** Latency σ floor (µs); see Campaign. */
      readonly sigmaFloorUs?: number;
      /** Every n-th headend streams its probes one interval late (see RigOptions.lateEvery). */
      readonly lateEvery?: number;
      /** Latency shifts drawn from this range (µs) instead of k·σ; see Campaign. */
      readonly latencyUs?: readonly [number, number];
      readonly variant?: string;
      /** Scenario period (network ms), default 30 s. */
      readonly periodMs?: number;
      /** Wall-clock epoch ms after which no new scenario starts (the run's time budget). */
      readonly deadline?: number;
    }
  | {
      readonly kind: 'soak';
      readonly topology: string;
      readonly seed: number;
      readonly intents: number;
      /** Hour of the simulated day the soak starts at (chunks of one day run in parallel children). */
      readonly fromHour: number;
      readonly hours: number;
      /** Wall-clock epoch ms at which the soak stops early (reported as fewer hours). */
      readonly deadline?: number;
    };

export interface CampaignResult {
  readonly kind: 'campaign';
  readonly topology: string;
  readonly nodes: number;
  readonly links: number;
  readonly policies: number;
  readonly engine: string;
  readonly outcomes: readonly Outcome[];
  readonly unrelated: number;
  readonly leftovers: number;
  /** Diagnostics (see Campaign.collateral / leftoverKinds). */
  readonly collateral?: Readonly<Record<string, number>>;
  readonly leftoverKinds?: Readonly<Record<string, number>>;
  readonly intervals: number;
  readonly scenariosPlanned: number;
  readonly scenariosCutByBudget: number;
  readonly refusedFaultRequests: readonly string[];
  readonly targetsReusedWithin10Min: number;
  readonly cpu: { readonly simMs: number; readonly loopMs: number; readonly wallMs: number };
}

export interface SoakResult {
  readonly kind: 'soak';
  readonly topology: string;
  readonly nodes: number;
  readonly policies: number;
  readonly fromHour: number;
  /** Simulated hours actually run (less than planned when the time budget cut the soak). */
  readonly hours: number;
  readonly plannedHours: number;
  readonly intervals: number;
  readonly incidents: number;
  readonly byClass: Record<string, number>;
  readonly peakUtilisation: number;
  readonly examples: readonly unknown[];
  readonly cpu: { readonly simMs: number; readonly loopMs: number; readonly wallMs: number };
}

/**
 * The no-fault soak: `days` simulated days, each as four 6-hour chunks (00–06 … 18–24 h) in parallel children.
 * Day 0 is Abilene with seed 4 (the default one-day soak); further days (`--soak-days N`) alternate GEANT and
 * Abilene with a new seed each, so each day draws its own intents, demand and noise.
 */
export function soakJobs(days: number): Job[] {
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`bench: --soak-days must be a whole number ≥ 1, got ${String(days)}`);
  return Array.from({ length: days }, (_, d) =>
    [0, 6, 12, 18].map((fromHour): Job => ({
      kind: 'soak',
      topology: d % 2 === 0 ? 'abilene' : 'geant2012',
      seed: 4 + d,
      intents: 60,
      fromHour,
      hours: 6,
    })),
  ).flat();
}

/** Shipped topologies from topology/, real ones from ../shared/topologies (read at run time, never copied). */
export function topologyOf(name: string): TopologyGraph {
  if (name.startsWith('shared:')) {
    const rel = name.slice('shared:'.length);
    return loadTopology(join(sharedTopologies(), rel), rel.endsWith('.graph') ? 'repetita' : undefined);
  }
  const file = join(process.cwd(), 'topology', `${name}.json`);
  if (!existsSync(file)) throw new Error(`bench: no topology ${file}`);
  return loadTopology(file);
}

export async function runJob(job: Job): Promise<CampaignResult | SoakResult> {
  const wall0 = Date.now();
  const topology = topologyOf(job.topology);
  const startMs = Date.UTC(2026, 0, 1) + (job.kind === 'soak' ? job.fromHour * 3_600_000 : 0);
  const rig = new Rig(topology, {
    seed: job.seed,
    intents: job.intents,
    intervalMs: 1000,
    startMs,
    ...(job.kind === 'campaign' && job.lateEvery !== undefined && { lateEvery: job.lateEvery }),
  });
  await rig.deployIntents();
  if (job.kind === 'soak') return soak(rig, job, wall0);
  const c = new Campaign(
    rig,
    rng(job.seed * 101 + 3),
    topology.name,
    job.sigmaFloorUs,
    job.variant,
    job.periodMs,
    job.latencyUs,
  );
  for (let n = 0; n < job.warmup; n++) await c.tick();
  // single-fault rounds over every class, with the multi-fault scenarios spread between them, so a run cut by
  // its time budget stays balanced across classes
  const r = rng(job.seed * 977 + 11);
  const multi = (k: number): FaultType[] => drawClasses(r, k);
  const plan: FaultType[][] = [];
  const rounds = Math.max(1, job.singles);
  for (let s = 0; s < rounds; s++) {
    if (s < job.singles) for (const cls of job.classes) plan.push([cls]);
    for (const [k, count] of job.multi) {
      const n = Math.floor((count * (s + 1)) / rounds) - Math.floor((count * s) / rounds);
      for (let i = 0; i < n; i++) plan.push(multi(k));
    }
  }
  let cut = 0;
  for (const [i, types] of plan.entries()) {
    if (job.deadline !== undefined && Date.now() > job.deadline) {
      cut = plan.length - i;
      break;
    }
    await c.scenario(types);
    if (i % 25 === 24)
      process.stderr.write(
        `assurance bench: ${topology.name} ${i + 1}/${plan.length} scenarios, ${Math.round((Date.now() - wall0) / 1000)} s\n`,
      );
  }
  return {
    kind: 'campaign',
    topology: topology.name,
    nodes: topology.nodeCount,
    links: [...topology.links()].length,
    policies: rig.policyCount(),
    engine: rig.engineName,
    outcomes: c.outcomes,
    unrelated: c.unrelated,
    leftovers: c.leftovers,
    collateral: c.collateral,
    leftoverKinds: c.leftoverKinds,
    intervals: c.intervals,
    scenariosPlanned: plan.length,
    scenariosCutByBudget: cut,
    refusedFaultRequests: c.refused,
    targetsReusedWithin10Min: c.reusedRecent,
    cpu: { simMs: Math.round(rig.simMs), loopMs: Math.round(rig.loopMs), wallMs: Date.now() - wall0 },
  };
}

/** No faults for `hours` of network time at the loop's interval: every incident opened is a false one. */
async function soak(rig: Rig, job: Extract<Job, { kind: 'soak' }>, wall0: number): Promise<SoakResult> {
  const planned = Math.round((job.hours * 3_600_000) / rig.o.intervalMs);
  let peak = 0;
  let intervals = 0;
  for (let n = 0; n < planned; n++) {
    if (n % 600 === 0 && job.deadline !== undefined && Date.now() > job.deadline) break;
    if (n % 3600 === 0 && n > 0)
      process.stderr.write(
        `assurance bench: soak ${n / 3600} h, ${Math.round((Date.now() - wall0) / 1000)} s\n`,
      );
    await rig.interval();
    intervals += 1;
    if (n % 60 === 0)
      for (const r of rig.tap.arcReadings().values())
        if (r.utilisation !== null) peak = Math.max(peak, r.utilisation);
  }
  const all = rig.service.list('all');
  const byClass: Record<string, number> = {};
  for (const i of all) byClass[i.class] = (byClass[i.class] ?? 0) + 1;
  return {
    kind: 'soak',
    topology: rig.topology.name,
    nodes: rig.topology.nodeCount,
    policies: rig.policyCount(),
    fromHour: job.fromHour,
    hours: (intervals * rig.o.intervalMs) / 3_600_000,
    plannedHours: job.hours,
    intervals,
    incidents: all.length,
    byClass,
    peakUtilisation: Math.round(peak * 1000) / 1000,
    examples: all.slice(0, 5).map((i) => ({
      class: i.class,
      at: new Date(i.detectedAt).toISOString(),
      equivalenceClass: i.equivalenceClass,
      evidence: i.evidence[0],
    })),
    cpu: { simMs: Math.round(rig.simMs), loopMs: Math.round(rig.loopMs), wallMs: Date.now() - wall0 },
  };
}
