/**
 * A bounded FIFO over a fixed ring buffer. `enqueue` never grows memory: when full it refuses the item,
 * returns false and counts the drop, so the producer sees back-pressure and nothing disappears uncounted.
 */
export class BoundedQueue<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private length = 0;
  private droppedCount = 0;
  private enqueuedCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`bounded-queue: capacity must be a positive integer, got ${capacity}`);
    }
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.length;
  }
  get dropped(): number {
    return this.droppedCount;
  }
  /** Items ever accepted (dequeued or still queued). */
  get enqueued(): number {
    return this.enqueuedCount;
  }
  get full(): boolean {
    return this.length === this.capacity;
  }

  enqueue(item: T): boolean {
    if (this.length === this.capacity) {
      this.droppedCount++;
      return false;
    }
    let tail = this.head + this.length;
    if (tail >= this.capacity) tail -= this.capacity;
    this.items[tail] = item;
    this.length++;
    this.enqueuedCount++;
    return true;
  }

  dequeue(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.length--;
    return item;
  }

  peek(): T | undefined {
    return this.length === 0 ? undefined : this.items[this.head];
  }

  /** Removes up to `max` items from the front into `out` (appended); returns how many were moved. */
  drainInto(out: T[], max: number = this.length): number {
    const n = max < this.length ? max : this.length;
    for (let i = 0; i < n; i++) out.push(this.dequeue() as T);
    return n;
  }

  /** Counts a drop decided by the owner (e.g. evicting the oldest item to make room). */
  countDrop(n = 1): void {
    this.droppedCount += n;
  }
}
