import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * One long-lived `yanglint` in interactive mode. Commands are written to its stdin one at a time; libyang
 * writes errors to stderr (unbuffered), so after each command we send `feature <sentinel>`, which fails
 * with `YANGLINT[E]: Module "<sentinel>" not found.` on stderr: everything before that line belongs to the
 * command. The sentinel is a fresh 128-bit random nonce per command and must fill a whole line, so a
 * document cannot forge it (libyang echoes data values in its messages). stdout is discarded (it is
 * block-buffered when piped and would arrive late). See docs/adr/0125-unforgeable-validator.md.
 */
export interface YanglintProcessOptions {
  readonly executable: string;
  /** HOME of the child: yanglint keeps its history in $HOME/.yanglint. */
  readonly home: string;
  /** Longest wait for the answer to one command. */
  readonly timeoutMs: number;
  /**
   * Longest wait for the first answer, which includes starting yanglint and whatever the first command does
   * (loading every YANG module: slow on a loaded machine); defaults to `timeoutMs`.
   */
  readonly startTimeoutMs?: number;
  /** PATH of the child (the environment is not inherited); defaults to the usual system folders. */
  readonly searchPath?: string;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export class YanglintUnavailableError extends Error {
  override readonly name = 'YanglintUnavailableError';
  constructor(
    message: string,
    /** `exited`: the process died (a retry may work); `timeout`: it hung; `failed`: it cannot start or load. */
    readonly reason: 'exited' | 'timeout' | 'failed' = 'failed',
    /** With `timeout`: which limit was hit, the start-up one (first answer) or the per-request one. */
    readonly limit?: YanglintLimit,
  ) {
    super(message);
  }
}

export type YanglintLimit = 'start' | 'request';

/** How an operator raises each limit (`autonet serve` flag and environment variable). */
const LIMIT_TEXT: Readonly<Record<YanglintLimit, string>> = {
  start:
    'start-up limit: yanglint starting and loading the YANG modules; raise it with --yang-start-timeout-ms or AUTONET_YANG_START_TIMEOUT_MS',
  request: 'per-request limit; raise it with --yang-timeout-ms or AUTONET_YANG_TIMEOUT_MS',
};

interface Pending {
  readonly sentinel: string;
  readonly resolve: (stderr: string) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class YanglintProcess {
  private readonly child: ChildProcess;
  private buffer = '';
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private exited = false;
  private answered = false;

  constructor(private readonly options: YanglintProcessOptions) {
    this.child = spawn(options.executable, [], {
      env: { HOME: options.home, PATH: options.searchPath ?? DEFAULT_PATH, LC_ALL: 'C' },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => this.onStderr(chunk));
    this.child.on('error', (error) => this.fail(new YanglintUnavailableError(`yanglint: ${error.message}`)));
    this.child.on('exit', (code, signal) =>
      this.fail(new YanglintUnavailableError(`yanglint exited (${signal ?? code})`, 'exited')),
    );
    this.child.stdin?.on('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Runs one interactive command; resolves with what it printed on stderr. Commands never overlap. */
  run(command: string): Promise<string> {
    const next = this.queue.then(() => this.send(command));
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    if (this.exited) return;
    this.child.stdin?.end('quit\n');
    this.child.kill('SIGTERM');
  }

  private send(command: string): Promise<string> {
    if (this.exited) return Promise.reject(new YanglintUnavailableError('yanglint is not running', 'exited'));
    const sentinel = `autonet_${randomBytes(16).toString('hex')}`;
    const limit: YanglintLimit = this.answered ? 'request' : 'start';
    const ms =
      limit === 'start' ? (this.options.startTimeoutMs ?? this.options.timeoutMs) : this.options.timeoutMs;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(
          new YanglintUnavailableError(
            `yanglint: no answer within ${ms} ms (${LIMIT_TEXT[limit]})`,
            'timeout',
            limit,
          ),
        );
        this.child.kill('SIGKILL');
      }, ms);
      this.pending = { sentinel, resolve, reject, timer };
      this.child.stdin?.write(`${command}\nfeature ${sentinel}\n`);
    });
  }

  private onStderr(chunk: string): void {
    this.buffer += chunk;
    const pending = this.pending;
    if (!pending) return;
    const marker = `YANGLINT[E]: Module "${pending.sentinel}" not found.\n`;
    let start = 0;
    if (!this.buffer.startsWith(marker)) {
      const newline = this.buffer.indexOf(`\n${marker}`);
      if (newline < 0) return;
      start = newline + 1;
    }
    const output = this.buffer.slice(0, start);
    this.buffer = this.buffer.slice(start + marker.length);
    clearTimeout(pending.timer);
    this.pending = undefined;
    this.answered = true;
    pending.resolve(output);
  }

  private fail(error: Error): void {
    this.exited = true;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
