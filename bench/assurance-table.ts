/**
 * Renders bench/results/assurance.json as the Markdown tables of docs/assurance-benchmark.md, so the
 * published figures are copied from the run, never typed. Run: node dist/bench/assurance-table.js
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Stat {
  n: number;
  missed: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

interface ClassRow {
  injections: number;
  detectMs: Stat;
  locateMs: Stat;
  repairMs: Stat;
  correct: number;
  repaired: number;
  rollbacks: number;
  meanIncidentsOpened: number;
}

const s = (x: number | null): string => (x === null ? '—' : (x / 1000).toFixed(1));
const triple = (t: Stat): string =>
  `${s(t.p50)} / ${s(t.p95)} / ${s(t.max)}${t.missed ? ` (${t.missed} of ${t.n} never)` : ''}`;
const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
const yes = (b: boolean): string => (b ? '**held**' : '**not held**');

export function renderTables(doc: Record<string, unknown>): string {
  const per = doc['perClass'] as Record<string, ClassRow>;
  const g = doc['goals'] as Record<string, Record<string, unknown>>;
  const lines = [
    '| class | injections | detect p50 / p95 / max (s) | locate p50 / p95 / max (s) | verified repair p50 / p95 / max (s) | correct class (top-1) | repaired | rollbacks | incidents per fault |',
    '| --- | --: | --- | --- | --- | --: | --: | --: | --: |',
  ];
  for (const [cls, r] of Object.entries(per)) {
    lines.push(
      `| ${cls} | ${r.injections} | ${triple(r.detectMs)} | ${triple(r.locateMs)} | ${triple(r.repairMs)} | ${pct(r.correct)} | ${r.repaired} | ${r.rollbacks} | ${r.meanIncidentsOpened.toFixed(1)} |`,
    );
  }
  const acc = g['classAccuracy'] as Record<
    string,
    { goal: number; measured: number; faults: number; held: boolean; scenariosAllCorrect: number }
  >;
  const stat = (k: string): Stat => g[k]!['measured'] as Stat;
  const fi = g['falseIncidents']!;
  const bound = fi['upperBound95'] as number | null | undefined;
  lines.push(
    '',
    '| goal | target | measured | verdict |',
    '| --- | --- | --- | --- |',
    `| hard faults (link-down, node-down, flap) detected | p95 ≤ 1 s | p95 ${s(stat('hardDetectP95').p95)} s | ${yes(g['hardDetectP95']!['held'] as boolean)} |`,
    `| gray loss ≥ 1 %, latency ≥ 3σ detected | p95 ≤ 3 s | p95 ${s(stat('grayDetectP95').p95)} s (${stat('grayDetectP95').missed} of ${stat('grayDetectP95').n} never) | ${yes(g['grayDetectP95']!['held'] as boolean)} |`,
    `| located after detection | p95 ≤ 3 s | p95 ${s(stat('locateP95').p95)} s | ${yes(g['locateP95']!['held'] as boolean)} |`,
    `| verified repair after location | p95 ≤ 5 s | p95 ${s(stat('repairP95').p95)} s (${stat('repairP95').missed} of ${stat('repairP95').n} never) | ${yes(g['repairP95']!['held'] as boolean)} |`,
  );
  const applied = g['repairP95']!['whenApplied'] as Stat | undefined;
  if (applied)
    lines.push(
      `| — the same, where the loop acted by itself (no guardrail hold) | (p95 ≤ 5 s) | p50 ${s(applied.p50)} s, p95 ${s(applied.p95)} s (${applied.missed} of ${applied.n} never verified) | (for explanation) |`,
    );
  const fixable = g['repairP95']!['repairable'] as (Stat & { held: boolean }) | undefined;
  if (fixable)
    lines.push(
      `| — the same, faults a reroute could repair (${String(g['repairP95']!['unrepairable'])} had no way around) | (p95 ≤ 5 s) | p50 ${s(fixable.p50)} s, p95 ${s(fixable.p95)} s (${fixable.missed} of ${fixable.n} never verified) | (${yes(fixable.held)}) |`,
    );
  for (const [k, a] of Object.entries(acc))
    lines.push(
      `| correct class, ${k} scenarios | ≥ ${pct(a.goal)} | ${pct(a.measured)} of ${a.faults} faults (all right in ${pct(a.scenariosAllCorrect)} of scenarios) | ${yes(a.held)} |`,
    );
  lines.push(
    `| false incidents, no-fault soak with busy hours | ≤ 1 /day/1k policies | ${String(fi['measured'])} (${String(fi['incidents'])} in ${String(fi['days'])} days${bound === undefined ? '' : `; 95 % upper bound ${bound === null ? '—' : bound.toFixed(bound < 10 ? 2 : 1)}`}) | ${yes(fi['held'] as boolean)}${fi['confirmed'] === false ? ' (observed; too little exposure to confirm)' : ''} |`,
  );
  const c = doc['classifier'] as Record<string, { accuracy: number } | number[]>;
  lines.push(
    '',
    `Classifier on held-out campaign seeds: learned model ${pct((c['learned'] as { accuracy: number }).accuracy)}, rules baseline ${pct((c['rules'] as { accuracy: number }).accuracy)}, loop decision (model ≥ 0.6 confidence, else rules) ${pct((c['loopDecision'] as { accuracy: number }).accuracy)}.`,
  );
  return lines.join('\n');
}

if (require.main === module) {
  const file = process.argv[2] ?? join(process.cwd(), 'bench', 'results', 'assurance.json');
  process.stdout.write(
    `${renderTables(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)}\n`,
  );
}
