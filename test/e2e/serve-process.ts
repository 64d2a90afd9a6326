import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** `bin/autonet` of this checkout (the tests run the built CLI in dist/). */
export const CLI = join(__dirname, '..', '..', 'bin', 'autonet');

/** The first line `autonet serve` prints: where everything listens. */
export interface ServeLine {
  readonly listening: string;
  readonly api: string;
  readonly admin: string;
  readonly dashboard: string;
  /** NEs managed over SNMP only (read-only): they cannot head a policy. */
  readonly legacy?: string[];
}

/** A running `autonet serve` child with its data directory and the dashboard's API token. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly line: ServeLine;
  readonly token: string;
  readonly legacy: string[];
  readonly dataDir: string;
}

/** A free TCP port on loopback (closed again before it is returned). */
export const freePort = (): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * Starts `autonet serve --port 0 --data-dir <dir> ...args` (a fresh temporary data directory unless one is
 * given) and resolves once it printed where it listens; rejects if it exits first.
 */
export async function startServe(
  args: readonly string[],
  options: { readonly dataDir?: string; readonly prefix?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), options.prefix ?? 'autonet-serve-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AUTONET_LOG_LEVEL: 'warn', ...options.env },
  });
  const text = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  const line = JSON.parse(text) as ServeLine;
  const token = new URL(line.dashboard).searchParams.get('token') ?? '';
  return { child, line, token, legacy: line.legacy ?? [], dataDir };
}

/** SIGTERM, waits up to 15 s for the exit, and removes the data directory unless `keepData`. */
export async function stopServe(s: ServeProcess | undefined, keepData = false): Promise<void> {
  if (!s) return;
  if (s.child.exitCode === null && s.child.signalCode === null) {
    const exited = new Promise((resolve) => s.child.once('exit', resolve));
    s.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
  if (!keepData) rmSync(s.dataDir, { recursive: true, force: true });
}

/** A JSON call; a non-2xx answer throws with the method, URL, status and body. */
export async function jsonCall<T>(url: string, method: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token !== undefined && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
