import { InvalidQueryError, UnknownNodeError } from '../../errors';
import type { Demand } from '../../model/topology';
import type { TopologyGraph } from '../../topology';
import { Ecmp } from '../ecmp';

/** A linear program as text for an external solver (the LpSolver port). */
export interface LpModel {
  readonly format: 'cplex-lp';
  readonly text: string;
  readonly rows: number;
  readonly columns: number;
}

const TERMS_PER_LINE = 8;

/**
 * The fractional multi-commodity-flow minimum of the maximum link utilisation, as a CPLEX LP text: the lower
 * bound every routing (SR or not) must respect. Edge-based formulation with one commodity per source node
 * (flows from one source to all its destinations share variables), which is exact for min-MLU:
 *
 *   minimise U
 *   for each source s, node v ≠ s:  Σ x[s, a into v] − Σ x[s, a out of v] = demand(s → v)
 *   for each arc a:                 Σ_s x[s, a] − capacity(a) · U ≤ 0
 *   x ≥ 0, U ≥ 0 (arcs into s carry no flow of source s: an optimal flow never returns to its source)
 *
 * Variables: U, and x<k>_<a> for source number k and dense arc index a. Rows: n<k>_<v> and c<a>.
 */
export function buildMinMluLp(topology: TopologyGraph, demands: readonly Demand[]): LpModel {
  const ecmp = Ecmp.of(topology);
  const bySource = aggregate(ecmp, demands);
  const sources = [...bySource.keys()].sort((p, q) => p - q);
  const flowRows: string[] = [];
  const capTerms: string[][] = Array.from({ length: ecmp.arcCount }, () => []);
  let columns = 1;
  sources.forEach((s, k) => {
    columns += sourceRows(ecmp, s, k, bySource.get(s)!, flowRows, capTerms);
  });
  const capRows = capTerms.map((terms, a) =>
    row(`c${a}`, [...terms, `- ${num(ecmp.arcCapacity[a]!)} U`], '<= 0'),
  );
  const text = [
    '\\ autonet: fractional multi-commodity flow, minimum maximum link utilisation',
    'Minimize',
    ' mlu: U',
    'Subject To',
    ...flowRows,
    ...capRows,
    'End',
    '',
  ].join('\n');
  return { format: 'cplex-lp', text, rows: flowRows.length + capRows.length, columns };
}

/**
 * Flow-conservation rows of source number k (node s) into `rows`; its arc variables into `capTerms`.
 * Returns the number of variables added.
 */
function sourceRows(
  ecmp: Ecmp,
  s: number,
  k: number,
  need: readonly number[],
  rows: string[],
  capTerms: string[][],
): number {
  const terms: string[][] = Array.from({ length: ecmp.nodeCount }, () => []);
  let columns = 0;
  for (let a = 0; a < ecmp.arcCount; a++) {
    const from = ecmp.arcFrom[a]!;
    const to = ecmp.arcTo[a]!;
    if (to === s) continue;
    const x = `x${k}_${a}`;
    terms[to]!.push(`+ ${x}`);
    if (from !== s) terms[from]!.push(`- ${x}`);
    capTerms[a]!.push(`+ ${x}`);
    columns++;
  }
  for (let v = 0; v < ecmp.nodeCount; v++) {
    if (v === s) continue;
    const rhs = need[v] ?? 0;
    if (terms[v]!.length === 0) {
      if (rhs > 0)
        throw new InvalidQueryError(`te: lp: node ${ecmp.nodeIds[v]} has demand but no incoming arc`);
      continue;
    }
    rows.push(row(`n${k}_${v}`, terms[v]!, `= ${num(rhs)}`));
  }
  return columns;
}

/** Demand per source and destination (dense indices), summed over duplicates. */
function aggregate(ecmp: Ecmp, demands: readonly Demand[]): Map<number, number[]> {
  const bySource = new Map<number, number[]>();
  demands.forEach((d, i) => {
    const s = ecmp.indexOfNode(d.from);
    const t = ecmp.indexOfNode(d.to);
    if (s < 0) throw new UnknownNodeError(d.from, `te: lp: demand ${i}`);
    if (t < 0) throw new UnknownNodeError(d.to, `te: lp: demand ${i}`);
    if (s === t || d.mbps <= 0) return;
    let need = bySource.get(s);
    if (!need) {
      need = [];
      bySource.set(s, need);
    }
    need[t] = (need[t] ?? 0) + d.mbps;
  });
  return bySource;
}

function row(name: string, terms: readonly string[], tail: string): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += TERMS_PER_LINE)
    lines.push(terms.slice(i, i + TERMS_PER_LINE).join(' '));
  return ` ${name}: ${lines.join('\n  ')}\n  ${tail}`;
}

/** Numbers in plain decimal (no exponent), which every LP reader accepts. */
function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
}
