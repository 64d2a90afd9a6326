import { InfluxDB } from 'influx';
import type { IPoint } from 'influx';
import { ExponentialBackoff } from 'influx/lib/src/backoff/exponential';
import { BoundedQueue } from '../../core/telemetry';
import type { TelemetryPoint } from '../../core/telemetry';
import type { SinkStats, TelemetrySink } from '../../ports/telemetry-store.port';
import { describe, isClientError, partialWriteDropped, refusalReason, statusOf } from './influx.errors';
import { influxSchema, toInfluxPoint } from './influx.schema';

export interface InfluxSinkOptions {
  /** e.g. http://127.0.0.1:8086 (InfluxDB 1.x HTTP API: /write, /query). */
  readonly url: string;
  readonly database: string;
  /** Points per write request (default 5 000; at least 1 000: one point per request caps InfluxDB at ~2 k/s). */
  readonly batchSize?: number;
  /**
   * Points held in all (queued, in flight, awaiting retry) while InfluxDB is slow or down (default 200 000);
   * beyond it the oldest queued points are dropped and counted. Must exceed concurrency × batchSize.
   */
  readonly bufferPoints?: number;
  /** A partial batch is written after this long (default 1 000 ms). */
  readonly flushIntervalMs?: number;
  /** Retry delay after a failed write: doubles from `retryInitialMs` (200) up to `retryMaxMs` (5 000). */
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  /** Write requests in flight at once (default 2; the research measured +15–30 % with 4). */
  readonly concurrency?: number;
  /** Per-request timeout (default 10 000 ms). */
  readonly requestTimeoutMs?: number;
  /** InfluxDB 1.x user (HTTP Basic); the password comes from the environment, never the command line. */
  readonly username?: string;
  readonly password?: string;
  /** `Authorization: Token …` (InfluxDB 1.8+ `user:password` tokens, 2.x compatibility API); instead of a user. */
  readonly token?: string;
  /** Create the database when it is missing (default true; needs an admin user when auth is on). */
  readonly createDatabase?: boolean;
}

/**
 * TelemetrySink into InfluxDB 1.x through node-influx (ADR 0072). Points go into a bounded buffer; full
 * batches (and a partial batch every flush interval) are written, up to `concurrency` requests at a time.
 * A failed batch is kept and retried with exponential backoff while new points keep buffering; when the
 * bound is reached the oldest queued point is evicted and counted. Points InfluxDB refuses as malformed
 * (HTTP 4xx; on a partial write only those it names) are dropped and counted, since a retry cannot
 * succeed. Refused credentials (401/403) and a missing database (404) are not the batch's fault: the
 * points stay buffered (within the bound), the sink reports itself `unhealthy` with the reason and keeps
 * retrying with backoff, so fixing the credentials or creating the database delivers them. `close()` makes
 * one last attempt, then counts what is left.
 */
export class InfluxTelemetrySink implements TelemetrySink {
  readonly name = 'influx';
  private readonly influx: InfluxDB;
  private readonly queue: BoundedQueue<TelemetryPoint>;
  private readonly batchSize: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private readonly timer: NodeJS.Timeout;
  private readonly concurrency: number;
  /** Batches being written, with the attempt's promise. */
  private readonly inflight = new Map<TelemetryPoint[], Promise<void>>();
  /** Batches whose write failed, retried first (at most `concurrency` of them: nothing new starts while stalled). */
  private readonly retry: TelemetryPoint[][] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private dbReady = false;
  /** Why the back end refuses every write (credentials, missing database), until one succeeds. */
  private unhealthy: string | undefined;
  /** CREATE DATABASE was refused for lack of rights (reported if the write then finds no database). */
  private createRefused = false;
  /** The last write attempt failed (a retry is scheduled unless closed). */
  private stalled = false;
  private closed = false;
  private s = { accepted: 0, written: 0, rejected: 0, lostOnClose: 0, failedWrites: 0 };
  private lastError: string | undefined;

  constructor(private readonly options: InfluxSinkOptions) {
    this.batchSize = options.batchSize ?? 5000;
    this.concurrency = options.concurrency ?? 2;
    const buffer = options.bufferPoints ?? 200_000;
    const inFlightMax = this.concurrency * this.batchSize;
    if (buffer <= inFlightMax)
      throw new RangeError('influx-sink: bufferPoints must exceed concurrency × batchSize');
    // The bound covers everything held: the queue plus the batches in flight or awaiting retry.
    this.queue = new BoundedQueue(buffer - inFlightMax);
    this.retryInitialMs = options.retryInitialMs ?? 200;
    this.retryMaxMs = options.retryMaxMs ?? 5000;
    this.retryDelay = this.retryInitialMs;
    const url = new URL(options.url);
    if (options.token !== undefined && options.username !== undefined)
      throw new RangeError('influx-sink: give a token or a username, not both');
    this.influx = new InfluxDB({
      host: url.hostname,
      port: Number(url.port || 8086),
      protocol: url.protocol === 'https:' ? 'https' : 'http',
      database: options.database,
      ...(options.username !== undefined && { username: options.username, password: options.password ?? '' }),
      ...(options.token !== undefined && {
        options: { headers: { authorization: `Token ${options.token}` } },
      }),
      schema: influxSchema(options.database),
      pool: {
        maxRetries: 0,
        requestTimeout: options.requestTimeoutMs ?? 10_000,
        // The pool parks a failed host for up to 10 s by default; our own retry loop paces attempts instead.
        backoff: new ExponentialBackoff({ initial: 10, max: 100, random: 0 }),
      },
    });
    this.timer = setInterval(() => this.kick(true), options.flushIntervalMs ?? 1000);
    this.timer.unref();
  }

