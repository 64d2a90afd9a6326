import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { YangError, YangValidator, YangValidatorStatus } from '../../ports/yang-validator.port';
import { listKeysOf, qualifySchemaPath, type ListKeys } from './error-path';
import { malformedJsonError, mustMessagesOf, parseLibyangErrors } from './libyang-errors.mapping';
import { YanglintProcess, YanglintUnavailableError } from './yanglint.process';

export interface LibyangValidatorOptions {
  /** Folder holding Autonet's YANG modules (yang/). */
  readonly yangDir: string;
  /** Modules to load (implemented); their imports are found in yangDir or built into libyang. */
  readonly modules?: readonly string[];
  /** Path of the yanglint binary (Debian libyang2-tools). */
  readonly executable?: string;
  /** Longest time one validation may take before yanglint is restarted (default 10 s). */
  readonly timeoutMs?: number;
  /**
   * Longest time yanglint may take to start and load the modules (default 60 s): far longer than one
   * validation, and slow on a loaded machine.
   */
  readonly startTimeoutMs?: number;
}

export const AUTONET_MODULES = ['autonet-intent', 'autonet-slice', 'autonet-sr-policy'] as const;

/**
 * YangValidator on libyang: one long-lived interactive `yanglint` per validator (about 0.3 ms a document,
 * against 6 ms for a process per call; see docs/adr/0030-yang-validation.md). Documents are written to a
 * private temp folder because yanglint reads data only from files. Validations are serialised; if yanglint
 * dies or hangs it is restarted on the next call. Infrastructure failures reject with
 * YanglintUnavailableError instead of reporting the document invalid.
 */
export class LibyangValidator implements YangValidator {
  private process: YanglintProcess | undefined;
  private readonly workDir: string;
  private readonly moduleFiles: readonly string[];
  private readonly mustMessages: ReadonlyMap<string, string>;
  private readonly listKeys: ListKeys;
  private readonly executable: string;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private fileCounter = 0;
  private starting: Promise<YanglintProcess> | undefined;
  private closed = false;
  private launches = 0;
  private lastError: string | undefined;
  private failedSinceLaunch = false;

  constructor(private readonly options: LibyangValidatorOptions) {
    const yangDir = resolve(options.yangDir);
    const modules = options.modules ?? AUTONET_MODULES;
    this.moduleFiles = modules.map((m) => join(yangDir, `${m}.yang`));
    const sources = readdirSync(yangDir)
      .filter((f) => f.endsWith('.yang'))
      .map((f) => readFileSync(join(yangDir, f), 'utf8'));
    this.mustMessages = mustMessagesOf(sources);
    this.listKeys = listKeysOf(sources);
    this.executable = options.executable ?? 'yanglint';
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
    this.workDir = mkdtempSync(join(tmpdir(), 'autonet-yang-'));
  }

  /** Creates a validator and loads its modules, failing if any module does not compile. */
  static async start(options: LibyangValidatorOptions): Promise<LibyangValidator> {
    const validator = new LibyangValidator(options);
    try {
      await validator.ensureProcess();
    } catch (error) {
      validator.close();
      throw error;
    }
    return validator;
  }

  /** Process id of the running yanglint, if any (diagnostics). */
  get pid(): number | undefined {
    return this.process?.alive ? this.process.pid : undefined;
  }

  /**
   * `up` when the last yanglint answered; `degraded` after it hung or died (it is restarted on the next
   * call; `restarts` counts those); `down` once closed or when it cannot start at all.
   */
  status(): YangValidatorStatus {
    const state = this.closed
      ? 'down'
      : this.failedSinceLaunch || !this.process?.alive
        ? this.launches === 0
          ? 'down'
          : 'degraded'
        : 'up';
    return {
      state,
      restarts: Math.max(0, this.launches - 1),
      ...(this.lastError !== undefined && { lastError: this.lastError }),
    };
  }

  /** Runs an empty document through yanglint (restarting it if it died), then reports the status. */
  async probe(): Promise<YangValidatorStatus> {
    if (!this.closed) await this.runDocument('{}').catch(() => undefined);
    return this.status();
  }

