import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { readDemandsFile, readTopologyFile, SIM_TOPOLOGY_FORMATS, type SimTopologyFormat } from './sim-files';
import { startSimulator, type SimulatorHandle } from './simulator.runner';

function num(min: number, integer = true): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`expected ${integer ? 'an integer' : 'a number'} >= ${min}`);
    }
    return n;
  };
}

function hostPort(v: string): { host: string; port: number } {
  const m = /^(.+):(\d+)$/.exec(v);
  if (!m) throw new InvalidArgumentError('expected HOST:PORT');
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

function format(v: string): SimTopologyFormat {
  if (!(SIM_TOPOLOGY_FORMATS as readonly string[]).includes(v)) {
    throw new InvalidArgumentError(`expected one of ${SIM_TOPOLOGY_FORMATS.join(', ')}`);
  }
  return v as SimTopologyFormat;
}

interface SimCliOptions {
  topology: string;
  format?: SimTopologyFormat;
  demands?: string;
  seed: number;
  tickMs: number;
  speed: number;
  gnmiPort?: number;
  snmpPort?: number;
  adminPort?: number;
  legacyShare: number;
  probeRate: number;
  startMs?: number;
  trapTarget?: { host: string; port: number };
  host: string;
  exitWithParent?: boolean;
}

function command(): Command {
  return new Command('sim')
    .description('Run the simulated network: gNMI and SNMP front ends per NE, and the admin (fault) API')
    .requiredOption(
      '--topology <file>',
      'topology file (own JSON, GML, REPETITA .graph, node-link/TEAL JSON)',
    )
    .option(
      '--format <format>',
      `topology format (${SIM_TOPOLOGY_FORMATS.join(', ')}); default: from the file`,
      format,
    )
    .option(
      '--demands <file>',
      'demands JSON ([{from,to,mbps}]); default: the topology’s, else a gravity model',
    )
    .option('--seed <n>', 'random seed', num(0), 1)
    .option('--tick-ms <ms>', 'simulated milliseconds per tick', num(1), 1000)
    .option('--speed <x>', 'simulated time per real time (1 = real time)', num(0.001, false), 1)
    .option('--gnmi-port <port>', 'gNMI server port (0 = any free port)', num(0))
    .option('--snmp-port <port>', 'SNMP agent UDP port (0 = any free port)', num(0))
    .option('--admin-port <port>', 'admin API port (0 = any free port)', num(0))
    .option('--legacy-share <x>', 'share of NEs that speak SNMP only', num(0, false), 0.2)
    .option(
      '--probe-rate <pps>',
      'probe packets per second per SR policy (0 = ideal, exact probes)',
      num(0),
      1000,
    )
    .option(
      '--start-ms <ms>',
      'simulated time at start (ms since the epoch); default: now, rounded to the tick',
      num(0),
    )
    .option('--trap-target <host:port>', 'receiver of SNMP linkDown/linkUp traps', hostPort)
    .option('--host <address>', 'address the gNMI, SNMP and admin servers listen on', '127.0.0.1')
    .option('--exit-with-parent', 'stop when the process that started this one dies (embedded use)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
}

/**
 * `autonet sim …`: starts the simulator, prints one JSON line with the bound ports, runs until SIGTERM or
 * SIGINT, then stops cleanly. Resolves to the process exit code. `argv` may start with `sim`.
 */
export async function runSim(argv: string[]): Promise<number> {
  const args = argv[0] === 'sim' ? argv.slice(1) : argv;
  const cmd = command();
  let o: SimCliOptions;
  try {
    cmd.parse(args, { from: 'user' });
    o = cmd.opts<SimCliOptions>();
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
  let sim: SimulatorHandle;
  try {
    const topology = readTopologyFile(o.topology, o.format);
    const demands = o.demands !== undefined ? readDemandsFile(o.demands, topology) : undefined;
    sim = await startSimulator({
      topology,
      ...(demands && { demands }),
      seed: o.seed,
      tickMs: o.tickMs,
      speed: o.speed,
      legacyShare: Math.min(1, o.legacyShare),
      probeRatePps: o.probeRate,
      startMs: o.startMs ?? Math.floor(Date.now() / o.tickMs) * o.tickMs,
      ...(o.gnmiPort !== undefined && { gnmiPort: o.gnmiPort }),
      ...(o.snmpPort !== undefined && { snmpPort: o.snmpPort }),
      ...(o.adminPort !== undefined && { adminPort: o.adminPort }),
      ...(o.trapTarget && { trapTarget: o.trapTarget }),
      host: o.host,
    });
  } catch (err) {
    process.stderr.write(`autonet sim: error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const { engine } = sim;
  const started = {
    event: 'sim-started',
    topology: o.topology,
    nodes: engine.net.nodeCount,
    links: engine.net.linkCount,
  };
  const info = {
    ...started,
    seed: o.seed,
    tickMs: o.tickMs,
    speed: o.speed,
    startMs: engine.nowMs(),
    ports: sim.ports,
    /** NEs that speak SNMP only (the controller's inventory needs to know). */
    legacy: engine.nodeIds().filter((id) => engine.node(id)?.legacy === true),
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  const signal = await Promise.race([
    untilSignal(['SIGTERM', 'SIGINT']),
    ...(o.exitWithParent ? [untilOrphaned()] : []),
  ]);
  await sim.stop();
  process.stdout.write(
    `${JSON.stringify({ event: 'sim-stopped', signal, nowMs: engine.nowMs(), ticks: engine.ticks })}\n`,
  );
  return 0;
}

/** Resolves when the parent process is gone (we are re-parented), so a killed controller leaves no simulator. */
function untilOrphaned(): Promise<'parent-exited'> {
  const parent = process.ppid;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (process.ppid !== parent) {
        clearInterval(timer);
        resolve('parent-exited');
      }
    }, 500);
    timer.unref();
  });
}

function untilSignal(signals: readonly NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handlers = signals.map((sig) => {
      const h = (): void => {
        signals.forEach((s, i) => process.removeListener(s, handlers[i]!));
        resolve(sig);
      };
      process.on(sig, h);
      return h;
    });
  });
}