  write(points: readonly TelemetryPoint[]): void {
    const q = this.queue;
    this.s.accepted += points.length;
    if (this.closed) {
      this.s.lostOnClose += points.length;
      return;
    }
    for (const p of points) {
      // Full: evict the oldest (enqueue already counted the drop), keep the newest.
      if (!q.enqueue(p)) {
        q.dequeue();
        q.enqueue(p);
      }
    }
    if (q.size >= this.batchSize) this.kick(false);
  }

  async flush(): Promise<void> {
    for (;;) {
      if (!this.stalled) this.kick(true);
      if (this.inflight.size === 0) {
        if (this.stalled || this.retryTimer !== undefined) return;
        if (this.queue.size === 0 && this.retry.length === 0) return;
        continue;
      }
      await Promise.race(this.inflight.values());
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.stalled = false;
    await this.flush();
    this.s.lostOnClose += this.queue.size + sizeOf(this.retry);
    this.queue.drainInto([]);
    this.retry.length = 0;
  }

  stats(): SinkStats {
    const s = this.s;
    return {
      accepted: s.accepted,
      written: s.written,
      buffered: this.queue.size + sizeOf(this.inflight.keys()) + sizeOf(this.retry),
      dropped: this.queue.dropped + s.rejected + s.lostOnClose,
      failedWrites: s.failedWrites,
      ...(this.lastError !== undefined && { lastError: this.lastError }),
      drops: { 'buffer-full': this.queue.dropped, rejected: s.rejected, closed: s.lostOnClose },
      ...(this.unhealthy !== undefined && { unhealthy: this.unhealthy }),
    };
  }

  /** Starts writes up to `concurrency`: failed batches first, then full batches (any batch when `force`). */
  private kick(force: boolean): void {
    if (this.retryTimer !== undefined) return;
    const q = this.queue;
    while (this.inflight.size < this.concurrency) {
      let batch = this.retry.shift();
      if (batch === undefined) {
        if (!(q.size >= this.batchSize || (force && q.size > 0))) return;
        batch = [];
        q.drainInto(batch, this.batchSize);
      }
      this.start(batch);
    }
  }

  private start(batch: TelemetryPoint[]): void {
    const attempt = this.send(batch).then((settled) => {
      this.inflight.delete(batch);
      if (!settled) {
        this.retry.push(batch);
        if (!this.closed && this.retryTimer === undefined) this.scheduleRetry();
      } else if (!this.stalled) {
        this.kick(false);
      }
    });
    this.inflight.set(batch, attempt);
  }

  /** One write attempt; true when the batch is settled (written or rejected for good). */
  private async send(batch: TelemetryPoint[]): Promise<boolean> {
    let points: IPoint[];
    try {
      points = batch.map(toInfluxPoint);
    } catch (err) {
      // A point node-influx cannot serialise (not in the schema): no retry can fix it.
      this.lastError = err instanceof Error ? err.message : String(err);
      this.s.failedWrites++;
      this.s.rejected += batch.length;
      return true;
    }
    try {
      await this.ensureDatabase();
      await this.influx.writePoints(points, { precision: 'ms' });
      this.s.written += batch.length;
      this.lastError = undefined; // healthy again: lastError is the current problem, failedWrites the history
    } catch (err) {
      this.s.failedWrites++;
      this.lastError = describe(err);
      const status = statusOf(err);
      if (status === 401 || status === 403 || status === 404 || !isClientError(err)) {
        this.unhealthy = refusalReason(status, this.options.database, {
          createDisabled: this.options.createDatabase === false,
          createRefused: this.createRefused,
        });
        if (status === 404) this.dbReady = false; // dropped or never created: try creating it again
        this.stalled = true;
        return false;
      }
      // InfluxDB 1.x stores the valid points of a batch and reports `partial write: … dropped=N`.
      const rejected = partialWriteDropped(this.lastError) ?? batch.length;
      this.s.rejected += rejected;
      this.s.written += batch.length - rejected;
    }
    this.stalled = false;
    this.unhealthy = undefined;
    this.retryDelay = this.retryInitialMs;
    return true;
  }

  /**
   * CREATE DATABASE once (idempotent in InfluxDB 1.x) when allowed. A user without admin rights gets 403
   * even for an existing database, so a refusal here is remembered and the write decides.
   */
  private async ensureDatabase(): Promise<void> {
    if (this.dbReady || this.options.createDatabase === false) return;
    try {
      await this.influx.createDatabase(this.options.database);
      this.createRefused = false;
    } catch (err) {
      const status = statusOf(err);
      if (status !== 401 && status !== 403) throw err;
      this.createRefused = true;
      // Try the write anyway: the database may exist and the user may write to it.
    }
    this.dbReady = true;
  }

  private scheduleRetry(): void {
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryMaxMs, delay * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick(true);
    }, delay);
    this.retryTimer.unref();
  }
}

function sizeOf(batches: Iterable<readonly unknown[]>): number {
  let n = 0;
  for (const b of batches) n += b.length;
  return n;
}
