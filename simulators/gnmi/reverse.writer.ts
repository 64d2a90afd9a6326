/**
 * A protobuf writer that fills a buffer from the end towards the start. Writing a message's fields in
 * reverse order means every nested message's length is known when its header is written: one pass, no
 * size pre-computation and no copying of sub-messages (the same idea as the "reverse" writers of
 * upb and FlatBuffers). Repeated fields must therefore be written last element first.
 */
export class ReverseWriter {
  private buf: Buffer;
  private pos: number;

  constructor(initialSize = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
    this.pos = initialSize;
  }

  /** Bytes written so far; take one before a nested message and pass it to `close`. */
  mark(): number {
    return this.buf.length - this.pos;
  }

  /** Length-prefix everything written since `mark` and tag it as field `field`. */
  close(field: number, mark: number): void {
    this.varint(this.buf.length - this.pos - mark);
    this.tag(field, 2);
  }

  tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** Non-negative integer below 2^53. */
  varint(n: number): void {
    let len = 1;
    for (let x = n; x >= 128; x = Math.floor(x / 128)) len++;
    this.reserve(len);
    let p = (this.pos -= len);
    const buf = this.buf;
    while (n >= 128) {
      buf[p++] = (n % 128) | 128;
      n = Math.floor(n / 128);
    }
    buf[p] = n;
  }

  /** A 64-bit varint (uint64, or int64 in two's complement). */
  varint64(v: bigint): void {
    if (v >= 0n && v <= 0x1fffffffffffffn) {
      this.varint(Number(v));
      return;
    }
    let x = BigInt.asUintN(64, v);
    const bytes: number[] = [];
    while (x >= 128n) {
      bytes.push(Number(x & 127n) | 128);
      x >>= 7n;
    }
    bytes.push(Number(x));
    this.reserve(bytes.length);
    this.pos -= bytes.length;
    for (let i = 0; i < bytes.length; i++) this.buf[this.pos + i] = bytes[i]!;
  }

  bool(field: number, v: boolean): void {
    this.reserve(1);
    this.buf[--this.pos] = v ? 1 : 0;
    this.tag(field, 0);
  }

  double(field: number, v: number): void {
    this.reserve(8);
    this.pos -= 8;
    this.buf.writeDoubleLE(v, this.pos);
    this.tag(field, 1);
  }

  string(field: number, s: string): void {
    const n = s.length;
    this.reserve(n);
    const start = this.pos - n;
    let len = n;
    let ascii = n < 64;
    for (let i = 0; ascii && i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) ascii = false;
      else this.buf[start + i] = c;
    }
    if (ascii) {
      this.pos = start;
    } else {
      len = Buffer.byteLength(s);
      this.reserve(len);
      this.pos -= len;
      this.buf.write(s, this.pos, len, 'utf8');
    }
    this.varint(len);
    this.tag(field, 2);
  }

  /** Bytes that are already a complete encoded field (tag included). */
  raw(b: Uint8Array): void {
    this.reserve(b.length);
    this.pos -= b.length;
    this.buf.set(b, this.pos);
  }

  bytes(field: number, b: Uint8Array): void {
    this.reserve(b.length);
    this.pos -= b.length;
    this.buf.set(b, this.pos);
    this.varint(b.length);
    this.tag(field, 2);
  }

  /** A copy of the encoded bytes; the writer is then reset for reuse. */
  finish(): Buffer {
    const out = Buffer.from(this.buf.subarray(this.pos));
    this.pos = this.buf.length;
    return out;
  }

  private reserve(n: number): void {
    if (this.pos >= n) return;
    const used = this.buf.length - this.pos;
    const size = Math.max(this.buf.length * 2, used + n + 1024);
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, size - used, this.pos);
    this.buf = next;
    this.pos = size - used;
  }
}
