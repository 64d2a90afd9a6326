/**
 * What-if speed (issue 8 item 3): on a generated 1,000-node ISP topology with 10,000 SR policies (and their
 * steered demands plus 5,000 IGP demands), the time to build the base forwarding once, to predict one
 * single-link failure scenario (p50/p95 over seeded links; goal ≤ 50 ms), one node failure, and a full N-1
 * scan of every link (goal ≤ 5 s). Prints one JSON object and writes bench/results/twin-whatif.json.
 * Usage: node dist/bench/twin-whatif.bench.js [nodes=1000] [policies=10000] [scenarios=200]
 */
import { predictWhatIf, scanN1, whatIfBase } from '../src/core/twin';
import { median, percentile, timeIt, writeResult } from './bench-util';
import { twinWorkload } from './twin-workload';

/** Wall and CPU time (this process, user + system) of one call, ms: CPU time is steadier on a shared machine. */
function timed(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const wall = timeIt(fn);
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

const stats = (xs: readonly { wall: number; cpu: number }[]): object => ({
  scenarios: xs.length,
  p50Ms: median(xs.map((x) => x.wall)),
  p95Ms: percentile(
    xs.map((x) => x.wall),
    95,
  ),
  maxMs: Math.max(...xs.map((x) => x.wall)),
  cpuP50Ms: median(xs.map((x) => x.cpu)),
  cpuP95Ms: percentile(
    xs.map((x) => x.cpu),
    95,
  ),
});

function main(): void {
  const nodes = Number(process.argv[2] ?? 1000);
  const policies = Number(process.argv[3] ?? 10_000);
  const scenarios = Number(process.argv[4] ?? 200);
  const w = twinWorkload(nodes, policies, 5000);
  const g = w.index.g;
  const fresh = (): typeof w.base =>
    whatIfBase(w.index, { policies: w.base.policies, demands: w.base.demands });
  let base = fresh();
  const baseMs = timed(() => predictWhatIf(w.index, base, {}));
  const links = g.linkIds;
  const linkMs: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < scenarios; i++) {
    const link = links[(i * 7919) % links.length]!;
    linkMs.push(timed(() => predictWhatIf(w.index, base, { failLinks: [link] })));
  }
  const nodeMs: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < Math.min(50, scenarios); i++) {
    const node = g.nodeIds[(i * 104729) % g.n]!;
    nodeMs.push(timed(() => predictWhatIf(w.index, base, { failNodes: [node] })));
  }
  const surgeMs = [1.2, 1.5].map((s) => timed(() => predictWhatIf(w.index, base, { demandScale: s })));
  let outcome: ReturnType<typeof scanN1> = [];
  const scanMs = timed(() => (outcome = scanN1(w.index, base)));
  base = fresh();
  const coldScanMs = timed(() => scanN1(w.index, base));
  writeResult('twin-whatif', {
    topology: { kind: 'isp', nodes: g.n, arcs: g.m, links: links.length },
    policies: w.policies,
    demands: w.demands,
    goals: { scenarioMs: 50, n1ScanMs: 5000 },
    baseBuild: baseMs,
    linkFailure: stats(linkMs),
    nodeFailure: stats(nodeMs),
    demandSurge: stats(surgeMs),
    n1Scan: {
      links: outcome.length,
      total: scanMs,
      coldIncludingBaseBuild: coldScanMs,
      worstMaxUtilisation: Math.max(...outcome.map((o) => o.maxUtilisation)),
      linksBreakingIntents: outcome.filter((o) => o.newlyBroken.length > 0).length,
    },
  });
}

main();
