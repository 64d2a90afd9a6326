import fc from 'fast-check';
import type * as grpc from '@grpc/grpc-js';
import { gnmiDefinition } from './gnmi-proto';
import { GnmiWireDecoder } from './gnmi-wire.decoder';

const serialize = (obj: object): Buffer =>
  (
    (gnmiDefinition()['gnmi.gNMI'] as grpc.ServiceDefinition)['Subscribe']!.responseSerialize as (
      o: object,
    ) => Buffer
  )(obj);

const name = fc.string({ minLength: 1, maxLength: 70 });
const elem = fc.record({
  name,
  key: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 60 }), { maxKeys: 2 }),
});
const path = fc.record({
  origin: fc.string({ maxLength: 5 }),
  target: fc.string({ maxLength: 5 }),
  elems: fc.array(elem, { maxLength: 5 }),
});
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const i64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const value = fc.oneof(
  u64.map((v) => ({ wire: { uint_val: v.toString() }, expected: { t: 'uint', v } })),
  i64.map((v) => ({ wire: { int_val: v.toString() }, expected: { t: 'int', v } })),
  fc.double({ noNaN: true }).map((v) => ({ wire: { double_val: v }, expected: { t: 'double', v } })),
  fc.string().map((v) => ({ wire: { string_val: v }, expected: { t: 'string', v } })),
  fc.boolean().map((v) => ({ wire: { bool_val: v }, expected: { t: 'bool', v } })),
  fc.json().map((v) => ({ wire: { json_ietf_val: Buffer.from(v) }, expected: { t: 'json', v } })),
);
const toWirePath = (p: {
  origin: string;
  target: string;
  elems: { name: string; key: Record<string, string> }[];
}) => ({
  origin: p.origin,
  target: p.target,
  elem: p.elems.map((e) => ({ name: e.name, key: e.key })),
});
const expectedPath = (p: {
  origin: string;
  target: string;
  elems: { name: string; key: Record<string, string> }[];
}) => ({
  origin: p.origin,
  target: p.target,
  elems: p.elems.map((e) =>
    Object.keys(e.key).length > 0 ? { name: e.name, key: e.key } : { name: e.name },
  ),
});

/** A path of the same encoded length that differs in one byte (or, without elements, one more element). */
function sameLengthChange(elems: { name: string; key: Record<string, string> }[]) {
  const [first, ...rest] = elems;
  if (first === undefined) return [{ name: 'x', key: {} }];
  const last = first.name.charCodeAt(first.name.length - 1);
  const swapped = last < 128 ? String.fromCharCode(last === 97 ? 98 : 97) : first.name.slice(-1);
  return [{ ...first, name: first.name.slice(0, -1) + swapped + (last < 128 ? '' : 'x') }, ...rest];
}

describe('GnmiWireDecoder', () => {
  it('decodes whatever proto-loader encodes, keeping 64-bit values exact', () => {
    const decoder = new GnmiWireDecoder();
    fc.assert(
      fc.property(
        i64,
        path,
        fc.array(fc.tuple(path, value), { maxLength: 6 }),
        fc.array(path, { maxLength: 2 }),
        (ts, prefix, updates, deletes) => {
          const buf = serialize({
            update: {
              timestamp: ts.toString(),
              prefix: toWirePath(prefix),
              update: updates.map(([p, v]) => ({ path: toWirePath(p), val: v.wire })),
              delete: deletes.map(toWirePath),
            },
          });
          const got = decoder.decodeSubscribeResponse(buf);
          expect(got).toEqual({
            kind: 'update',
            notification: {
              timestampNs: ts,
              prefix: expectedPath(prefix),
              updates: updates.map(([p, v]) => ({ path: expectedPath(p), value: v.expected })),
              deletes: deletes.map(expectedPath),
            },
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays exact when paths repeat from one notification to the next (path prediction and caches)', () => {
    const decoder = new GnmiWireDecoder();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(path, u64), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        u64,
        (updates, pick, other) => {
          const encode = (ups: typeof updates) =>
            serialize({
              update: {
                timestamp: '1',
                update: ups.map(([p, v]) => ({ path: toWirePath(p), val: { uint_val: v.toString() } })),
              },
            });
          const changed = updates.map(([p, v], i): [typeof p, bigint] =>
            i === pick % updates.length
              ? [{ ...p, elems: sameLengthChange(p.elems) }, other]
              : [p, (v + 1n) % 2n ** 64n],
          );
          for (const ups of [updates, updates, changed, updates]) {
            const got = decoder.decodeSubscribeResponse(encode(ups));
            expect(got.kind === 'update' && got.notification.updates).toEqual(
              ups.map(([p, v]) => ({ path: expectedPath(p), value: { t: 'uint', v } })),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decodes sync_response and rejects truncated input', () => {
    const decoder = new GnmiWireDecoder();
    expect(decoder.decodeSubscribeResponse(serialize({ sync_response: true }))).toEqual({ kind: 'sync' });
    const buf = serialize({
      update: {
        timestamp: '5',
        prefix: { target: 'R1' },
        update: [{ path: { elem: [{ name: 'x' }] }, val: { uint_val: '7' } }],
      },
    });
    expect(() => decoder.decodeSubscribeResponse(buf.subarray(0, buf.length - 3))).toThrow(RangeError);
  });
});
