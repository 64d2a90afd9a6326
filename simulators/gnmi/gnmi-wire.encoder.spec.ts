/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- proto-loader messages are untyped wire objects */
import fc from 'fast-check';
import type * as grpc from '@grpc/grpc-js';
import { gnmiPackageDefinition } from './gnmi-proto.loader';
import { GnmiWireEncoder, type NotificationData } from './gnmi-wire.encoder';
import type { LeafValue } from './gnmi-tree';

const deserialize = (buf: Buffer): any =>
  (
    (gnmiPackageDefinition()['gnmi.gNMI'] as grpc.ServiceDefinition)['Subscribe']!.responseDeserialize as (
      b: Buffer,
    ) => unknown
  )(buf);

const str = fc.string({ minLength: 1, maxLength: 80 });
const elem = fc.record({
  name: str,
  key: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 70 }), { maxKeys: 2 }),
});
const leafValue: fc.Arbitrary<LeafValue> = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((v) => ({ t: 'uint' as const, v })),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((v) => ({ t: 'uint32' as const, v })),
  fc.double({ noNaN: true }).map((v) => ({ t: 'double' as const, v })),
  fc.string().map((v) => ({ t: 'string' as const, v })),
);

function expectedValue(v: LeafValue): object {
  if (v.t === 'uint' || v.t === 'uint32') return { uint_val: v.v.toString(), value: 'uint_val' };
  if (v.t === 'double' || v.t === 'decimal') return { double_val: v.v, value: 'double_val' };
  return { string_val: v.v, value: 'string_val' };
}

describe('GnmiWireEncoder', () => {
  it('produces SubscribeResponse bytes that proto-loader decodes to the same notification', () => {
    const encoder = new GnmiWireEncoder();
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }),
        str,
        fc.array(elem, { maxLength: 3 }),
        fc.array(fc.tuple(fc.array(elem, { minLength: 1, maxLength: 5 }), leafValue), { maxLength: 8 }),
        (ts, target, prefixElems, updates) => {
          const n: NotificationData = {
            timestampNs: ts,
            prefix: { target, elems: prefixElems },
            updates: updates.map(([path, value]) => ({ path, value })),
          };
          const got = deserialize(encoder.subscribeResponse(n, 'PROTO'));
          const elems = (es: typeof prefixElems) => es.map((e) => ({ name: e.name, key: e.key }));
          expect(got.response).toBe('update');
          expect(got.update.timestamp).toBe(ts.toString());
          expect(got.update.prefix).toMatchObject({ target, elem: elems(prefixElems) });
          expect(got.update.update.map((u: any) => u.path.elem)).toEqual(updates.map(([p]) => elems(p)));
          expect(got.update.update.map((u: any) => u.val)).toEqual(
            updates.map(([, v]) => expect.objectContaining(expectedValue(v))),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same bytes for cached (frozen) elements as for fresh ones', () => {
    const encoder = new GnmiWireEncoder();
    fc.assert(
      fc.property(fc.array(elem, { minLength: 1, maxLength: 4 }), (elems) => {
        const frozen = elems.map((e) => Object.freeze({ name: e.name, key: Object.freeze({ ...e.key }) }));
        const n = (path: typeof elems): NotificationData => ({
          timestampNs: 7n,
          prefix: { target: 'R1', elems: [] },
          updates: [{ path, value: { t: 'uint', v: 1n } }],
        });
        const fresh = encoder.subscribeResponse(n(elems), 'PROTO');
        expect(encoder.subscribeResponse(n(frozen), 'PROTO')).toEqual(fresh);
        expect(encoder.subscribeResponse(n(frozen), 'PROTO')).toEqual(fresh);
      }),
    );
  });

  it('encodes JSON_IETF values as RFC 7951 text (uint64 as a string)', () => {
    const n: NotificationData = {
      timestampNs: 1n,
      prefix: { target: 'R1', elems: [] },
      updates: [{ path: [{ name: 'x' }], value: { t: 'uint', v: 2n ** 64n - 1n } }],
    };
    const got = deserialize(new GnmiWireEncoder().subscribeResponse(n, 'JSON_IETF'));
    expect(got.update.update[0].val.json_ietf_val.toString()).toBe('"18446744073709551615"');
  });
});
