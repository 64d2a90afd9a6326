export function decodeUtf8(buf: Uint8Array, start: number, n: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, n).toString('utf8');
}

/**
 * A bounded cache from byte sequences to values: a hash of the bytes picks a bucket of two slots, a byte
 * compare confirms a hit, and a full bucket evicts its older entry. At most `size` entries of `maxLen` bytes.
 */
export class ByteTable<T> {
  private readonly keys: (Uint8Array | undefined)[];
  private readonly values: (T | undefined)[];
  private readonly fresh: Uint8Array;
  private bucket = -1;

  constructor(
    private readonly size: number,
    readonly maxLen: number,
  ) {
    this.keys = new Array<Uint8Array | undefined>(size).fill(undefined);
    this.values = new Array<T | undefined>(size).fill(undefined);
    this.fresh = new Uint8Array(size / 2);
  }

  /** The cached value for buf[start, start+n), if any; remembers the bucket for a following `set`. */
  get(buf: Uint8Array, start: number, n: number): T | undefined {
    if (n > this.maxLen) {
      this.bucket = -1;
      return undefined;
    }
    let h = 0x811c9dc5 ^ n;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const p = start + i;
      h = Math.imul(
        h ^ (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)),
        0x01000193,
      );
    }
    for (; i < n; i++) h = Math.imul(h ^ buf[start + i]!, 0x01000193);
    h ^= h >>> 15;
    const slot = (h & (this.size / 2 - 1)) * 2;
    this.bucket = slot;
    if (this.same(this.keys[slot], buf, start, n)) return this.values[slot];
    if (this.same(this.keys[slot + 1], buf, start, n)) return this.values[slot + 1];
    return undefined;
  }

  set(buf: Uint8Array, start: number, n: number, value: T): void {
    if (this.get(buf, start, n) !== undefined || this.bucket < 0) return;
    const b = this.bucket / 2;
    const slot = this.bucket + this.fresh[b]!;
    this.fresh[b] = this.fresh[b]! ^ 1;
    this.keys[slot] = Uint8Array.prototype.slice.call(buf, start, start + n);
    this.values[slot] = value;
  }

  private same(k: Uint8Array | undefined, buf: Uint8Array, start: number, n: number): boolean {
    if (k === undefined || k.length !== n) return false;
    for (let i = n - 1; i >= 0; i--) if (k[i] !== buf[start + i]) return false;
    return true;
  }
}

/** Interned short strings (path names, keys, targets). */
export class StringTable {
  static readonly MAX_LEN = 48;
  private readonly table = new ByteTable<string>(8192, StringTable.MAX_LEN);

  get(buf: Uint8Array, start: number, n: number): string {
    const hit = this.table.get(buf, start, n);
    if (hit !== undefined) return hit;
    const s = decodeUtf8(buf, start, n);
    this.table.set(buf, start, n, s);
    return s;
  }
}
