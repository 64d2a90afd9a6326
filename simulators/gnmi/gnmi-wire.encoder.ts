import type { Elem } from './gnmi-path';
import type { LeafValue } from './gnmi-tree';
import { ReverseWriter } from './reverse.writer';

/**
 * Hand-written encoder for the hot path: SubscribeResponse{update: Notification}. Field numbers are those
 * of proto/gnmi/gnmi.proto (gnmi.SubscribeResponse.update = 1, sync_response = 3; Notification.timestamp =
 * 1, prefix = 2, update = 4, delete = 5; Update.path = 1, val = 3; Path.origin = 2, elem = 3, target = 4;
 * PathElem.name = 1, key = 2 (map entry key = 1, value = 2); TypedValue.string_val = 1, uint_val = 3,
 * double_val = 14, json_val = 10, json_ietf_val = 11). The spec test checks it against proto-loader.
 */

export type ValueEncoding = 'PROTO' | 'JSON' | 'JSON_IETF';

export interface NotificationData {
  readonly timestampNs: bigint;
  readonly prefix: { readonly target: string; readonly origin?: string; readonly elems: readonly Elem[] };
  readonly updates: readonly { readonly path: readonly Elem[]; readonly value: LeafValue }[];
  readonly deletes?: readonly (readonly Elem[])[];
}

const SYNC = Buffer.from([0x18, 0x01]);

/** SubscribeResponse{sync_response: true}. */
export function encodeSyncResponse(): Buffer {
  return SYNC;
}

export class GnmiWireEncoder {
  private readonly w = new ReverseWriter();
  private readonly scratch = new ReverseWriter(1024);
  /** Encoded `Path.elem` field per (immutable) element object: telemetry repeats the same elements. */
  private readonly elemBytes = new WeakMap<Elem, Buffer>();

  /** SubscribeResponse{update: n}. */
  subscribeResponse(n: NotificationData, encoding: ValueEncoding): Buffer {
    const w = this.w;
    const m = w.mark();
    this.notification(n, encoding);
    w.close(1, m);
    return w.finish();
  }

  private notification(n: NotificationData, encoding: ValueEncoding): void {
    const w = this.w;
    const deletes = n.deletes ?? [];
    for (let i = deletes.length - 1; i >= 0; i--) {
      const m = w.mark();
      this.pathBody(deletes[i]!, '', '');
      w.close(5, m);
    }
    for (let i = n.updates.length - 1; i >= 0; i--) {
      const u = n.updates[i]!;
      const m = w.mark();
      const mv = w.mark();
      typedValue(w, u.value, encoding);
      w.close(3, mv);
      const mp = w.mark();
      this.pathBody(u.path, '', '');
      w.close(1, mp);
      w.close(4, m);
    }
    const mp = w.mark();
    this.pathBody(n.prefix.elems, n.prefix.origin ?? '', n.prefix.target);
    w.close(2, mp);
    if (n.timestampNs !== 0n) {
      w.varint64(n.timestampNs);
      w.tag(1, 0);
    }
  }

  private pathBody(elems: readonly Elem[], origin: string, target: string): void {
    const w = this.w;
    if (target !== '') w.string(4, target);
    for (let i = elems.length - 1; i >= 0; i--) w.raw(this.elemField(elems[i]!));
    if (origin !== '') w.string(2, origin);
  }

  /** Path.elem (field 3) with its PathElem body, cached per element object. */
  private elemField(e: Elem): Buffer {
    let bytes = this.elemBytes.get(e);
    if (bytes) return bytes;
    const w = this.scratch;
    const m = w.mark();
    if (e.key) {
      const keys = Object.keys(e.key);
      for (let k = keys.length - 1; k >= 0; k--) {
        const mk = w.mark();
        w.string(2, e.key[keys[k]!]!);
        w.string(1, keys[k]!);
        w.close(2, mk);
      }
    }
    w.string(1, e.name);
    w.close(3, m);
    bytes = w.finish();
    if (Object.isFrozen(e)) this.elemBytes.set(e, bytes);
    return bytes;
  }
}

function typedValue(w: ReverseWriter, v: LeafValue, encoding: ValueEncoding): void {
  if (encoding !== 'PROTO') {
    w.bytes(encoding === 'JSON' ? 10 : 11, Buffer.from(leafJson(v)));
    return;
  }
  switch (v.t) {
    case 'uint':
      w.varint64(v.v);
      w.tag(3, 0);
      return;
    case 'uint32':
      w.varint(v.v);
      w.tag(3, 0);
      return;
    case 'double':
    case 'decimal':
      w.double(14, v.v);
      return;
    case 'string':
      w.string(1, v.v);
      return;
  }
}

/** RFC 7951 JSON text of a scalar leaf (64-bit integers are JSON strings). */
export function leafJson(v: LeafValue): string {
  switch (v.t) {
    case 'uint':
      return `"${v.v.toString()}"`;
    case 'uint32':
      return String(v.v);
    case 'double':
      return Number.isFinite(v.v) ? String(v.v) : '0';
    case 'decimal':
      return `"${(Number.isFinite(v.v) ? v.v : 0).toFixed(v.digits)}"`;
    case 'string':
      return JSON.stringify(v.v);
  }
}
