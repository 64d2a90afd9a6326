import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadTopology } from '../src/cli/load-topology';
import type { TopologyGraph } from '../src/core/topology';
import { Campaign, FAULT_TYPES } from './assurance-campaign';
import type { Outcome } from './assurance-campaign';
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
      readonly variant?: string;
    }
  | {
      readonly kind: 'soak';
      readonly topology: string;
      readonly seed: number;
      readonly intents: number;
      /** Hour of the simulated day the soak starts at (chunks of one day run in parallel children). */
      readonly fromHour: number;
      readonly hours: number;
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
  readonly intervals: number;
  readonly cpu: { readonly simMs: number; readonly loopMs: number; readonly wallMs: number };
}

export interface SoakResult {
  readonly kind: 'soak';
  readonly topology: string;
  readonly nodes: number;
  readonly policies: number;
  readonly fromHour: number;
  readonly hours: number;
  readonly intervals: number;
  readonly incidents: number;
  readonly byClass: Record<string, number>;
  readonly peakUtilisation: number;
  readonly examples: readonly unknown[];
  readonly cpu: { readonly simMs: number; readonly loopMs: number; readonly wallMs: number };
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
  const rig = new Rig(topology, { seed: job.seed, intents: job.intents, intervalMs: 1000, startMs });
  await rig.deployIntents();
  if (job.kind === 'soak') return soak(rig, job, wall0);
  const c = new Campaign(rig, rng(job.seed * 101 + 3), topology.name, job.sigmaFloorUs, job.variant);
  for (let n = 0; n < job.warmup; n++) await c.tick();
  const plan: FaultType[][] = [];
  for (let s = 0; s < job.singles; s++) for (const cls of job.classes) plan.push([cls]);
  const r = rng(job.seed * 977 + 11);
  for (const [k, count] of job.multi)
    for (let s = 0; s < count; s++) {
      const types: FaultType[] = [];
      while (types.length < k) {
        const t = FAULT_TYPES[Math.floor(r() * FAULT_TYPES.length)]!;
        if (!types.includes(t)) types.push(t);
      }
      plan.push(types);
    }
  for (const types of plan) await c.scenario(types);
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
    intervals: c.intervals,
    cpu: { simMs: Math.round(rig.simMs), loopMs: Math.round(rig.loopMs), wallMs: Date.now() - wall0 },
  };
}

/** No faults for `hours` of network time at the loop's interval: every incident opened is a false one. */
async function soak(rig: Rig, job: Extract<Job, { kind: 'soak' }>, wall0: number): Promise<SoakResult> {
  const intervals = Math.round((job.hours * 3_600_000) / rig.o.intervalMs);
  let peak = 0;
  for (let n = 0; n < intervals; n++) {
    await rig.interval();
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
    hours: job.hours,
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
