import type { ServerDuplexStream } from '@grpc/grpc-js';

/**
 * Bounded send queue in front of one Subscribe stream. grpc-js accepts every write, so a slow client would
 * otherwise grow server memory without bound: once `write()` returns false we stop and wait for 'drain'
 * (HTTP/2 flow control), and once `limit` messages wait, new droppable messages are counted and discarded.
 */
export class OutboundQueue {
  private readonly items: { buf: Buffer; droppable: boolean }[] = [];
  private blocked = false;
  private endWhenEmpty = false;
  private closed = false;
  dropped = 0;

  constructor(
    private readonly call: ServerDuplexStream<unknown, Buffer>,
    private readonly limit: number,
    private readonly onDrop: () => void,
  ) {}

  get length(): number {
    return this.items.length;
  }

  push(buf: Buffer, droppable = true): void {
    if (this.closed) return;
    if (droppable && this.items.length >= this.limit) {
      this.dropped++;
      this.onDrop();
      return;
    }
    this.items.push({ buf, droppable });
    this.pump();
  }

  /** End the RPC with OK once everything queued has been handed to grpc-js. */
  endAfterFlush(): void {
    this.endWhenEmpty = true;
    this.pump();
  }

  close(): void {
    this.closed = true;
    this.items.length = 0;
  }

  private pump(): void {
    while (!this.blocked && !this.closed && this.items.length > 0) {
      const next = this.items.shift()!;
      if (!this.call.write(next.buf)) {
        this.blocked = true;
        this.call.once('drain', () => {
          this.blocked = false;
          this.pump();
        });
      }
    }
    if (this.endWhenEmpty && this.items.length === 0 && !this.closed) {
      this.closed = true;
      this.call.end();
    }
  }
}
