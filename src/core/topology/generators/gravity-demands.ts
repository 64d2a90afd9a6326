import type { TopologyGraph } from '../topology-graph';
import type { DemandInput, TopologyInput } from '../topology-input';
import { GeneratorError } from './generator-error';
import { requireInt, requireNumber } from './generator-options';
import type { DemandOptions } from './generator-options';
import { prngFor } from './prng';
import type { Prng } from './prng';

// Module-level bindings of Math functions: hot loops then avoid global lookups, which are slow inside vm
// contexts such as Jest's sandbox.
const { exp, floor, round } = Math;

export interface GravityOptions extends DemandOptions {
  readonly seed: number;
}

const GRAVITY_KEYS = ['seed', 'totalMbps', 'scale', 'masses', 'noise', 'maxDemands'];

interface Endpoints {
  readonly ids: readonly string[];
  readonly masses: readonly number[];
  /** Total one-way link capacity of the topology, Mbit/s. */
  readonly capacityMbps: number;
}

/**
 * Gravity-model demands: the rate from i to j is proportional to mass_i × mass_j (i ≠ j), times mean-one
 * log-normal noise, scaled so all demands add up to the total. Endpoints are the PE nodes when the topology
 * has at least two, else every node. When the full matrix would exceed `maxDemands`, `maxDemands` (i, j) draws with
 * probability ∝ mass_i × mass_j are accumulated instead (the same gravity model in expectation). Rates are
 * rounded to whole kbit/s by largest remainder, so they add up to the total exactly in kbit/s; pairs left at
 * zero are dropped. Deterministic for a seed.
 */
export function gravityDemands(
  topology: TopologyGraph | TopologyInput,
  options: GravityOptions,
): DemandInput[] {
  if (!Number.isSafeInteger(options.seed)) throw new GeneratorError('seed', 'must be a safe integer');
  for (const key of Object.keys(options)) {
    if (!GRAVITY_KEYS.includes(key))
      throw new GeneratorError(key, 'not an option of the gravity demand model');
  }
  const maxDemands = requireInt('maxDemands', options.maxDemands ?? 10_000, 1, 10_000_000);
  const noise = requireNumber('noise', options.noise ?? 0.2, 0, 5, true);
  const ends = endpointsOf(topology, options);
  const total = totalOf(options, ends.capacityMbps);
  const n = ends.ids.length;
  const noiseRng = prngFor(options.seed, 'gravity-noise');
  const factor = (): number => (noise === 0 ? 1 : exp(noise * noiseRng.normal() - (noise * noise) / 2));
  const weights = new Map<number, number>();
  if (n * (n - 1) <= maxDemands) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++)
        if (i !== j) weights.set(i * n + j, ends.masses[i]! * ends.masses[j]! * factor());
    }
  } else {
    const pick = sampler(ends.masses, prngFor(options.seed, 'gravity-pairs'));
    for (let k = 0; k < maxDemands; k++) {
      const i = pick();
      let j = pick();
      while (j === i) j = pick();
      weights.set(i * n + j, (weights.get(i * n + j) ?? 0) + factor());
    }
  }
  return apportion(weights, total, (key) => [ends.ids[floor(key / n)]!, ends.ids[key % n]!]);
}

function totalOf(options: GravityOptions, capacityMbps: number): number {
  if (options.totalMbps !== undefined && options.scale !== undefined) {
    throw new GeneratorError('totalMbps', 'give totalMbps or scale, not both');
  }
  if (options.totalMbps !== undefined) return requireNumber('totalMbps', options.totalMbps, 0, 1e12, true);
  return requireNumber('scale', options.scale ?? 0.05, 0, 1e6) * capacityMbps;
}

function endpointsOf(topology: TopologyGraph | TopologyInput, options: GravityOptions): Endpoints {
  const nodes = isGraph(topology)
    ? [...topology.nodes()].map((x) => ({ id: x.id, role: x.role }))
    : topology.nodes.map((x) => ({ id: x.id, role: x.role ?? 'unknown' }));
  const links = isGraph(topology)
    ? [...topology.links()].map((l) => ({
        a: l.a,
        b: l.b,
        mbps: l.arcs[0]!.capacityMbps,
      }))
    : topology.links.map((l) => ({ a: l.a, b: l.b, mbps: l.ab.capacityMbps }));
  const pes = nodes.filter((x) => x.role === 'pe');
  const chosen = (pes.length >= 2 ? pes : nodes).map((x) => x.id);
  if (chosen.length < 2)
    throw new GeneratorError('topology', 'the gravity model needs at least two endpoints');
  const index = new Map(chosen.map((id, i) => [id, i]));
  const degree = new Array<number>(chosen.length).fill(0);
  const attached = new Array<number>(chosen.length).fill(0);
  let capacityMbps = 0;
  for (const l of links) {
    capacityMbps += l.mbps;
    for (const end of [l.a, l.b]) {
      const i = index.get(end);
      if (i === undefined) continue;
      degree[i]!++;
      attached[i]! += l.mbps;
    }
  }
  const masses = massesOf(options, chosen.length, degree, attached);
  return { ids: chosen, masses, capacityMbps };
}

function massesOf(options: GravityOptions, n: number, degree: number[], attached: number[]): number[] {
  const model = options.masses ?? 'random';
  if (!['random', 'degree', 'capacity'].includes(model)) {
    throw new GeneratorError('masses', `must be 'random', 'degree' or 'capacity', got ${String(model)}`);
  }
  const rng = prngFor(options.seed, 'gravity-masses');
  const masses =
    model === 'random'
      ? Array.from({ length: n }, () => exp(rng.normal()))
      : model === 'degree'
        ? degree
        : attached;
  if (masses.filter((m) => m > 0).length < 2) {
    throw new GeneratorError('masses', `fewer than two endpoints have a positive '${model}' mass`);
  }
  return masses;
}

const isGraph = (t: TopologyGraph | TopologyInput): t is TopologyGraph =>
  typeof (t as TopologyGraph).nodes === 'function';

/** Draws indices with probability ∝ weight (cumulative sums and binary search). */
function sampler(weights: readonly number[], rng: Prng): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return () => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Splits `totalMbps` over the weights in whole kbit/s (largest remainder, ties by first seen). */
function apportion(
  weights: ReadonlyMap<number, number>,
  totalMbps: number,
  pair: (key: number) => [string, string],
): DemandInput[] {
  const units = round(totalMbps * 1000);
  const entries = [...weights.entries()];
  const sum = entries.reduce((s, [, w]) => s + w, 0);
  const shares = entries.map(([key, w], order) => {
    const exact = sum > 0 ? (w / sum) * units : 0;
    return { key, order, kbps: floor(exact), rest: exact - floor(exact) };
  });
  let left = units - shares.reduce((s, x) => s + x.kbps, 0);
  const byRest = [...shares].sort((a, b) => b.rest - a.rest || a.order - b.order);
  for (let k = 0; left > 0 && byRest.length > 0; k = (k + 1) % byRest.length, left--) byRest[k]!.kbps++;
  return shares
    .filter((x) => x.kbps > 0)
    .map((x) => {
      const [from, to] = pair(x.key);
      return { from, to, mbps: x.kbps / 1000 };
    });
}
