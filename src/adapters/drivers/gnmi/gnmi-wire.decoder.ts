import { ByteTable, decodeUtf8, StringTable } from './byte.table';
import type {
  GnmiElem,
  GnmiNotification,
  GnmiPath,
  GnmiSubscribeResponse,
  GnmiUpdate,
  GnmiValue,
} from './gnmi-wire.types';

/**
 * Hand-written decoder for gnmi.SubscribeResponse, the telemetry hot path. proto-loader's generic decode +
 * toObject (and 64-bit numbers as decimal strings) costs several times more; this reads the wire format
 * straight into the driver's own shapes, keeps uint64/int64 as bigint, and interns the short, endlessly
 * repeated path strings. Field numbers: see proto/gnmi/gnmi.proto. Unknown fields are skipped.
 */
export class GnmiWireDecoder {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private readonly interned = new StringTable();
  private readonly paths = new ByteTable<GnmiPath>(16384, 256);
  private readonly predicted: ({ readonly bytes: Uint8Array; readonly path: GnmiPath } | undefined)[] = [];

  decodeSubscribeResponse(buf: Uint8Array): GnmiSubscribeResponse {
    this.buf = buf;
    this.pos = 0;
    let out: GnmiSubscribeResponse = { kind: 'empty' };
    const end = buf.length;
    while (this.pos < end) {
      const tag = this.varint();
      const field = tag >>> 3;
      if (field === 1 && (tag & 7) === 2)
        out = { kind: 'update', notification: this.notification(this.len()) };
      else if (field === 3 && (tag & 7) === 0) out = this.varint() !== 0 ? { kind: 'sync' } : out;
      else if (field === 4 && (tag & 7) === 2)
        out = { kind: 'error', message: this.errorMessage(this.len()) };
      else this.skip(tag & 7);
    }
    return out;
  }

  /** Decodes a bare gnmi.Notification (used by tests and by callers holding one). */
  decodeNotification(buf: Uint8Array): GnmiNotification {
    this.buf = buf;
    this.pos = 0;
    return this.notification(buf.length);
  }

  private notification(end: number): GnmiNotification {
    let timestampNs = 0n;
    let prefix: GnmiPath = EMPTY_PATH;
    const updates: GnmiUpdate[] = [];
    const deletes: GnmiPath[] = [];
    while (this.pos < end) {
      const tag = this.varint();
      switch (tag) {
        case 0x08:
          timestampNs = BigInt.asIntN(64, this.varint64());
          break;
        case 0x12:
          prefix = this.cachedPath(this.len());
          break;
        case 0x22:
          updates.push(this.update(this.len(), updates.length));
          break;
        case 0x2a:
          deletes.push(this.path(this.len()));
          break;
        default:
          this.skip(tag & 7);
      }
    }
    return { timestampNs, prefix, updates, deletes };
  }

  private update(end: number, index: number): GnmiUpdate {
    let path: GnmiPath = EMPTY_PATH;
    let value: GnmiValue = UNSET;
    while (this.pos < end) {
      const tag = this.varint();
      if (tag === 0x0a) path = this.predictedPath(this.len(), index);
      else if (tag === 0x1a) value = this.typedValue(this.len());
      else this.skip(tag & 7);
    }
    return { path, value };
  }

  /**
   * Telemetry repeats the same paths every sample: identical bytes give the same (immutable) GnmiPath
   * object, so a hit costs one hash and one compare instead of decoding elements, keys and strings.
   */
  /**
   * A target sends the same paths in the same order every sample: the path of update i is first compared with
   * update i of the previous notification on this decoder (no hashing), then looked up in the path cache.
   */
  private predictedPath(end: number, index: number): GnmiPath {
    const start = this.pos;
    const n = end - start;
    const p = this.predicted[index];
    if (p !== undefined && p.bytes.length === n) {
      const buf = this.buf;
      const k = p.bytes;
      let i = n - 1;
      while (i >= 0 && k[i] === buf[start + i]) i--;
      if (i < 0) {
        this.pos = end;
        return p.path;
      }
    }
    const path = this.cachedPath(end);
    if (index < MAX_PREDICTED && n <= 256) {
      this.predicted[index] = { bytes: Uint8Array.prototype.slice.call(this.buf, start, end), path };
    }
    return path;
  }

  private cachedPath(end: number): GnmiPath {
    const start = this.pos;
    const hit = this.paths.get(this.buf, start, end - start);
    if (hit !== undefined) {
      this.pos = end;
      return hit;
    }
    const path = this.path(end);
    this.paths.set(this.buf, start, end - start, path);
    return path;
  }

  private path(end: number): GnmiPath {
    let origin = '';
    let target = '';
    const elems: GnmiElem[] = [];
    while (this.pos < end) {
      const tag = this.varint();
      if (tag === 0x1a) elems.push(this.elem(this.len()));
      else if (tag === 0x22) target = this.string(this.varint());
      else if (tag === 0x12) origin = this.string(this.varint());
      else if (tag === 0x0a) elems.push({ name: this.string(this.varint()) });
      else this.skip(tag & 7);
    }
    return { origin, target, elems };
  }

