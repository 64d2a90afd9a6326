import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The simulated network of the embedded default (`autonet serve`), run as a child process: the controller
 * reaches it only over the wire (gNMI, SNMP), exactly as it would reach a real network, and never imports the
 * simulator's code. The child prints one JSON line with its ports when it is ready.
 */
export interface EmbeddedSimulatorOptions {
  readonly topologyFile: string;
  readonly seed?: number;
  readonly speed?: number;
  readonly tickMs?: number;
  readonly legacyShare?: number;
  readonly trapTarget?: string;
  readonly startTimeoutMs?: number;
  /** Fixed port for the admin API (default: any free port). */
  readonly adminPort?: number;
}

export interface EmbeddedSimulator {
  readonly pid: number;
  readonly gnmiAddress: string;
  readonly snmpPort: number;
  readonly adminUrl: string;
  /** NEs that speak SNMP only. */
  readonly legacy: readonly string[];
  stop(): Promise<void>;
}

interface StartedLine {
  readonly event: 'sim-started';
  readonly ports: { readonly gnmi?: number; readonly snmp?: number; readonly admin?: number };
  readonly legacy?: readonly string[];
}

/** bin/autonet of this package, from src/ (tests) or dist/src/ (built). */
function cliPath(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'bin', 'autonet');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('embedded simulator: cannot find bin/autonet above ' + __dirname);
}

export function startEmbeddedSimulator(o: EmbeddedSimulatorOptions): Promise<EmbeddedSimulator> {
  const args = [
    cliPath(),
    'sim',
    '--topology',
    o.topologyFile,
    '--gnmi-port',
    '0',
    '--snmp-port',
    '0',
    '--admin-port',
    String(o.adminPort ?? 0),
  ];
  args.push(
    '--seed',
    String(o.seed ?? 1),
    '--speed',
    String(o.speed ?? 1),
    '--tick-ms',
    String(o.tickMs ?? 1000),
  );
  args.push('--legacy-share', String(o.legacyShare ?? 0.2));
  args.push('--exit-with-parent');
  if (o.trapTarget) args.push('--trap-target', o.trapTarget);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded simulator: not ready after ${o.startTimeoutMs ?? 30_000} ms\n${stderr}`));
    }, o.startTimeoutMs ?? 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded simulator exited with code ${code}: ${stderr.trim()}`));
    });
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      try {
        const started = JSON.parse(line) as StartedLine;
        const { gnmi, snmp, admin } = started.ports;
        if (started.event !== 'sim-started' || !gnmi || !snmp || !admin)
          throw new Error(`unexpected: ${line}`);
        resolve({
          pid: child.pid!,
          gnmiAddress: `127.0.0.1:${gnmi}`,
          snmpPort: snmp,
          adminUrl: `http://127.0.0.1:${admin}`,
          legacy: started.legacy ?? [],
          stop: () => stopChild(child),
        });
      } catch (err) {
        child.kill('SIGKILL');
        reject(new Error(`embedded simulator: bad start line: ${(err as Error).message}`));
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