  modules(): readonly string[] {
    return this.options.modules ?? AUTONET_MODULES;
  }

  /**
   * Validates RFC 7951 configuration data. `json` is a parsed value, or a string holding the raw JSON text
   * (e.g. a request body as received), which libyang then parses itself (duplicate members are caught).
   */
  async validate(json: unknown): Promise<YangError[]> {
    const text = typeof json === 'string' ? json : JSON.stringify(json);
    if (text === undefined) return [malformedJsonError('no JSON value')];
    if (typeof json === 'string') {
      const syntax = jsonSyntaxError(text);
      if (syntax !== undefined) return [malformedJsonError(syntax)];
    }
    const stderr = await this.runDocument(text);
    const errors = parseLibyangErrors(stderr, { mustMessages: this.mustMessages }).map((e) => ({
      ...e,
      errorMessage: this.scrub(e.errorMessage),
      ...(e.errorTag === 'missing-element' && e.errorPath !== undefined && typeof json !== 'string'
        ? { errorPath: qualifySchemaPath(e.errorPath, json, this.listKeys) }
        : {}),
    }));
    if (errors.length === 0 && /YANGLINT\[E\]/.test(stderr)) {
      return [
        {
          errorType: 'application',
          errorTag: 'operation-failed',
          errorMessage: this.scrub(lastLine(stderr)),
        },
      ];
    }
    return errors;
  }

  /**
   * Writes the document to its own file (requests may queue up behind each other) and runs `data` on it.
   * If yanglint exited (not hung) while the request waited, it is retried once on a fresh process.
   */
  private async runDocument(text: string, retried = false): Promise<string> {
    if (this.closed) throw new YanglintUnavailableError('yang validator is closed');
    this.fileCounter += 1;
    const file = join(this.workDir, `doc-${this.fileCounter}.json`);
    writeFileSync(file, text);
    try {
      const process = await this.ensureProcess();
      return await process.run(`data -t config ${file}`);
    } catch (error) {
      if (error instanceof YanglintUnavailableError) {
        this.failedSinceLaunch = true;
        this.lastError = this.scrub(error.message);
      }
      if (retried || !(error instanceof YanglintUnavailableError) || error.reason !== 'exited') throw error;
      return this.runDocument(text, true);
    } finally {
      rmSync(file, { force: true });
    }
  }

  close(): void {
    this.closed = true;
    this.process?.close();
    this.process = undefined;
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private ensureProcess(): Promise<YanglintProcess> {
    if (this.closed) return Promise.reject(new YanglintUnavailableError('yang validator is closed'));
    if (this.process?.alive) return Promise.resolve(this.process);
    this.starting ??= this.launch().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async launch(): Promise<YanglintProcess> {
    const process = new YanglintProcess({
      executable: this.executable,
      home: this.workDir,
      timeoutMs: this.timeoutMs,
      startTimeoutMs: this.startTimeoutMs,
    });
    const commands = [
      `searchpath ${resolve(this.options.yangDir)}`,
      ...this.moduleFiles.map((f) => `add ${f}`),
    ];
    const stderr = await process.run(commands.join('\n'));
    if (/libyang(?: err :|\[0\]:)|YANGLINT\[E\]/.test(stderr)) {
      process.close();
      throw new YanglintUnavailableError(`yanglint: cannot load YANG modules: ${stderr.trim()}`);
    }
    if (this.closed) {
      process.close();
      throw new YanglintUnavailableError('yang validator is closed');
    }
    this.process = process;
    this.launches += 1;
    this.failedSinceLaunch = false;
    return process;
  }

  /** Removes the validator's own file names from a message (they tell a client nothing and leak internals). */
  private scrub(message: string): string {
    return message
      .split(this.workDir)
      .join('<document>')
      .replace(/<document>\/doc-\d+\.json/g, '<document>')
      .replace(/"?\/[^"\s]*autonet-yang-[^"\s]*"?/g, '<document>');
  }
}

function jsonSyntaxError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? 'yanglint failed';
}
