/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- proto-loader messages are untyped wire objects */
import { join } from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import type { GnmiNotification } from '../src/adapters/drivers/gnmi';

/** The baseline client of the gNMI bench: plain proto-loader, as a gNMI client without Autonet's codec. */
export function plainDefinition(): protoLoader.PackageDefinition {
  return protoLoader.loadSync('gnmi/gnmi.proto', {
    includeDirs: [join(__dirname, '..', '..', 'proto'), join(__dirname, '..', 'proto')],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
}

/** proto-loader object → the driver's notification shape (what a plain client must do before mapping). */
export function fromPlain(n: any): GnmiNotification {
  const path = (p: any) => ({
    origin: p?.origin ?? '',
    target: p?.target ?? '',
    elems: (p?.elem ?? []).map((e: any) => (e.key ? { name: e.name, key: e.key } : { name: e.name })),
  });
  const value = (v: any) => {
    if (v.value === 'uint_val') return { t: 'uint' as const, v: BigInt(v.uint_val) };
    if (v.value === 'double_val') return { t: 'double' as const, v: v.double_val as number };
    return { t: 'string' as const, v: String(v[v.value]) };
  };
  return {
    timestampNs: BigInt(n.timestamp ?? 0),
    prefix: path(n.prefix),
    updates: (n.update ?? []).map((u: any) => ({ path: path(u.path), value: value(u.val) })),
    deletes: [],
  };
}