  private elem(end: number): GnmiElem {
    let name = '';
    let key: Record<string, string> | undefined;
    while (this.pos < end) {
      const tag = this.varint();
      if (tag === 0x0a) name = this.string(this.varint());
      else if (tag === 0x12) {
        key ??= {};
        this.mapEntry(this.len(), key);
      } else this.skip(tag & 7);
    }
    return key === undefined ? { name } : { name, key };
  }

  private mapEntry(end: number, into: Record<string, string>): void {
    let k = '';
    let v = '';
    while (this.pos < end) {
      const tag = this.varint();
      if (tag === 0x0a) k = this.string(this.varint());
      else if (tag === 0x12) v = this.string(this.varint());
      else this.skip(tag & 7);
    }
    into[k] = v;
  }

  private typedValue(end: number): GnmiValue {
    let value: GnmiValue = UNSET;
    while (this.pos < end) {
      const tag = this.varint();
      const field = tag >>> 3;
      switch (tag) {
        case 0x18:
          value = { t: 'uint', v: this.varint64() };
          break;
        case 0x0a:
        case 0x62:
          value = { t: 'string', v: this.string(this.varint()) };
          break;
        case 0x10:
          value = { t: 'int', v: BigInt.asIntN(64, this.varint64()) };
          break;
        case 0x71:
          value = { t: 'double', v: this.double() };
          break;
        case 0x20:
          value = { t: 'bool', v: this.varint() !== 0 };
          break;
        case 0x35:
          value = { t: 'double', v: this.float() };
          break;
        case 0x52:
        case 0x5a:
          value = { t: 'json', v: this.utf8(this.varint()) };
          break;
        case 0x2a:
        case 0x6a:
          value = { t: 'bytes', v: this.bytes(this.varint()) };
          break;
        default:
          this.skip(tag & 7);
          value = { t: 'unsupported', field };
      }
    }
    return value;
  }

  private errorMessage(end: number): string {
    let message = '';
    while (this.pos < end) {
      const tag = this.varint();
      if (tag === 0x12) message = this.utf8(this.varint());
      else this.skip(tag & 7);
    }
    return message;
  }

  /** End offset of a length-delimited field starting here. */
  private len(): number {
    const n = this.varint();
    const end = this.pos + n;
    if (end > this.buf.length) throw new RangeError('gnmi: truncated message');
    return end;
  }

  /** A varint that fits in 32 bits (tags, lengths, enums, bools). */
  private varint(): number {
    const buf = this.buf;
    let b = buf[this.pos++]!;
    if (b < 128) return b;
    let x = b & 127;
    b = buf[this.pos++]!;
    x |= (b & 127) << 7;
    if (b < 128) return x;
    b = buf[this.pos++]!;
    x |= (b & 127) << 14;
    if (b < 128) return x;
    b = buf[this.pos++]!;
    x |= (b & 127) << 21;
    if (b < 128) return x;
    b = buf[this.pos++]!;
    x += (b & 15) * 2 ** 28;
    // Negative int32 enums are sign-extended to 10 bytes: drop the high bytes.
    while (b >= 128) b = buf[this.pos++]!;
    if (this.pos > buf.length) throw new RangeError('gnmi: truncated varint');
    return x >>> 0;
  }

  /** A full 64-bit varint as an unsigned bigint; below 2^49 it never touches BigInt arithmetic. */
  private varint64(): bigint {
    const buf = this.buf;
    let n = 0;
    let mul = 1;
    for (let i = 0; i < 7; i++) {
      const b = buf[this.pos++];
      if (b === undefined) throw new RangeError('gnmi: truncated varint');
      n += (b & 127) * mul;
      if (b < 128) return BigInt(n);
      mul *= 128;
    }
    let big = BigInt(n);
    let shift = 49n;
    for (;;) {
      const b = buf[this.pos++];
      if (b === undefined) throw new RangeError('gnmi: truncated varint');
      big |= BigInt(b & 127) << shift;
      if (b < 128) return BigInt.asUintN(64, big);
      shift += 7n;
    }
  }

  private double(): number {
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return v;
  }

  private float(): number {
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4).getFloat32(0, true);
    this.pos += 4;
    return v;
  }

  private bytes(n: number): Uint8Array {
    const out = Uint8Array.prototype.slice.call(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private utf8(n: number): string {
    const s = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, n).toString('utf8');
    this.pos += n;
    return s;
  }

  /** Path names, keys and targets: short and repeated in every notification, so interned. */
  private string(n: number): string {
    const start = this.pos;
    this.pos += n;
    if (this.pos > this.buf.length) throw new RangeError('gnmi: truncated string');
    return n <= StringTable.MAX_LEN ? this.interned.get(this.buf, start, n) : decodeUtf8(this.buf, start, n);
  }

  private skip(wireType: number): void {
    if (wireType === 0) this.varint64();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.pos = this.len();
    else if (wireType === 5) this.pos += 4;
    else throw new RangeError(`gnmi: unsupported wire type ${wireType}`);
  }
}

const MAX_PREDICTED = 8192;
const EMPTY_PATH: GnmiPath = { origin: '', target: '', elems: [] };
const UNSET: GnmiValue = { t: 'unsupported', field: 0 };
