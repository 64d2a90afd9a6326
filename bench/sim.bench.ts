/**
 * Simulator capacity: ticks per second and interface updates per second of the engine on generated
 * networks (circulant graphs, `degree` interfaces per NE), one core, no front ends. Also the cost of reading
 * every NE's full state once (what the gNMI/SNMP front ends do per sample interval).
 * Run: node dist/bench/sim.bench.js [--quick]   → one JSON line on stdout, a copy in bench/results/sim.json.
 */
import { generateTopology, SimEngine } from '../simulators/engine';
import { writeResult } from './bench-util';

export interface SimBenchCase {
  readonly nodes: number;
  readonly degree: number;
  readonly ticks: number;
}

export interface SimBenchResult {
  readonly nodes: number;
  readonly interfaces: number;
  readonly demands: number;
  readonly buildMs: number;
  readonly ticksPerSec: number;
  readonly interfaceUpdatesPerSec: number;
  /** Simulated NEs × interfaces one core keeps up with at 1 s ticks (interfaces ÷ tick cost). */
  readonly realTimeHeadroom: number;
  readonly readAllStateMs: number;
  readonly replanMs: number;
  readonly heapMb: number;
}

const cpuMs = (): number => process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000;

export function benchCase(c: SimBenchCase): SimBenchResult {
  let t = cpuMs();
  const engine = new SimEngine({
    topology: generateTopology({ nodes: c.nodes, degree: c.degree, seed: 1 }),
    seed: 1,
  });
  const buildMs = cpuMs() - t;
  engine.step();
  t = cpuMs();
  for (let i = 0; i < c.ticks; i++) engine.step();
  const tickMs = (cpuMs() - t) / c.ticks;
  t = cpuMs();
  let reads = 0;
  for (const id of engine.nodeIds()) reads += engine.node(id)!.interfaces.length;
  const readAllStateMs = cpuMs() - t;
  t = cpuMs();
  engine.addFault({ type: 'link-down', target: engine.net.linkIds[0]! });
  engine.step();
  const replanMs = cpuMs() - t - tickMs;
  const interfaces = engine.net.interfaceCount;
  if (reads !== interfaces) throw new Error('sim-bench: interface count mismatch');
  return {
    nodes: c.nodes,
    interfaces,
    demands: engine.demands.length,
    buildMs: round(buildMs),
    ticksPerSec: round(1000 / tickMs),
    interfaceUpdatesPerSec: Math.round((1000 / tickMs) * interfaces),
    realTimeHeadroom: round(1000 / tickMs),
    readAllStateMs: round(readAllStateMs),
    replanMs: round(Math.max(0, replanMs)),
    heapMb: round(process.memoryUsage().heapUsed / 2 ** 20),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export function runSimBench(quick: boolean): SimBenchResult[] {
  const cases: SimBenchCase[] = quick
    ? [{ nodes: 100, degree: 8, ticks: 20 }]
    : [
        { nodes: 100, degree: 8, ticks: 50 },
        { nodes: 1000, degree: 48, ticks: 10 },
      ];
  return cases.map(benchCase);
}

if (require.main === module) {
  const results = runSimBench(process.argv.includes('--quick'));
  writeResult('sim', {
    note: 'engine only, one core; times are process CPU time (the build machines are shared); goal >= 1000 NEs x 48 interfaces at 1 s ticks',
    results,
  });
}
