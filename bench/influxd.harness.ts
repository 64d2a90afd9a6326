import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away InfluxDB 1.x (Debian `influxdb`) for tests and benchmarks: loopback-only listeners on free
 * high ports, data/meta/wal in a temp dir, reporting and the [ifql] RPC listener off, started as our own
 * child process and stopped by pid. `stop()` then `start()` simulates an outage on the same data.
 */
export class Influxd {
  private child: ChildProcess | undefined;

  private constructor(
    readonly dir: string,
    readonly httpPort: number,
    private readonly configFile: string,
    private readonly executable: string,
  ) {}

  /** `authEnabled`: InfluxDB's `[http] auth-enabled = true` (create the first admin with `createAdmin`). */
  static async create(executable = 'influxd', opts: { authEnabled?: boolean } = {}): Promise<Influxd> {
    const dir = mkdtempSync(join(tmpdir(), 'autonet-influxd-'));
    const [httpPort, rpcPort] = [await freePort(), await freePort()];
    const configFile = join(dir, 'influxdb.conf');
    writeFileSync(configFile, config(dir, httpPort, rpcPort, opts.authEnabled === true));
    const d = new Influxd(dir, httpPort, configFile, executable);
    await d.start();
    return d;
  }

  get url(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 30_000): Promise<void> {
    if (this.child) return;
    const child = spawn(this.executable, ['-config', this.configFile], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-4000);
    });
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`influxd exited (${code}): ${stderr}`))),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + timeoutMs;
    while (!(await ping(this.url))) {
      if (child.exitCode !== null) await exited;
      if (Date.now() > deadline) throw new Error(`influxd: no /ping answer after ${timeoutMs} ms: ${stderr}`);
      await sleep(100);
    }
  }

  /** Stops influxd by pid (SIGTERM, SIGKILL after 10 s) and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, signal);
    const t = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 10_000);
    await done;
    clearTimeout(t);
  }

  /**
   * Runs one InfluxQL statement through the HTTP API (POST /query), with Basic credentials when given;
   * resolves with the HTTP status and body. With auth enabled and no user yet, InfluxDB accepts exactly one
   * unauthenticated `CREATE USER … WITH ALL PRIVILEGES`.
   */
  query(q: string, auth?: { username: string; password: string }): Promise<{ status: number; body: string }> {
    const body = new URLSearchParams({ q }).toString();
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
    };
    if (auth)
      headers['authorization'] =
        `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    return new Promise((resolve, reject) => {
      const req = request(`${this.url}/query`, { method: 'POST', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function config(dir: string, httpPort: number, rpcPort: number, auth: boolean): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${join(dir, 'meta')}"
[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  index-version = "inmem"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:${httpPort}"
  log-enabled = false
  auth-enabled = ${auth}
[ifql]
  enabled = false
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function ping(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(`${url}/ping`, (res) => {
      res.resume();
      resolve(res.statusCode === 204);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => req.destroy());
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
