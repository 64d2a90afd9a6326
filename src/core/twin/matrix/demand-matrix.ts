import type { NodeId } from '../../model/ids';
import { predictWhatIf, whatIfBase } from '../index';
import type { DemandEntry, TwinIndex, TwinPolicy } from '../index';
import { ecmpColumn } from './igp-routing';
import { tomogravity } from './tomogravity';

/** Headend counters, as the telemetry reports them (rates in Mbit/s). */
export interface MeasuredTraffic {
  /** Per SR policy at its headend: the steered traffic. */
  readonly policies: readonly { readonly headend: NodeId; readonly policy: string; readonly mbps: number }[];
  /** Per (ingress, destination): IGP-routed traffic. */
  readonly destinations: readonly { readonly from: NodeId; readonly to: NodeId; readonly mbps: number }[];
}

export interface DemandMatrixInput {
  readonly measured: MeasuredTraffic;
  /** The SR policies in force (to know each policy's endpoint and forwarding). */
  readonly policies: readonly TwinPolicy[];
  /** Headends that export traffic counters; every other node's demands are estimated. */
  readonly reportingHeadends: ReadonlySet<NodeId>;
  /** Measured load per arc (index order, Mbit/s), NaN where unknown. */
  readonly linkLoadMbps: ArrayLike<number>;
  /** Arc up-mask (1 up); default all up. */
  readonly arcUp?: Uint8Array;
}

export interface DemandMatrix {
  readonly demands: DemandEntry[];
  readonly measured: number;
  readonly estimated: number;
  /** Root-mean-square misfit (Mbit/s) of the measured arc loads by the full matrix, over arcs with a load. */
  readonly fitRmsMbps: number;
}

/** Estimated cells below this rate (Mbit/s) are dropped as noise. */
const MIN_ESTIMATE_MBPS = 1e-3;

/**
 * The traffic matrix (ADR 0096): measured cells from headend counters as they are; the cells of headends that
 * export none estimated by tomogravity from the arc loads that the measured cells leave unexplained, routed
 * over the IGP (ECMP), and marked `estimated: true`.
 */
export function buildDemandMatrix(index: TwinIndex, input: DemandMatrixInput): DemandMatrix {
  const measured = measuredCells(input);
  const g = index.g;
  const known = routedLoads(index, input, measured);
  const silent: number[] = [];
  for (let s = 0; s < g.n; s++) if (!input.reportingHeadends.has(g.nodeIds[s]!)) silent.push(s);
  const estimated = silent.length > 0 ? estimate(index, input, known, silent) : [];
  const demands = [...measured, ...estimated];
  return {
    demands,
    measured: measured.length,
    estimated: estimated.length,
    fitRmsMbps: fitRms(input.linkLoadMbps, routedLoads(index, input, demands)),
  };
}

function measuredCells(input: DemandMatrixInput): DemandEntry[] {
  const endpoint = new Map(input.policies.map((p) => [`${p.headend}/${p.name}`, p.endpoint]));
  const out: DemandEntry[] = [];
  for (const p of input.measured.policies) {
    const to = endpoint.get(`${p.headend}/${p.policy}`);
    if (to === undefined || !(p.mbps > 0)) continue;
    out.push({
      from: p.headend,
      to,
      mbps: p.mbps,
      policy: { headend: p.headend, name: p.policy },
      estimated: false,
    });
  }
  for (const d of input.measured.destinations)
    if (d.mbps > 0 && d.from !== d.to) out.push({ from: d.from, to: d.to, mbps: d.mbps, estimated: false });
  return out;
}

/** Per-arc load of a demand set forwarded by the twin (policies over their segment lists, the rest IGP). */
function routedLoads(
  index: TwinIndex,
  input: DemandMatrixInput,
  demands: readonly DemandEntry[],
): Float64Array {
  const base = whatIfBase(index, {
    policies: input.policies,
    demands,
    ...(input.arcUp && { arcUp: input.arcUp }),
  });
  const loads = new Float64Array(index.g.m);
  const byArc = new Map(index.g.arcIds.map((id, a) => [id as string, a]));
  for (const l of predictWhatIf(index, base, {}).links) loads[byArc.get(l.arc)!] = l.loadMbps;
  return loads;
}

function estimate(
  index: TwinIndex,
  input: DemandMatrixInput,
  known: Float64Array,
  silent: readonly number[],
): DemandEntry[] {
  const g = index.g;
  const load = input.linkLoadMbps;
  const up = input.arcUp ?? null;
  // Gravity weights: how much a node sends (out-arc loads) and receives (in-arc loads).
  const outW = new Float64Array(g.n);
  const inW = new Float64Array(g.n);
  for (let a = 0; a < g.m; a++) {
    const v = load[a]!;
    if (!Number.isFinite(v)) continue;
    outW[g.arcFrom[a]!]! += v;
    inW[g.arcTo[a]!]! += v;
  }
  const pairs: { s: number; d: number; col: Map<number, number> }[] = [];
  for (let d = 0; d < g.n; d++) {
    const dist = up ? index.distUnder(d, up) : index.distAllUp(d);
    for (const s of silent) {
      if (s === d || outW[s] === 0 || inW[d] === 0) continue;
      const col = ecmpColumn(index, s, d, dist, up);
      if (col.size > 0) pairs.push({ s, d, col });
    }
  }
  // Rows: the measured arcs that some estimated demand crosses; y = what the measured cells leave unexplained.
  const rowOf = new Map<number, number>();
  const y: number[] = [];
  const columns = pairs.map(({ col }) => {
    const c = new Map<number, number>();
    col.forEach((f, a) => {
      if (!Number.isFinite(load[a]!)) return;
      let r = rowOf.get(a);
      if (r === undefined) {
        rowOf.set(a, (r = y.length));
        y.push(Math.max(0, load[a]! - known[a]!));
      }
      c.set(r, f);
    });
    return c;
  });
  const raw = pairs.map(({ s, d }) => outW[s]! * inW[d]!);
  // Scale the gravity prior to the unexplained load (least squares on one factor).
  const ap = new Array<number>(y.length).fill(0);
  columns.forEach((c, j) => c.forEach((f, r) => (ap[r]! += f * raw[j]!)));
  const num = ap.reduce((s, v, r) => s + v * y[r]!, 0);
  const den = ap.reduce((s, v) => s + v * v, 0);
  const prior = raw.map((v) => (den > 0 ? (v * num) / den : 0));
  const x = tomogravity(columns, y, prior);
  const out: DemandEntry[] = [];
  pairs.forEach(({ s, d }, j) => {
    if (x[j]! >= MIN_ESTIMATE_MBPS)
      out.push({ from: g.nodeIds[s]!, to: g.nodeIds[d]!, mbps: x[j]!, estimated: true });
  });
  return out;
}

function fitRms(measured: ArrayLike<number>, routed: Float64Array): number {
  let s = 0;
  let c = 0;
  for (let a = 0; a < routed.length; a++) {
    const v = measured[a]!;
    if (!Number.isFinite(v)) continue;
    s += (v - routed[a]!) ** 2;
    c++;
  }
  return c === 0 ? 0 : Math.sqrt(s / c);
}
